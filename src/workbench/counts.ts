// A ruleset's counts in words, as the result pane shows them beside its verdict. No DOM here: the numbers are
// the command line's and the report's, and a unit test holds them to that.
import type { CheckedResult, PlacedFinding } from './api.js';

type Finding = PlacedFinding;
type Level = Finding['level'];
type RulesetSummary = NonNullable<CheckedResult['rulesets']>[number];

/** The failures that are not waived, by level (the verdict sentence's words): only a shall failure fails its ruleset; should warns, may notes. */
export function failuresByLevel(findings: readonly Finding[]): Record<Level, number> {
  const counts: Record<Level, number> = { shall: 0, should: 0, may: 0 };
  for (const f of findings) if (f.outcome === 'fail' && !f.waiver) counts[f.level] += 1;
  return counts;
}

/**
 * A ruleset's counts: its failures as the command line and the report's Fail column count them (should and may
 * failures, and waived ones, too), split by level, so that a passing ruleset's "1 fail" says it is only a note.
 */
export function countsText(ruleset: RulesetSummary, findings: readonly Finding[]): string {
  const failed: Record<Level, number> = { shall: 0, should: 0, may: 0 };
  for (const f of findings) if (f.ruleset === ruleset.id && f.outcome === 'fail') failed[f.level] += 1;
  const levels = (['shall', 'should', 'may'] as const).filter((level) => failed[level] > 0);
  let split = levels.map((level) => `${failed[level]} ${level}`).join(', ');
  // Without a shall failure the ruleset does not fail: say what the failures are instead.
  if (!failed.shall && levels.length === 1) split += failed.should ? (failed.should === 1 ? ', a warning' : ', warnings') : failed.may === 1 ? ', a note' : ', notes';
  else if (!failed.shall && levels.length === 2) split += ': warnings and notes';
  const parts = [`${ruleset.counts.fail} fail${split ? ` (${split})` : ''}`];
  parts.push(`${ruleset.counts.cannotTell} cannot tell`, `${ruleset.counts.pass} pass`, `${ruleset.counts.notApplicable} n/a`);
  if (ruleset.counts.waived) parts.push(`${ruleset.counts.waived} waived`);
  return parts.join(', ');
}
