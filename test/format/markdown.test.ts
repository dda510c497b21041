import { describe, it, expect } from 'vitest';
import { formatMarkdown } from '../../src/format/markdown.js';
import type { CheckResult } from '../../src/result.js';
import { allResults, failingResult, invalidResult, passingResult, unreadableResult } from './sample.js';

function tableRows(markdown: string): string[] {
  return markdown.split('\n').filter((line) => line.startsWith('|'));
}

/** Pipes that end a cell: not preceded by a backslash. */
function cellSeparators(row: string): number {
  return row.split('').filter((c, i) => c === '|' && row[i - 1] !== '\\').length;
}

describe('formatMarkdown', () => {
  it('writes a heading with the verdict and a table of rulesets', () => {
    const md = formatMarkdown([passingResult]);
    expect(md.startsWith('# steel-ok: PASS\n')).toBe(true);
    expect(md).toContain('| Ruleset | Version | Verdict | Pass | Fail | N/A | Cannot tell |');
    expect(md).toContain('| integrity | 1.0.0 | pass | 1 | 0 | 1 | 0 |');
    expect(md).toContain('| eudr | 1.0.0 | not-applicable | 0 | 0 | 1 | 0 |');
    expect(md).not.toContain('Findings that need attention');
  });

  it('lists failed then cannot-tell findings with decision, message, linked citation and remediation', () => {
    const md = formatMarkdown([failingResult]);
    const attention = md.slice(md.indexOf('## Findings that need attention'));
    expect(attention).toContain('### INT-030 (shall, fail)');
    expect(attention).toContain('- **Decision:** decision 6');
    expect(attention).toContain('- **Citation:** [ISO 22095:2020, 5.3.2](https://www.iso.org/standard/72530.html) (interpretation)');
    expect(attention).toContain('- **Remediation:** Reduce the credits attributed in P1 or carry in more.');
    expect(attention).toContain('### INT-040 (shall, cannot tell)');
    expect(attention).toContain('- **Decision:** no decision');
    expect(attention.indexOf('INT-030')).toBeLessThan(attention.indexOf('INT-020'));
    expect(attention.indexOf('INT-020')).toBeLessThan(attention.indexOf('INT-040'));
    expect(attention).not.toContain('INT-010');
  });

  it('escapes pipes and HTML in messages', () => {
    const md = formatMarkdown([failingResult]);
    expect(md).not.toContain('<img');
    expect(md).not.toContain('<script>');
    expect(md).toContain('&lt;img src=x&gt;');
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md).toContain(' \\| ');
  });

  it('keeps the table intact when a declaration-supplied id contains markup', () => {
    const hostile: CheckResult = {
      ...failingResult,
      declaration: { ...failingResult.declaration, id: 'evil | <img src=x onerror=alert(1)> *bold* _it_ `code` [link](http://x)' },
      rulesets: failingResult.rulesets?.map((r) => ({ ...r, id: 'a|b', version: '1|2' })),
    };
    const md = formatMarkdown([hostile]);
    expect(md.split('\n')[0]).toBe('# evil \\| &lt;img src=x onerror=alert(1)&gt; \\*bold\\* \\_it\\_ \\`code\\` \\[link\\](http://x): FAIL');
    for (const row of tableRows(md)) expect(cellSeparators(row)).toBe(8);
  });

  it('only links web urls', () => {
    const hostile: CheckResult = {
      ...failingResult,
      findings: failingResult.findings?.map((f) => ({ ...f, citation: { ...f.citation, url: 'javascript:alert(1)' } })),
    };
    const md = formatMarkdown([hostile]);
    expect(md).not.toContain('](javascript:');
    expect(md).toContain('(javascript:alert(1))');
  });

  it('lists validation errors with line, column and pointer', () => {
    const md = formatMarkdown([invalidResult]);
    expect(md.startsWith('# decl/broken.yaml: FAIL\n')).toBe(true);
    expect(md).toContain('## Validation errors');
    expect(md).toContain('- 12:9 at /ledger/inputs/0/mass: must be a number');
    expect(md).toContain("- 1:1 at (root): must have required property 'method'");
  });

  it('shows passing findings only when verbose', () => {
    expect(formatMarkdown([failingResult])).not.toContain('Other findings');
    expect(formatMarkdown([failingResult], { verbose: true })).toContain('- **INT-010** (pass): Mass balance holds in pool P1.');
  });

  it('reports an unreadable input and separates several documents', () => {
    expect(formatMarkdown([unreadableResult])).toContain('# decl/missing.yaml: error\n\nCould not be read: no such file');
    const md = formatMarkdown(allResults);
    expect(md.match(/^# /gm)).toHaveLength(allResults.length);
    expect(md.match(/^---$/gm)).toHaveLength(allResults.length - 1);
  });
});
