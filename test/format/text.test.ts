import { describe, it, expect } from 'vitest';
import { formatText } from '../../src/format/text.js';
import type { CheckResult } from '../../src/result.js';
import { allResults, failingResult, invalidResult, passingResult, unreadableResult } from './sample.js';

const ansi = /\u001b\[/;

describe('formatText', () => {
  it('shows the header, the failing rule, its message, citation, decision and remediation', () => {
    const out = formatText([failingResult]);
    expect(out).toContain('decl/bad.yaml (steel-bad)  FAIL');
    expect(out).toContain('integrity@1.0.0  fail  (pass 1, fail 2, n/a 0, cannot tell 1)');
    expect(out).toMatch(/INT-030 {2}shall {2}decision 6/);
    expect(out).toContain('Pool P1 used 120 credits but had 100 available: overdraft 20.');
    expect(out).toContain('ISO 22095:2020, 5.3.2 (interpretation)');
    expect(out).toContain('fix: Reduce the credits attributed in P1 or carry in more.');
    expect(out).toMatch(/INT-020 {2}should {2}decision 4/);
  });

  it('lists shall failures before should failures, and cannot-tell findings briefly', () => {
    const out = formatText([failingResult]);
    expect(out.indexOf('INT-030')).toBeLessThan(out.indexOf('INT-020'));
    expect(out).toContain('cannot tell  INT-040  No ledger: credit balance cannot be checked.');
    expect(out).not.toContain('Remediation for INT-040');
  });

  it('hides passing and not-applicable findings unless verbose', () => {
    expect(formatText([failingResult])).not.toContain('INT-010');
    expect(formatText([passingResult])).not.toContain('INT-002');
    const verbose = formatText([failingResult, passingResult], { verbose: true });
    expect(verbose).toContain('pass  INT-010  Mass balance holds in pool P1.');
    expect(verbose).toContain('n/a  INT-002  The declaration has a single site.');
  });

  it('gives a not-applicable ruleset one line, even when verbose', () => {
    const out = formatText([passingResult], { verbose: true });
    expect(out).toMatch(/^ {2}eudr@1\.0\.0 {2}not-applicable$/m);
    expect(out).not.toContain('EUDR-001');
  });

  it('lists validation errors with source, line, column and pointer', () => {
    const out = formatText([invalidResult]);
    expect(out).toContain('decl/broken.yaml  FAIL  invalid declaration, 2 errors');
    expect(out).toContain('  decl/broken.yaml:12:9  /ledger/inputs/0/mass  must be a number');
    expect(out).toContain("  decl/broken.yaml:1:1  (root)  must have required property 'method'");
  });

  it('prints an unreadable input as source: error: message', () => {
    expect(formatText([unreadableResult])).toContain('decl/missing.yaml: error: no such file');
  });

  it('ends with a summary line', () => {
    expect(formatText([failingResult]).trimEnd().split('\n').at(-1)).toBe('1 declaration: 0 passed, 1 failed');
    expect(formatText(allResults).trimEnd().split('\n').at(-1)).toBe('4 declarations: 1 passed, 2 failed, 1 could not be checked');
  });

  it('uses no ANSI escapes unless colour is asked for', () => {
    expect(formatText(allResults, { verbose: true })).not.toMatch(ansi);
    expect(formatText(allResults, { color: false })).not.toMatch(ansi);
    expect(formatText(allResults, { color: true })).toMatch(ansi);
  });

  it('does not pass escape sequences from a declaration through to the terminal', () => {
    const hostile: CheckResult = { ...passingResult, declaration: { ...passingResult.declaration, id: 'x\u001b[2Jy' } };
    const out = formatText([hostile]);
    expect(out).not.toMatch(ansi);
    expect(out).toContain('x\\x1b[2Jy');
  });
});
