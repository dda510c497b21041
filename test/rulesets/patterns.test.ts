// A ruleset with a catastrophic regular expression is refused before it can stall a check: at load, and by lint.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFromText } from '../../src/declaration/source.js';
import { MbcheckError } from '../../src/errors.js';
import { loadRulesetFile } from '../../src/rulesets/load.js';
import { lintRulesetSource } from '../../src/rulesets/lint.js';
import { bundledRegistry } from '../../src/rulesets/registry.js';
import { nestsUnboundedRepetition } from '../../src/rulesets/patterns.js';

/** The integrity ruleset, renamed, with every pattern of its claim rule replaced by one that backtracks exponentially. */
function withPattern(pattern: string): string {
  const ruleset = JSON.parse(readFileSync('rulesets/integrity/1.0.0.json', 'utf8'));
  const text = JSON.stringify({ ...ruleset, id: 'own-integrity', rules: ruleset.rules.map((r: { id: string }) => ({ ...r, id: r.id.replace('integrity/', 'own-integrity/') })) }, null, 2);
  return text.replace(/("operator": "matches",\s*"value": )"(?:[^"\\]|\\.)*"/g, (_m, head: string) => `${head}${JSON.stringify(pattern)}`);
}

describe('patterns of the matches operator', () => {
  const evil = '(a+)+$';

  it('a catastrophic pattern is refused at load, naming the rule, the pattern and why', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mbcheck-regex-')), 'own.json');
    writeFileSync(file, withPattern(evil));
    const started = Date.now();
    expect(() => loadRulesetFile(file)).toThrow(MbcheckError);
    try {
      loadRulesetFile(file);
    } catch (error) {
      expect((error as MbcheckError).code).toBe('unsafe-pattern');
      expect((error as MbcheckError).message).toMatch(/rule own-integrity\/[\w-]+: the pattern "\(a\+\)\+\$" is refused: it nests repetition/);
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('lint points at the pattern', () => {
    const problems = lintRulesetSource(sourceFromText('own.json', withPattern(evil)), bundledRegistry());
    const problem = problems.find((p) => p.code === 'unsafe-pattern');
    expect(problem).toMatchObject({ pointer: expect.stringMatching(/^\/rules\/\d+\/(conditions|appliesWhen)\/.*\/value$/) });
    expect(problem!.line).toBeGreaterThan(1);
  });

  it('the bundled rulesets use only safe patterns (they load)', () => {
    expect(bundledRegistry().all().length).toBeGreaterThan(0);
  });

  it.each([
    ['(a+)+$', true],
    ['(a|a*)*', true],
    ['(\\w+\\s?)+x', true],
    ['(?:x*){2,}', true],
    ['^ab+c$', false],
    ["\\b(pool|site)('s)?[- ]+(physical[- ]+)?average", false],
    ['[(a+)]+', false],
    ['\\(a+\\)+', false],
  ])('%s nests unbounded repetition: %s', (pattern, nests) => expect(nestsUnboundedRepetition(pattern)).toBe(nests));
});
