// Applies a verifier's waivers to a check: a failing finding matched by an unexpired waiver (its rule, and the
// value its pointer names, when it has one) keeps its outcome fail, carries the waiver, and no longer fails its
// ruleset. Every waiver is listed with what became of it; an expired one never applies and is a finding itself.
import type { FindingPlace } from '../findingPlaces.js';
import type { Waiver } from '../generated/waivers.js';
import type { CheckResult, Finding, WaiverOutcome } from '../result.js';

/** Whether a waiver for a value covers a finding placed at a pointer: that value, or one inside it. */
function covers(waiver: Waiver, place: FindingPlace | undefined): boolean {
  if (waiver.pointer === undefined) return true;
  if (!place) return false;
  return place.pointer === waiver.pointer || place.pointer.startsWith(`${waiver.pointer}/`);
}

function expiredFinding(waiver: Waiver, asOf: string): Finding {
  return {
    ruleId: 'waivers/expired',
    ruleset: 'waivers',
    title: 'A waiver has expired',
    decision: null,
    level: 'should',
    severity: 'warning',
    outcome: 'fail',
    message: `The waiver for ${waiver.rule}${waiver.pointer ? ` at ${waiver.pointer}` : ''}, approved by ${waiver.approvedBy}, expired on ${waiver.expires} (the check is as of ${asOf}): it no longer applies, and the failure it covered counts again.`,
    citation: { document: 'the waivers file', clause: waiver.rule },
    interpretation: false,
    remediation: 'Review the failure again: correct the declaration, or renew the waiver with a new expiry and reason.',
    evidence: { rule: waiver.rule, expires: waiver.expires, approvedBy: waiver.approvedBy, ...(waiver.pointer ? { pointer: waiver.pointer } : {}) },
  };
}

/** A waiver whose rule none of the rulesets checked has: a misspelt id, or a rule of a ruleset not selected. */
function unknownRuleFinding(waiver: Waiver, rulesets: readonly string[]): Finding {
  return {
    ruleId: 'waivers/unknown-rule',
    ruleset: 'waivers',
    title: 'A waiver names a rule that was not checked',
    decision: null,
    level: 'should',
    severity: 'warning',
    outcome: 'fail',
    message: `The waiver for ${waiver.rule}${waiver.pointer ? ` at ${waiver.pointer}` : ''}, approved by ${waiver.approvedBy}, names a rule that none of the rulesets checked (${rulesets.join(', ') || 'none'}) has: it can never apply.`,
    citation: { document: 'the waivers file', clause: waiver.rule },
    interpretation: false,
    remediation: 'Correct the rule id (mbcheck ruleset docs ID lists every rule of a ruleset), select the ruleset it belongs to with --ruleset, or remove the waiver.',
    evidence: { rule: waiver.rule, approvedBy: waiver.approvedBy, ...(waiver.pointer ? { pointer: waiver.pointer } : {}) },
  };
}

export function applyWaivers(result: CheckResult, waivers: readonly Waiver[], places: ReadonlyMap<number, FindingPlace>, asOf: string): CheckResult {
  const findings = result.findings ?? [];
  const outcomes: WaiverOutcome[] = waivers.map((waiver) => ({ ...waiver, status: waiver.expires < asOf ? 'expired' : 'unused', covers: [] }));
  const waived = findings.map((finding, index) => {
    if (finding.outcome !== 'fail') return finding;
    const at = outcomes.findIndex((w) => w.status !== 'expired' && w.rule === finding.ruleId && covers(w, places.get(index)));
    if (at < 0) return finding;
    const outcome = outcomes[at]!;
    outcome.status = 'applied';
    outcome.covers.push(places.get(index)?.pointer ?? '');
    const { status: _status, covers: _covers, ...waiver } = outcome;
    return { ...finding, waiver };
  });
  const expired = outcomes.filter((w) => w.status === 'expired').map((w) => expiredFinding(w, asOf));
  const checkedRules = new Set(findings.map((f) => f.ruleId));
  const rulesetsChecked = (result.rulesets ?? []).map((r) => `${r.id}@${r.version}`);
  const unknown = outcomes.filter((w) => !checkedRules.has(w.rule)).map((w) => unknownRuleFinding(w, rulesetsChecked));
  const all = [...waived, ...expired, ...unknown];
  const counting = (f: Finding) => f.outcome === 'fail' && f.level === 'shall' && !f.waiver;
  const rulesets = (result.rulesets ?? []).map((summary) => {
    const own = waived.filter((f) => f.ruleset === summary.id);
    const waivedCount = own.filter((f) => f.waiver).length;
    const verdict = summary.verdict === 'fail' && !own.some(counting) ? 'pass' : summary.verdict;
    return { ...summary, verdict, counts: { ...summary.counts, waived: waivedCount } };
  });
  const verdict = !result.valid || result.error ? result.verdict : all.some(counting) ? 'fail' : 'pass';
  return { ...result, findings: all, rulesets, verdict, waivers: outcomes };
}
