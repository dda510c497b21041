// Markdown reports for pull requests and audit files: verdicts, a ruleset table, and the findings to act on.
import { formatNumber } from '../engine/messages.js';
import { placeOf } from '../declaration/problems.js';
import type { CheckResult, Finding, Level, RulesetSummary } from '../result.js';
import type { FormatOptions, Formatter } from './types.js';

const levelOrder: Record<Level, number> = { shall: 0, should: 1, may: 2 };

/**
 * Ids, sources and messages come from declaration files: escaped so that they read as text and
 * cannot open a table cell, a link, an HTML tag or emphasis in the rendered report.
 */
function escapeMarkdown(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/&/g, '&amp;')
    // Entities rather than backslashes for angle brackets: every renderer honours them, so no tag can open.
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, '\\$&');
}

/** Only web links become links: a `javascript:` or relative url from a ruleset file stays visible text. */
function linkTarget(url: string): string | null {
  if (!/^https?:\/\/[^\s<>\\]+$/i.test(url)) return null;
  // Parentheses are legal in urls but would end the Markdown link early.
  return url.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

function citationOf(finding: Finding): string {
  const { document, clause, url } = finding.citation;
  const text = `${escapeMarkdown(document)}, ${escapeMarkdown(clause)}`;
  const target = url ? linkTarget(url) : null;
  const cited = target ? `[${text}](${target})` : url ? `${text} (${escapeMarkdown(url)})` : text;
  return finding.interpretation ? `${cited} (interpretation)` : cited;
}

function decisionOf(finding: Finding): string {
  return finding.decision === null ? 'no decision' : `decision ${formatNumber(finding.decision)}`;
}

function verdictWord(verdict: string): string {
  return verdict === 'pass' ? 'PASS' : verdict === 'fail' ? 'FAIL' : verdict;
}

function rulesetTable(rulesets: RulesetSummary[]): string[] {
  const rows = rulesets.map((r) => {
    const { pass, fail, notApplicable, cannotTell } = r.counts;
    const cells = [escapeMarkdown(r.id), escapeMarkdown(r.version), r.verdict, ...[pass, fail, notApplicable, cannotTell].map((n) => formatNumber(n))];
    return `| ${cells.join(' | ')} |`;
  });
  return ['| Ruleset | Version | Verdict | Pass | Fail | N/A | Cannot tell |', '| --- | --- | --- | ---: | ---: | ---: | ---: |', ...rows];
}

function attentionEntry(finding: Finding): string[] {
  const outcome = finding.outcome === 'fail' ? 'fail' : 'cannot tell';
  return [
    `### ${escapeMarkdown(finding.ruleId)} (${finding.level}, ${outcome})`,
    '',
    `- **Ruleset:** ${escapeMarkdown(finding.ruleset)}`,
    `- **Decision:** ${decisionOf(finding)}`,
    `- **Message:** ${escapeMarkdown(finding.message)}`,
    `- **Citation:** ${citationOf(finding)}`,
    `- **Remediation:** ${escapeMarkdown(finding.remediation)}`,
    ...(finding.waiver ? [`- **Waived** until ${escapeMarkdown(finding.waiver.expires)} by ${escapeMarkdown(finding.waiver.approvedBy)}: ${escapeMarkdown(finding.waiver.reason)}`] : []),
    '',
  ];
}

function resultDocument(result: CheckResult, verbose: boolean): string[] {
  const source = escapeMarkdown(result.declaration.source);
  if (result.error) return [`# ${source}: error`, '', `Could not be read: ${escapeMarkdown(result.error.message)}`, ''];

  const title = result.declaration.id === null ? source : escapeMarkdown(result.declaration.id);
  const lines = [`# ${title}: ${verdictWord(result.verdict)}`, ''];
  const context = [`Source: ${source}`];
  if (result.asOf) context.push(`rulesets as of ${escapeMarkdown(result.asOf)}`);
  context.push(`${escapeMarkdown(result.tool.name)} ${escapeMarkdown(result.tool.version)}`);
  lines.push(context.join(' · '), '');

  if (!result.valid) {
    lines.push('## Validation errors', '');
    for (const e of result.validationErrors) {
      lines.push(`- ${e.file !== undefined ? escapeMarkdown(placeOf(e, result.declaration.source)) : `${e.line}:${e.column}`} at ${e.pointer === '' ? '(root)' : escapeMarkdown(e.pointer)}: ${escapeMarkdown(e.message)}`);
    }
    lines.push('');
  }

  const rulesets = result.rulesets ?? [];
  if (rulesets.length > 0) lines.push(...rulesetTable(rulesets), '');

  const findings = result.findings ?? [];
  const failed = findings.filter((f) => f.outcome === 'fail').sort((a, b) => levelOrder[a.level] - levelOrder[b.level]);
  const attention = [...failed, ...findings.filter((f) => f.outcome === 'cannot-tell')];
  if (attention.length > 0) {
    lines.push('## Findings that need attention', '');
    for (const finding of attention) lines.push(...attentionEntry(finding));
  }
  if (result.waivers && result.waivers.length > 0) {
    lines.push('## Waivers', '', '| Rule | Value | Status | Approved by | Until | Reason |', '| --- | --- | --- | --- | --- | --- |');
    for (const w of result.waivers) lines.push(`| ${escapeMarkdown(w.rule)} | ${escapeMarkdown(w.pointer ?? 'any')} | ${w.status} | ${escapeMarkdown(w.approvedBy)} | ${w.expires} | ${escapeMarkdown(w.reason)} |`);
    lines.push('');
  }

  if (verbose) {
    const others = findings.filter((f) => f.outcome === 'pass' || f.outcome === 'not-applicable');
    if (others.length > 0) {
      lines.push('## Other findings', '');
      for (const f of others) lines.push(`- **${escapeMarkdown(f.ruleId)}** (${f.outcome}): ${escapeMarkdown(f.message)}`);
      lines.push('');
    }
  }
  return lines;
}

export const formatMarkdown: Formatter = (results, options: FormatOptions = {}) =>
  results.map((result) => resultDocument(result, options.verbose ?? false).join('\n')).join('\n---\n\n');
