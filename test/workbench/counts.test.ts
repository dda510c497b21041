// The result pane's counts (counts.ts): the number of failures is the command line's and the report's (counts.fail,
// should and may failures included), split by level, so that the page and the report never disagree.
import { describe, expect, it } from 'vitest';
import { checkSource, resolveRulesets } from '../../src/check.js';
import { sourceFromBytes } from '../../src/declaration/source.js';
import { countsText } from '../../src/workbench/counts.js';
import { exampleBytes } from '../serve/helpers.js';

async function checked(example: string) {
  const result = await checkSource(sourceFromBytes(example, exampleBytes(example)), {}, resolveRulesets({}));
  const findings = result.findings ?? [];
  return Object.fromEntries((result.rulesets ?? []).map((r) => [r.id, { text: countsText(r, findings), fail: r.counts.fail }]));
}

describe('countsText', () => {
  it('says the stacked example\'s failures as the report counts them, split by level', async () => {
    const rows = await checked('steel-stacked-100-percent.yaml');
    expect(rows['integrity']!.text).toMatch(/^6 fail \(5 shall, 1 should\), /);
    expect(rows['ghg-protocol']!.text).toMatch(/^1 fail \(1 may, a note\), /);
    for (const { text, fail } of Object.values(rows)) expect(text.startsWith(`${fail} fail`)).toBe(true);
  });

  it('words failures without a shall one, and none', () => {
    const ruleset = { id: 'r', version: '1.0.0', title: 'R', verdict: 'pass', sha256: '', counts: { pass: 1, fail: 3, notApplicable: 0, cannotTell: 0, waived: 1 } };
    const finding = (level: string, waived = false) => ({ ruleset: 'r', outcome: 'fail', level, ...(waived ? { waiver: {} } : {}) });
    const text = (findings: object[], fail = findings.length) => countsText({ ...ruleset, counts: { ...ruleset.counts, fail } } as never, findings as never);
    expect(text([finding('should'), finding('should'), finding('may', true)])).toBe('3 fail (2 should, 1 may: warnings and notes), 0 cannot tell, 1 pass, 0 n/a, 1 waived');
    expect(text([finding('should')])).toBe('1 fail (1 should, a warning), 0 cannot tell, 1 pass, 0 n/a, 1 waived');
    expect(text([finding('may'), finding('may')])).toBe('2 fail (2 may, notes), 0 cannot tell, 1 pass, 0 n/a, 1 waived');
    expect(text([])).toBe('0 fail, 0 cannot tell, 1 pass, 0 n/a, 1 waived');
  });
});
