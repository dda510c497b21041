// The time limit of one request's work, and the ledger-line limit checked before the work starts.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseDeclarationText } from '../../src/declaration/parse.js';
import { sourceFromText } from '../../src/declaration/source.js';
import { Deadline } from '../../src/serve/deadline.js';
import { HttpError } from '../../src/serve/errors.js';
import { ledgerLineCount, refuseLongLedger, yamlLedgerLineBound } from '../../src/serve/ledgerLimit.js';

describe('Deadline', () => {
  it('passes work that ends in time through, value or error', async () => {
    const deadline = new Deadline(10_000, 'check');
    await expect(deadline.race(Promise.resolve(42))).resolves.toBe(42);
    await expect(deadline.race(Promise.reject(new Error('no')))).rejects.toThrow('no');
    deadline.checkpoint();
    deadline.dispose();
  });

  it('answers 503 timeout once the time is up, without waiting for the work, and aborts its signal', async () => {
    const deadline = new Deadline(20, 'check');
    const never = new Promise<never>(() => undefined);
    const error = await deadline.race(never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ statusCode: 503, code: 'timeout' });
    expect((error as HttpError).message).toContain('20 ms');
    expect(deadline.signal.aborted).toBe(true);
    expect(() => deadline.checkpoint()).toThrow(HttpError);
    // Work that fails after the limit is not an unhandled rejection.
    await expect(deadline.race(Promise.reject(new Error('late')))).rejects.toMatchObject({ code: 'timeout' });
    deadline.dispose();
  });
});

describe('the ledger-line limit', () => {
  const ledger = (lines: number, format: 'json' | 'yaml') => {
    const data = { id: 'x', ledger: { inputs: Array(Math.ceil(lines / 2)).fill(1), outputs: Array(Math.floor(lines / 2)).fill(1) } };
    return format === 'json' ? sourceFromText('request.json', JSON.stringify(data)) : sourceFromText('request.yaml', `id: x\nledger:\n  inputs: [${data.ledger.inputs.join(',')}]\n  outputs:\n${data.ledger.outputs.map(() => '  -\n').join('')}`);
  };

  it('counts inputs plus outputs, in JSON and YAML, block or flow', () => {
    expect(ledgerLineCount(ledger(101, 'json'))).toBe(101);
    expect(ledgerLineCount(ledger(101, 'yaml'))).toBe(101);
    expect(ledgerLineCount(sourceFromText('request.yaml', 'id: [unclosed'))).toBe(0);
  });

  it('refuses one line over the limit with 413, even written as tersely as possible', () => {
    for (const format of ['json', 'yaml'] as const) {
      expect(() => refuseLongLedger(ledger(100, format), 100)).not.toThrow();
      expect(() => refuseLongLedger(ledger(101, format), 100)).toThrow(expect.objectContaining({ statusCode: 413, code: 'too-many-ledger-lines' }));
    }
  });
});

describe('the bound on YAML ledger lines, counted without parsing', () => {
  const yamlSources = [
    ...['steel-credit-transition.yaml', 'cocoa-eudr-compliant.yaml', 'chemicals-two-groups.yaml', 'steel-rolling-average.yaml'].map((f) => readFileSync(`examples/${f}`, 'utf8')),
    'ledger:\n  inputs: [1,1,1]\n  outputs:\n  - - 1\n  -\n  -\t2\n',
    'ledger:\n  inputs: &x\n    - a\n    - b\n  outputs: *x\n',
    'ledger: {inputs: [a, [b, c]], outputs: [-1, - 2]}\n',
    '\uFEFF- x\n',
  ];

  it('is never below the true count of inputs plus outputs', () => {
    for (const text of yamlSources) {
      const source = sourceFromText('request.yaml', text);
      expect(yamlLedgerLineBound(text), text.slice(0, 60)).toBeGreaterThanOrEqual(ledgerLineCount(source));
    }
    expect(ledgerLineCount(sourceFromText('request.yaml', yamlSources[5]!))).toBe(4);
  });

  it('is never below the true count, whatever the YAML style and the values (property)', () => {
    const scalar = fc.oneof(fc.integer(), fc.string({ unit: fc.constantFrom('-', ',', ' ', '[', 'a', '\n', '#', ':', '"', "'") }), fc.constant(null));
    const item = fc.oneof(scalar, fc.dictionary(fc.constantFrom('id', 'date', 'x-y'), scalar, { maxKeys: 3 }), fc.array(scalar, { maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(item, { maxLength: 12 }), fc.array(item, { maxLength: 12 }), fc.constantFrom('block', 'flow') as fc.Arbitrary<'block' | 'flow'>, fc.boolean(), (inputs, outputs, collectionStyle, indentSeq) => {
        const text = stringify({ id: 'p', ledger: { inputs, outputs } }, null, { collectionStyle, indentSeq });
        const source = sourceFromText('request.yaml', text);
        // yaml's stringify writes an empty flow sequence it cannot read back when indentSeq is off: not our case.
        fc.pre(parseDeclarationText(source).ok);
        const counted = ledgerLineCount(source);
        expect(counted).toBe(inputs.length + outputs.length);
        expect(yamlLedgerLineBound(text)).toBeGreaterThanOrEqual(counted);
      }),
      { numRuns: 300 },
    );
  });

  it('spares a typical YAML ledger the second parse', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `    - { id: in-${i}, date: 2026-01-05, site: s1, material: slab, quantity: 10, emissionFactor: 2.1 }`);
    const text = `id: x\nledger:\n  unit: t\n  inputs:\n${lines.join('\n')}\n  outputs: []\n`;
    expect(yamlLedgerLineBound(text)).toBeLessThan(10_000);
    expect(ledgerLineCount(sourceFromText('request.yaml', text))).toBe(400);
  });
});
