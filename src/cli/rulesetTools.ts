// `mbcheck ruleset test` and `mbcheck ruleset coverage`: the authoring tools for rule writers.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Ruleset } from '../generated/ruleset.js';
import type { LoadedRuleset } from '../rulesets/load.js';
import { runRuleFixtures, type RuleReport } from '../rulesets/fixtures.js';
import type { RulesetRegistry } from '../rulesets/registry.js';
import { coverageMatrix } from '../rulesets/coverage.js';

/** Ruleset files named by the arguments: a file, or a directory of <version>.json files; none: every bundled version. */
export function rulesetsNamed(args: string[], registry: RulesetRegistry, asOf = new Date().toISOString().slice(0, 10)): LoadedRuleset[] {
  if (args.length === 0) return registry.all();
  return args.flatMap((arg) => {
    if (existsSync(arg) && statSync(arg).isDirectory()) {
      return readdirSync(arg).filter((f) => /^\d+\.\d+\.\d+\.json$/.test(f)).sort().map((f) => registry.resolve(join(arg, f), asOf));
    }
    if (!arg.endsWith('.json') && !arg.includes('/')) {
      const [id, version] = arg.split('@') as [string, string | undefined];
      const versions = registry.versionsOf(id).filter((v) => version === undefined || v.ruleset.version === version);
      if (versions.length > 0) return versions;
    }
    return [registry.resolve(arg.includes('/') || arg.endsWith('.json') ? arg : `./${arg}`, asOf)];
  });
}

export interface RulesetTestReport {
  ruleset: string;
  version: string;
  rules: RuleReport[];
  ok: boolean;
}

export async function testRulesets(rulesets: LoadedRuleset[]): Promise<RulesetTestReport[]> {
  const out: RulesetTestReport[] = [];
  for (const loaded of rulesets) {
    const rules = await runRuleFixtures(loaded);
    out.push({ ruleset: loaded.ruleset.id, version: loaded.ruleset.version, rules, ok: rules.every((r) => r.complete && r.cases.every((c) => c.ok)) });
  }
  return out;
}

export function formatTestReports(reports: RulesetTestReport[]): string {
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  for (const report of reports) {
    lines.push(`${report.ruleset}@${report.version}`);
    for (const rule of report.rules) {
      const bad = rule.cases.filter((c) => !c.ok);
      const ok = rule.complete && bad.length === 0;
      if (ok) passed++;
      else failed++;
      lines.push(`  ${ok ? 'ok  ' : 'FAIL'} ${rule.ruleId}  (${rule.cases.length} case(s))`);
      if (!rule.complete) lines.push(`       needs at least one passing and one failing case${rule.file ? ` in ${rule.file}` : ' (no fixture file)'}`);
      for (const c of bad) lines.push(`       case "${c.name}": expected ${c.expected}, got ${c.actual}: ${c.message}`);
    }
  }
  lines.push('', `${passed} passed, ${failed} failed`);
  return `${lines.join('\n')}\n`;
}

function cellText(c: { shall: number; should: number; may: number }): string {
  if (c.shall + c.should + c.may === 0) return 'open';
  return [c.shall ? `${c.shall} shall` : '', c.should ? `${c.should} should` : '', c.may ? `${c.may} may` : ''].filter(Boolean).join(', ');
}

export function formatCoverage(rulesets: Ruleset[], format: 'text' | 'markdown' | 'json'): string {
  const matrix = coverageMatrix(rulesets);
  if (format === 'json') return `${JSON.stringify({ rulesets: rulesets.map((r) => `${r.id}@${r.version}`), decisions: matrix }, null, 2)}\n`;
  const header = ['Decision', ...rulesets.map((r) => `${r.id}@${r.version}`)];
  const rows = matrix.map((row) => [`${row.decision}. ${row.name}`, ...row.cells.map(cellText)]);
  if (format === 'markdown') {
    return `${[header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n')}\n\n"open": the ruleset sets no rule at that decision.\n`;
  }
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return `${[line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n\n"open": the ruleset sets no rule at that decision.\n`;
}
