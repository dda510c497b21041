// The piecewise JSON writer must write JSON.stringify's bytes exactly, and walk a table not yet read without
// keeping it.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { writeJson } from '../../src/format/jsonWriter.js';
import { formatJson, formatJsonl } from '../../src/format/json.js';
import { tableOnFirstRead } from '../../src/lazyTable.js';
import { deriveMetrics } from '../../src/metrics/derive.js';
import type { Declaration } from '../../src/generated/declaration.js';

function written(value: unknown, indent?: string): { text: string; writes: number } {
  const parts: Uint8Array[] = [];
  writeJson(value, (chunk) => parts.push(chunk), indent);
  return { text: Buffer.concat(parts).toString('utf8'), writes: parts.length };
}

/** Values JSON.stringify treats specially: undefined and functions (left out, or null in arrays), NaN, toJSON. */
const odd = fc.oneof(fc.constant(undefined), fc.constant(() => 1), fc.constant(Number.NaN), fc.constant(-0), fc.constant(Infinity), fc.date({ noInvalidDate: true }), fc.constant({ toJSON: () => undefined }), fc.constant({ toJSON: (key: string) => `at ${key}` }));
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), odd, fc.array(tie('any'), { maxLength: 4 }), fc.dictionary(fc.string(), tie('any'), { maxKeys: 4 })),
})).any;

describe('writeJson', () => {
  it('writes what JSON.stringify writes, with and without indentation (property)', () => {
    fc.assert(
      fc.property(value, fc.constantFrom(undefined, '  ', '\t'), (v, indent) => {
        expect(written(v, indent).text).toBe(JSON.stringify(v, null, indent) ?? '');
      }),
      { numRuns: 500 },
    );
  });

  it('writes a large value in chunks of about two megabytes, multi-byte characters included', () => {
    const big = { rows: Array.from({ length: 6000 }, (_, i) => ({ i, text: 'x'.repeat(1000), name: 'Stahl für Autos 低碳钢卷 😀' })) };
    const { text, writes } = written(big, '  ');
    expect(text).toBe(JSON.stringify(big, null, 2));
    expect(writes).toBeGreaterThan(2);
  });

  it('walks a table not read yet row by row, writes what reading it would give, and leaves it unread', () => {
    const example = parseYaml(readFileSync('examples/steel-credit-transition.yaml', 'utf8')) as Declaration;
    const metrics = deriveMetrics(example);
    const { text } = written(metrics, '  ');
    expect(Object.getOwnPropertyDescriptor(metrics.ledger!, 'outputs')!.get).toBeTypeOf('function');
    expect(text).toBe(JSON.stringify(deriveMetrics(example), null, 2));
    const holder = {};
    tableOnFirstRead(holder as { rows: number[] }, 'rows', function* () { yield* [1, 2, 3]; });
    expect(written(holder).text).toBe('{"rows":[1,2,3]}');
    expect((holder as { rows: number[] }).rows).toEqual([1, 2, 3]);
  });

  it('is what the json and jsonl formats write', () => {
    const result = { verdict: 'pass', nested: { list: [1, 'a', null] } } as never;
    expect(formatJson([result])).toBe(JSON.stringify(result, null, 2) + '\n');
    expect(formatJson([result, result])).toBe(JSON.stringify([result, result], null, 2) + '\n');
    expect(formatJsonl([result, result])).toBe(`${JSON.stringify(result)}\n${JSON.stringify(result)}\n`);
  });
});
