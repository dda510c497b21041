import { describe, it, expect } from 'vitest';
import { formatJunit } from '../../src/format/junit.js';
import type { CheckResult } from '../../src/result.js';
import { allResults, failingResult, invalidResult, passingResult, unreadableResult } from './sample.js';

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** Tags open and close in order: a cheap well-formedness check without an XML parser. */
function tagsBalance(xml: string): boolean {
  const stack: string[] = [];
  for (const match of xml.matchAll(/<(\/?)([a-z-]+)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match;
    if (selfClosing) continue;
    if (closing) {
      if (stack.pop() !== name) return false;
    } else stack.push(name ?? '');
  }
  return stack.length === 0;
}

describe('formatJunit', () => {
  it('writes one testsuite per declaration and ruleset, one testcase per finding', () => {
    const xml = formatJunit([failingResult]);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    expect(tagsBalance(xml)).toBe(true);
    expect(count(xml, '<testsuite ')).toBe(1);
    expect(count(xml, '<testcase ')).toBe(4);
    expect(xml).toContain('<testsuite name="decl/bad.yaml :: integrity@1.0.0" tests="4" failures="1" errors="0" skipped="1">');
    expect(xml).toContain('<testsuites name="mbcheck" tests="4" failures="1" errors="0" skipped="1">');
    expect(xml).toContain('<testcase classname="integrity" name="INT-030">');
  });

  it('fails only shall findings and carries citation and remediation in the body', () => {
    const xml = formatJunit([failingResult]);
    expect(count(xml, '<failure ')).toBe(1);
    expect(xml).toMatch(/<failure message="Pool P1 used 120 credits[^"]*" type="shall">/);
    expect(xml).toContain('Citation: ISO 22095:2020, 5.3.2 &lt;https://www.iso.org/standard/72530.html&gt; (interpretation)');
    expect(xml).toContain('Remediation: Reduce the credits attributed in P1 or carry in more.');
    expect(xml).toMatch(/<testcase classname="integrity" name="INT-020">\s*<system-out>warning \(should\): Output O7/);
    expect(xml).toContain('<skipped message="cannot tell: No ledger: credit balance cannot be checked."/>');
  });

  it('escapes markup in messages', () => {
    const xml = formatJunit([failingResult]);
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(tagsBalance(xml)).toBe(true);
  });

  it('escapes quotes and strips characters XML 1.0 cannot carry', () => {
    const hostile: CheckResult = {
      ...passingResult,
      declaration: { ...passingResult.declaration, source: `a"b'c&d\u0000e\u001bf\uFFFEg` },
    };
    const xml = formatJunit([hostile]);
    expect(xml).toContain('name="a&quot;b&apos;c&amp;defg :: integrity@1.0.0"');
    expect(xml).not.toMatch(/[\u0000\u001b\uFFFE]/);
  });

  it('skips not-applicable findings and leaves passing ones as plain testcases', () => {
    const xml = formatJunit([passingResult]);
    expect(xml).toContain('<testcase classname="integrity" name="INT-001"/>');
    expect(xml).toContain('<skipped message="not applicable: The declaration has a single site."/>');
    expect(xml).toContain('<testsuites name="mbcheck" tests="3" failures="0" errors="0" skipped="2">');
  });

  it('reports an invalid declaration as a failed validation testcase listing each error', () => {
    const xml = formatJunit([invalidResult]);
    expect(count(xml, '<testcase ')).toBe(1);
    expect(xml).toContain('<testsuite name="decl/broken.yaml :: validation" tests="1" failures="1" errors="0" skipped="0">');
    expect(xml).toContain('name="validation"');
    expect(xml).toContain('12:9  /ledger/inputs/0/mass  must be a number');
    expect(xml).toContain('1:1  (root)  must have required property &apos;method&apos;');
  });

  it('reports an unreadable input as an error testcase', () => {
    const xml = formatJunit([unreadableResult]);
    expect(xml).toContain('<error message="no such file" type="not-found">');
    expect(xml).toContain('errors="1"');
  });

  it('totals the counts over every testsuite', () => {
    const xml = formatJunit(allResults);
    expect(tagsBalance(xml)).toBe(true);
    expect(count(xml, '<testsuite ')).toBe(5);
    expect(xml).toContain('<testsuites name="mbcheck" tests="9" failures="2" errors="1" skipped="3">');
  });
});
