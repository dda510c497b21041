// Human-readable output for terminals: verdicts first, then only what a reader has to act on.
import pc from 'picocolors';
import { formatNumber } from '../engine/messages.js';
import { failuresAt, type CheckResult, type Finding, type Level, type RulesetSummary } from '../result.js';
import { placeOf, problemCount, type ValidationError } from '../declaration/problems.js';
import type { FormatOptions, Formatter } from './types.js';
import { printable } from '../quoting.js';

type Colors = ReturnType<typeof pc.createColors>;

const levelOrder: Record<Level, number> = { shall: 0, should: 1, may: 2 };

// Declaration ids, sources and messages come from user files: shown, never obeyed, by the terminal.
const plain = printable;

function levelColor(colors: Colors, level: Level): (text: string) => string {
  if (level === 'shall') return colors.red;
  if (level === 'should') return colors.yellow;
  return colors.cyan;
}

function verdictLabel(colors: Colors, verdict: string): string {
  if (verdict === 'pass') return colors.green(verdict);
  if (verdict === 'fail') return colors.red(verdict);
  return colors.dim(verdict);
}

function location(source: string, error: ValidationError): string {
  // Line 0 means the source has no position for it; `file:0:0` would send an editor nowhere.
  return placeOf(error, source);
}

function citationOf(finding: Finding): string {
  const { document, clause, url } = finding.citation;
  const interpretation = finding.interpretation ? ' (interpretation)' : '';
  return `${plain(document)}, ${plain(clause)}${interpretation}${url ? `  ${plain(url)}` : ''}`;
}

function failedFindingLines(colors: Colors, finding: Finding): string[] {
  const decision = finding.decision === null ? 'no decision' : `decision ${formatNumber(finding.decision)}`;
  return [
    `    ${colors.bold(plain(finding.ruleId))}  ${levelColor(colors, finding.level)(finding.level)}  ${colors.dim(decision)}`,
    `      ${plain(finding.message)}`,
    `      ${colors.dim('see ' + citationOf(finding))}`,
    `      fix: ${plain(finding.remediation)}`,
    ...(finding.waiver ? [`      ${colors.dim(`waived: ${plain(finding.waiver.reason)} (approved by ${plain(finding.waiver.approvedBy)}, until ${finding.waiver.expires})`)}`] : []),
  ];
}

function briefLine(colors: Colors, label: string, finding: Finding): string {
  return `    ${label}  ${plain(finding.ruleId)}  ${colors.dim(plain(finding.message))}`;
}

function countsOf(summary: RulesetSummary): string {
  const { pass, fail, notApplicable, cannotTell, waived } = summary.counts;
  return `(pass ${formatNumber(pass)}, fail ${formatNumber(fail)}${waived ? `, of them waived ${formatNumber(waived)}` : ''}, n/a ${formatNumber(notApplicable)}, cannot tell ${formatNumber(cannotTell)})`;
}

function findingLines(colors: Colors, findings: Finding[], verbose: boolean): string[] {
  const lines: string[] = [];
  const failed = findings.filter((f) => f.outcome === 'fail').sort((a, b) => levelOrder[a.level] - levelOrder[b.level]);
  for (const finding of failed) lines.push(...failedFindingLines(colors, finding));
  // What was not judged matters as much as what failed: a pass on the rest is not a pass on these.
  for (const finding of findings.filter((f) => f.outcome === 'cannot-tell')) lines.push(briefLine(colors, colors.magenta('cannot tell'), finding));
  if (verbose) {
    for (const finding of findings.filter((f) => f.outcome === 'pass')) lines.push(briefLine(colors, colors.green('pass'), finding));
    for (const finding of findings.filter((f) => f.outcome === 'not-applicable')) lines.push(briefLine(colors, colors.dim('n/a'), finding));
  }
  return lines;
}

