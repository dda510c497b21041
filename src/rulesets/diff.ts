// `ruleset diff`: what changed between two rulesets, in words a standard-setter can read, and, over a corpus
// of declarations, which verdicts the change would flip.
import { describeCondition } from '../engine/describe.js';
import type { Rule } from '../generated/ruleset.js';
import type { LoadedRuleset } from './load.js';

export interface RuleChange {
  ruleId: string;
  changes: Array<{ field: string; before: string; after: string }>;
}

export interface RulesetDiff {
  from: string;
  to: string;
  header: Array<{ field: string; before: string; after: string }>;
  added: Array<{ ruleId: string; title: string; level: string; decision: number | null }>;
  removed: Array<{ ruleId: string; title: string; level: string; decision: number | null }>;
  changed: RuleChange[];
}

const words = (rule: Rule): Record<string, string> => ({
  title: rule.title,
  level: rule.level,
  decision: rule.decision === null ? 'none' : String(rule.decision),
  interpretation: rule.interpretation ? 'our interpretation' : 'the text\'s requirement',
  'needs the ledger': rule.requires?.includes('ledger') ? 'yes' : 'no',
  'judged once the period is over': rule.requires?.includes('period-ended') ? 'yes' : 'no',
  'applies when': rule.appliesWhen ? describeCondition(rule.appliesWhen) : 'always',
  'passes when': describeCondition(rule.conditions),
  citation: `${rule.citation.document}, ${rule.citation.clause}${rule.citation.url ? ` (${rule.citation.url})` : ''}`,
  'fail message': rule.message.fail,
  remediation: rule.remediation,
});

function differences(before: Record<string, string>, after: Record<string, string>) {
  return Object.keys(after).filter((k) => before[k] !== after[k]).map((field) => ({ field, before: before[field] ?? '', after: after[field]! }));
}

export function diffRulesets(a: LoadedRuleset, b: LoadedRuleset): RulesetDiff {
  const ra = new Map(a.ruleset.rules.map((r) => [r.id.split('/')[1]!, r]));
  const rb = new Map(b.ruleset.rules.map((r) => [r.id.split('/')[1]!, r]));
  const brief = (r: Rule) => ({ ruleId: r.id, title: r.title, level: r.level, decision: r.decision });
  const scope = (l: LoadedRuleset) => JSON.stringify(l.ruleset.appliesTo);
  const header = differences(
    { id: a.ruleset.id, standard: `${a.ruleset.standard.document}, ${a.ruleset.standard.edition}`, 'in force': `${a.ruleset.inForce.from} to ${a.ruleset.inForce.until ?? 'open'}`, 'applies to': scope(a) },
    { id: b.ruleset.id, standard: `${b.ruleset.standard.document}, ${b.ruleset.standard.edition}`, 'in force': `${b.ruleset.inForce.from} to ${b.ruleset.inForce.until ?? 'open'}`, 'applies to': scope(b) },
  );
  return {
    from: `${a.ruleset.id}@${a.ruleset.version}`,
    to: `${b.ruleset.id}@${b.ruleset.version}`,
    header,
    added: [...rb].filter(([name]) => !ra.has(name)).map(([, r]) => brief(r)),
    removed: [...ra].filter(([name]) => !rb.has(name)).map(([, r]) => brief(r)),
    changed: [...rb]
      .filter(([name]) => ra.has(name))
      .map(([name, r]) => ({ ruleId: r.id, changes: differences(words(ra.get(name)!), words(r)) }))
      .filter((c) => c.changes.length > 0),
  };
}

export function formatDiff(diff: RulesetDiff, corpus?: Array<{ source: string; before: string; after: string }>): string {
  const lines = [`${diff.from} -> ${diff.to}`, ''];
  for (const h of diff.header) lines.push(`${h.field}: ${h.before} -> ${h.after}`);
  if (diff.header.length) lines.push('');
  lines.push(`Added (${diff.added.length}):`, ...diff.added.map((r) => `  + ${r.ruleId} [${r.level}, decision ${r.decision ?? 'none'}] ${r.title}`), '');
  lines.push(`Removed (${diff.removed.length}):`, ...diff.removed.map((r) => `  - ${r.ruleId} [${r.level}, decision ${r.decision ?? 'none'}] ${r.title}`), '');
  lines.push(`Changed (${diff.changed.length}):`);
  for (const c of diff.changed) {
    lines.push(`  ~ ${c.ruleId}`);
    for (const ch of c.changes) lines.push(`      ${ch.field}:`, `        was: ${ch.before}`, `        now: ${ch.after}`);
  }
  if (corpus) {
    const flipped = corpus.filter((c) => c.before !== c.after);
    lines.push('', `Corpus: ${corpus.length} declaration(s), ${flipped.length} would change verdict`);
    for (const c of flipped) lines.push(`  ${c.source}: ${c.before} -> ${c.after}`);
  }
  return `${lines.join('\n')}\n`;
}
