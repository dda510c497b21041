// The `mbcheck rulesets` listing: every ruleset and version, its dates in force and what it applies to.
import { describeScope } from '../engine/evaluate.js';
import { inForceOn, type RulesetRegistry } from '../rulesets/registry.js';

export function rulesetListing(registry: RulesetRegistry, asOf: string) {
  return registry.all().map((loaded) => {
    const { ruleset } = loaded;
    const count = (level: string) => ruleset.rules.filter((r) => r.level === level).length;
    return {
      id: ruleset.id,
      version: ruleset.version,
      title: ruleset.title,
      standard: ruleset.standard,
      inForce: ruleset.inForce,
      inForceOnAsOf: inForceOn(loaded, asOf),
      appliesTo: ruleset.appliesTo,
      rules: { total: ruleset.rules.length, shall: count('shall'), should: count('should'), may: count('may') },
      sha256: loaded.sha256,
    };
  });
}

export function formatRulesetList(registry: RulesetRegistry, asOf: string, format: 'text' | 'json'): string {
  const rows = rulesetListing(registry, asOf);
  if (format === 'json') return `${JSON.stringify({ asOf, rulesets: rows }, null, 2)}\n`;
  const lines = [`Rulesets (versions marked * are in force on ${asOf}):`, ''];
  for (const loaded of registry.all()) {
    const row = rows.find((r) => r.id === loaded.ruleset.id && r.version === loaded.ruleset.version)!;
    lines.push(`${row.inForceOnAsOf ? '*' : ' '} ${row.id}@${row.version}  ${row.title}`);
    lines.push(`    in force ${row.inForce.from} to ${row.inForce.until ?? 'now'}; applies to ${describeScope(loaded)}`);
    lines.push(`    encodes ${row.standard.document}, edition ${row.standard.edition}`);
    lines.push(`    ${row.rules.total} rules: ${row.rules.shall} shall, ${row.rules.should} should, ${row.rules.may} may`);
    lines.push('');
  }
  return lines.join('\n');
}