/** The verdict as the exit code gives it: a pass held to --fail-on should fails on a should rule, and says so. */
function verdictOf(colors: Colors, result: CheckResult, failOn: Level): string {
  if (result.verdict === 'fail') return colors.bold(colors.red('FAIL'));
  const failing = failuresAt(result, failOn).filter((f) => f.level !== 'shall');
  if (failing.length > 0) return `${colors.bold(colors.red('FAIL'))} ${colors.red(`(--fail-on ${failOn}: ${countOf(failing, 'should')}${failing.some((f) => f.level === 'should') && failing.some((f) => f.level === 'may') ? ', ' : ''}${countOf(failing, 'may')})`)}`;
  const warnings = (result.findings ?? []).filter((f) => f.outcome === 'fail' && !f.waiver && f.level === 'should').length;
  return `${colors.bold(colors.green('PASS'))}${warnings > 0 ? colors.yellow(`, with ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`) : ''}`;
}

function countOf(findings: Finding[], level: Level): string {
  const n = findings.filter((f) => f.level === level).length;
  return n === 0 ? '' : `${n} ${level} rule${n === 1 ? '' : 's'} failing`;
}

function passesAt(result: CheckResult, failOn: Level): boolean {
  return !result.error && result.verdict === 'pass' && failuresAt(result, failOn).length === 0;
}

function resultLines(colors: Colors, result: CheckResult, verbose: boolean, failOn: Level): string[] {
  const source = plain(result.declaration.source);
  if (result.error) return [`${source}: ${colors.red('error')}: ${plain(result.error.message)}`];

  const id = result.declaration.id === null ? '' : ` (${plain(result.declaration.id)})`;
  const verdict = verdictOf(colors, result, failOn);
  const { count, about } = problemCount(result.validationErrors);
  const invalidNote = result.valid ? '' : `  ${colors.red(`invalid declaration, ${about ? 'about ' : ''}${count} ${count === 1 ? 'error' : 'errors'}`)}`;
  const lines = [`${colors.bold(source)}${id}  ${verdict}${invalidNote}`];

  for (const error of result.validationErrors) {
    lines.push(`  ${location(source, error)}  ${colors.dim(plain(error.pointer) || '(root)')}  ${plain(error.message)}`);
  }

  const findings = result.findings ?? [];
  const summarized = new Set<string>();
  for (const summary of result.rulesets ?? []) {
    summarized.add(summary.id);
    const head = `  ${colors.bold(`${plain(summary.id)}@${plain(summary.version)}`)}  ${verdictLabel(colors, summary.verdict)}`;
    if (summary.verdict === 'not-applicable') {
      lines.push(head);
      continue;
    }
    lines.push(`${head}  ${colors.dim(countsOf(summary))}`);
    lines.push(...findingLines(colors, findings.filter((f) => f.ruleset === summary.id), verbose));
  }
  // Findings without a ruleset summary should not happen; if they do, a failure must still be seen.
  const orphans = findings.filter((f) => !summarized.has(f.ruleset));
  for (const rulesetId of new Set(orphans.map((f) => f.ruleset))) {
    lines.push(`  ${colors.bold(plain(rulesetId))}`);
    lines.push(...findingLines(colors, orphans.filter((f) => f.ruleset === rulesetId), verbose));
  }
  for (const waiver of result.waivers ?? []) {
    const where = waiver.pointer ? ` at ${plain(waiver.pointer)}` : '';
    lines.push(`  waiver ${plain(waiver.rule)}${where}  ${waiver.status}  ${colors.dim(`${plain(waiver.reason)} (approved by ${plain(waiver.approvedBy)}, until ${waiver.expires})`)}`);
  }
  return lines;
}

function summaryLine(results: CheckResult[], failOn: Level): string {
  const unreadable = results.filter((r) => r.error).length;
  const passed = results.filter((r) => passesAt(r, failOn)).length;
  const failed = results.length - unreadable - passed;
  const noun = results.length === 1 ? 'declaration' : 'declarations';
  const unreadableNote = unreadable > 0 ? `, ${unreadable} could not be checked` : '';
  return `${results.length} ${noun}: ${passed} passed, ${failed} failed${unreadableNote}`;
}

export const formatText: Formatter = (results, options: FormatOptions = {}) => {
  const colors = pc.createColors(options.color ?? false);
  const failOn = options.failOn ?? 'shall';
  const blocks = results.map((result) => resultLines(colors, result, options.verbose ?? false, failOn).join('\n'));
  return [...blocks, summaryLine(results, failOn)].join('\n\n') + '\n';
};
