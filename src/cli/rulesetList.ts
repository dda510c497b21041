// The `mbcheck rulesets` listing: every ruleset and version, its dates in force and what it applies to.
import { describeScope } from '../engine/evaluate.js';
import { inForceOn, type RulesetRegistry } from '../rulesets/registry.js';

export function rulesetListing(registry: RulesetRegistry, asOf: string) {
  return registry.all().map((loaded) => {
    const { ruleset } = loaded;
    const count = (level: string) => ruleset.rules.filter((r) => r.level === level).length;
    // A correction in force over the same dates is the one chosen: the version it supersedes stays pinnable.
    const supersededBy = registry.versionsOf(ruleset.id).find((v) => v.ruleset.supersedes?.version === ruleset.version);
    return {
      id: ruleset.id,
      version: ruleset.version,
      title: ruleset.title,
      standard: ruleset.standard,
      inForce: ruleset.inForce,
      inForceOnAsOf: inForceOn(loaded, asOf),
      /** The version `--ruleset id` takes on the as-of date: the newest in force. */
      selectedOnAsOf: registry.versionsOf(ruleset.id).find((v) => inForceOn(v, asOf)) === loaded,
      ...(ruleset.supersedes ? { supersedes: ruleset.supersedes } : {}),
      ...(supersededBy ? { supersededBy: supersededBy.ruleset.version } : {}),
      appliesTo: ruleset.appliesTo,
      rules: { total: ruleset.rules.length, shall: count('shall'), should: count('should'), may: count('may') },
      sha256: loaded.sha256,
    };
  });
}

export function formatRulesetList(registry: RulesetRegistry, asOf: string, format: 'text' | 'json'): string {
  const rows = rulesetListing(registry, asOf);
  if (format === 'json') return `${JSON.stringify({ asOf, rulesets: rows }, null, 2)}\n`;
  const lines = [`Rulesets (versions marked * are the ones in force on ${asOf} that a check uses):`, ''];
  for (const loaded of registry.all()) {
    const row = rows.find((r) => r.id === loaded.ruleset.id && r.version === loaded.ruleset.version)!;
    lines.push(`${row.selectedOnAsOf ? '*' : ' '} ${row.id}@${row.version}  ${row.title}`);
    lines.push(`    in force ${row.inForce.from} to ${row.inForce.until ?? 'now'}; applies to ${describeScope(loaded)}`);
    if (row.supersedes) lines.push(`    supersedes ${row.id}@${row.supersedes.version}: ${row.supersedes.reason}`);
    if (row.supersededBy) lines.push(`    superseded by ${row.id}@${row.supersededBy} (pin this version with --ruleset ${row.id}@${row.version})`);
    lines.push(`    encodes ${row.standard.document}, edition ${row.standard.edition}`);
    lines.push(`    ${row.rules.total} rules: ${row.rules.shall} shall, ${row.rules.should} should, ${row.rules.may} may`);
    lines.push('');
  }
  return lines.join('\n');
}
