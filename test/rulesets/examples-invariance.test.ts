// The acceptance, as a verifier would try it: every bundled example in kilograms (quantities x1000) and
// repeated 1,000 times (ids renamed) gets the same verdicts, rule by rule, as the original.
import { readdirSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check.js';
import { sourceFromText } from '../../src/declaration/source.js';
import type { Declaration, LedgerInput, LedgerOutput } from '../../src/generated/declaration.js';

const AS_OF = '2026-11-29';
/** The examples with a ledger in tonnes (a method-only declaration has no books to scale). */
const examples = readdirSync('examples')
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((file) => ({ file, declaration: parseYaml(readFileSync(`examples/${file}`, 'utf8')) as Declaration }))
  .filter(({ declaration }) => declaration.ledger?.unit === 't');

const outcomes = async (d: Declaration) => {
  const result = await checkSource(sourceFromText('example.json', JSON.stringify(d)), { asOf: AS_OF });
  return { verdict: result.verdict, rulesets: result.rulesets?.map((r) => [r.id, r.version, r.verdict]), findings: Object.fromEntries((result.findings ?? []).map((f) => [f.ruleId, f.outcome])) };
};

function inKilogramsRepeated(d: Declaration, times: number): Declaration {
  const l = d.ledger!;
  const copies = <T extends LedgerInput | LedgerOutput>(lines: readonly T[]): T[] =>
    lines.flatMap((line) =>
      Array.from({ length: times }, (_, c) => ({
        ...line,
        id: c === 0 ? line.id : `${line.id}.r${c}`,
        quantity: line.quantity * 1000,
        ...('certificateId' in line && line.certificateId && c > 0 ? { certificateId: `${line.certificateId}.r${c}` } : {}),
      })),
    );
  return { ...d, ledger: { ...l, unit: 'kg', inputs: copies(l.inputs) as typeof l.inputs, outputs: copies(l.outputs) } };
}

describe('bundled examples in kilograms and repeated 1,000 times', () => {
  it('covers every bundled example with a ledger', () => expect(examples.length).toBeGreaterThanOrEqual(7));
  for (const { file, declaration } of examples) {
    it(`${file}: the same verdict of every rule`, async () => {
      expect(await outcomes(inKilogramsRepeated(declaration, 1000))).toEqual(await outcomes(declaration));
    });
  }
});
