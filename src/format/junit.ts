// JUnit XML for CI dashboards: one testsuite per declaration and ruleset, a testcase per rule.
import { placeOf, problemCount } from '../declaration/problems.js';
import type { CheckResult, Finding, RulesetSummary } from '../result.js';
import type { Formatter } from './types.js';

interface TestCase {
  classname: string;
  name: string;
  failure?: { message: string; type: string; body: string };
  error?: { message: string; type: string; body: string };
  skipped?: string;
  systemOut?: string;
}

interface TestSuite {
  name: string;
  cases: TestCase[];
}

/** Characters XML 1.0 cannot carry even as references; a message containing one would make the whole report unparseable. */
const illegalXmlChars = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function escapeText(text: string): string {
  return text.replace(illegalXmlChars, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function escapeAttribute(text: string): string {
  // Parsers normalise raw whitespace in attributes to spaces; references keep multi-line messages intact.
  return escapeText(text).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function citationOf(finding: Finding): string {
  const { document, clause, url } = finding.citation;
  return `${document}, ${clause}${url ? ` <${url}>` : ''}${finding.interpretation ? ' (interpretation)' : ''}`;
}

function findingDetails(finding: Finding): string {
  const decision = finding.decision === null ? 'no decision' : `decision ${finding.decision}`;
  return [`${finding.message}`, `Rule: ${finding.ruleId} (${finding.level}, ${decision})`, `Citation: ${citationOf(finding)}`, `Remediation: ${finding.remediation}`].join('\n');
}

function caseFor(finding: Finding): TestCase {
  const testCase: TestCase = { classname: finding.ruleset, name: finding.ruleId };
  if (finding.outcome === 'fail' && finding.waiver) {
    // Accepted by a verifier: it stays visible, and no longer breaks the build.
    testCase.skipped = `waived until ${finding.waiver.expires} by ${finding.waiver.approvedBy}: ${finding.waiver.reason} (${finding.message})`;
  } else if (finding.outcome === 'fail' && finding.level === 'shall') {
    testCase.failure = { message: finding.message, type: 'shall', body: findingDetails(finding) };
  } else if (finding.outcome === 'fail') {
    // A recommendation not followed is worth reading in CI, not worth breaking the build for.
    testCase.systemOut = `${finding.level === 'should' ? 'warning' : 'note'} (${finding.level}): ${findingDetails(finding)}`;
  } else if (finding.outcome === 'not-applicable') {
    testCase.skipped = `not applicable: ${finding.message}`;
  } else if (finding.outcome === 'cannot-tell') {
    testCase.skipped = `cannot tell: ${finding.message}`;
  }
  return testCase;
}

function validationCase(result: CheckResult): TestCase {
  const testCase: TestCase = { classname: 'declaration', name: 'validation' };
  if (!result.valid) {
    const { count } = problemCount(result.validationErrors);
    const body = result.validationErrors.map((e) => `${e.file !== undefined ? placeOf(e, result.declaration.source) : `${e.line}:${e.column}`}  ${e.pointer || '(root)'}  ${e.message}`).join('\n');
    testCase.failure = { message: `invalid declaration: ${count} validation ${count === 1 ? 'error' : 'errors'}`, type: 'validation', body };
  }
  return testCase;
}

function suitesFor(result: CheckResult): TestSuite[] {
  const source = result.declaration.source;
  if (result.error) {
    const error = { message: result.error.message, type: result.error.code, body: result.error.message };
    return [{ name: source, cases: [{ classname: 'declaration', name: 'read', error }] }];
  }
  const rulesets: RulesetSummary[] = result.rulesets ?? [];
  // Validate-only runs have no rulesets; a passing validation testcase still tells CI the file was looked at.
  if (!result.valid || rulesets.length === 0) return [{ name: `${source} :: validation`, cases: [validationCase(result)] }];
  const findings = result.findings ?? [];
  return rulesets.map((summary) => ({
    name: `${source} :: ${summary.id}@${summary.version}`,
    cases: findings.filter((f) => f.ruleset === summary.id).map(caseFor),
  }));
}

function countsOf(cases: TestCase[]): { tests: number; failures: number; errors: number; skipped: number } {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.failure).length,
    errors: cases.filter((c) => c.error).length,
    skipped: cases.filter((c) => c.skipped !== undefined).length,
  };
}

function countAttributes(counts: ReturnType<typeof countsOf>): string {
  return `tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}"`;
}

function renderCase(testCase: TestCase): string {
  const open = `    <testcase classname="${escapeAttribute(testCase.classname)}" name="${escapeAttribute(testCase.name)}"`;
  const children: string[] = [];
  for (const [tag, problem] of [['failure', testCase.failure], ['error', testCase.error]] as const) {
    if (problem) children.push(`      <${tag} message="${escapeAttribute(problem.message)}" type="${escapeAttribute(problem.type)}">${escapeText(problem.body)}</${tag}>`);
  }
  if (testCase.skipped !== undefined) children.push(`      <skipped message="${escapeAttribute(testCase.skipped)}"/>`);
  if (testCase.systemOut !== undefined) children.push(`      <system-out>${escapeText(testCase.systemOut)}</system-out>`);
  if (children.length === 0) return `${open}/>`;
  return [`${open}>`, ...children, '    </testcase>'].join('\n');
}

function renderSuite(suite: TestSuite): string {
  const open = `  <testsuite name="${escapeAttribute(suite.name)}" ${countAttributes(countsOf(suite.cases))}`;
  if (suite.cases.length === 0) return `${open}/>`;
  return [`${open}>`, ...suite.cases.map(renderCase), '  </testsuite>'].join('\n');
}

export const formatJunit: Formatter = (results) => {
  const suites = results.flatMap(suitesFor);
  const allCases = suites.flatMap((s) => s.cases);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="mbcheck" ${countAttributes(countsOf(allCases))}>`,
    ...suites.map(renderSuite),
    '</testsuites>',
    '',
  ].join('\n');
};
