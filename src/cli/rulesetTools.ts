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

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function formatCoverage(rulesets: Ruleset[], format: 'text' | 'markdown' | 'json' | 'html'): string {
  const matrix = coverageMatrix(rulesets);
  if (format === 'html') {
    const head = rulesets.map((r) => `<th>${escapeHtml(`${r.id}@${r.version}`)}</th>`).join('');
    const body = matrix
      .map((row) => `<tr><th scope="row">${row.decision}. ${escapeHtml(row.name)}</th>${row.cells.map((c) => `<td class="${c.shall + c.should + c.may === 0 ? 'open' : c.shall ? 'shall' : 'should'}">${escapeHtml(cellText(c))}</td>`).join('')}</tr>`)
      .join('\n');
    return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Seven-decision coverage</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}th,td{border:1px solid #ccd;padding:.4em .8em;text-align:left}td.open{color:#b42318;background:#fde8e6}td.shall{background:#e3f3ea}td.should{background:#fdf1dc}</style></head>\n<body><h1>Seven-decision coverage</h1><table><thead><tr><th>Decision</th>${head}</tr></thead><tbody>\n${body}\n</tbody></table><p>"open": the ruleset sets no rule at that decision.</p></body></html>\n`;
  }
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
