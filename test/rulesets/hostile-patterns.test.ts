// Patterns written to stall the check: each backtracks for longer than anyone waits on a 96-character title in a
// backtracking engine, and a heuristic let every one of them through. On RE2 they finish, whatever the text.
// Without the linear-time engine this file does not fail: it hangs.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSource, runCheck } from '../../src/check.js';
import { sourceFromText } from '../../src/declaration/source.js';
import { compiledRuleset } from '../../src/engine/evaluate.js';
import { MbcheckError } from '../../src/errors.js';
import { lintRulesetSource } from '../../src/rulesets/lint.js';
import { loadRulesetFile, type LoadedRuleset } from '../../src/rulesets/load.js';
import { bundledRegistry } from '../../src/rulesets/registry.js';

const integrity = JSON.parse(readFileSync('rulesets/integrity/1.0.0.json', 'utf8'));
const fixture = readFileSync('rulesets/_fixtures/steel-credit.yaml', 'utf8');
const asOf = '2026-11-29';

function rulesetText(condition: Record<string, unknown>): string {
  const { supersedes: _, ...ruleset } = integrity;
  const rule = { ...integrity.rules[0], id: 'own/title', conditions: { all: [condition] }, message: { fail: 'No.', pass: 'Yes.' } };
  return JSON.stringify({ ...ruleset, id: 'own', rules: [rule] }, null, 2);
}

function rulesetFile(condition: Record<string, unknown>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'mbcheck-patterns-')), 'own.json');
  writeFileSync(file, rulesetText(condition));
  return file;
}

const titleMatches = (pattern: string) => ({ fact: 'declaration', path: '$.title', operator: 'matches', value: pattern });

/** The declaration and metrics of the steel fixture, with a title no declaration could have (the schema stops at 300 characters). */
async function withTitle(title: string) {
  const { result, declaration } = await runCheck(sourceFromText('steel.yaml', fixture), { asOf }, []);
  return { declaration: { ...declaration!, title }, metrics: result.metrics! };
}

// The answer each pattern gives on "a" x n followed by "!", whatever n.
const hostile: Array<[pattern: string, matches: boolean]> = [
  ['(a|a)*$', true],
  ['(a|aa)+$', false],
  ['(.*a){12}$', false],
  ['(?:a|a?)+$', true],
  ['a*a*a*a*a*a*a*b', false],
  ['(a{1,30}){1,30}$', false],
];

describe.each(hostile)('the pattern %s', (pattern, matches) => {
  const outcome = matches ? 'pass' : 'fail';
  let loaded: LoadedRuleset;

  it('loads', () => {
    loaded = loadRulesetFile(rulesetFile(titleMatches(pattern)));
  });

  it('judges a 96-character title, through the whole check', async () => {
    const title = `${'a'.repeat(95)}!`;
    const result = await checkSource(sourceFromText('steel.yaml', fixture.replace(/^title: .*$/m, `title: "${title}"`)), { asOf }, [loaded]);
    expect(result.valid).toBe(true);
    expect(result.findings?.map((f) => [f.ruleId, f.outcome])).toEqual([['own/title', outcome]]);
  });

  it('judges a 100,000-character title, on the fast path and on json-rules-engine', async () => {
    const { declaration, metrics } = await withTitle(`${'a'.repeat(99_999)}!`);
    for (const engineOnly of [false, true]) {
      const { findings } = await compiledRuleset(loaded).evaluate(declaration, metrics, { engineOnly });
      expect(findings.map((f) => f.outcome), `engineOnly: ${engineOnly}`).toEqual([outcome]);
    }
  });
});

describe('patterns RE2 cannot run', () => {
  it.each([
    ['(?=credit)\\w+', /lookahead/],
    ['(?<!net )zero', /lookbehind/],
    ['(a)\\1', /backreference/],
    ['(?<x>a)\\k<x>', /backreference/],
    ['a{1001}', /RE2.*invalid repeat count/],
    ['(unclosed', /not a valid regular expression/],
  ])('%s is refused at load, naming the rule, the pointer, the pattern and why', (pattern, why) => {
    const file = rulesetFile(titleMatches(pattern));
    expect(() => loadRulesetFile(file)).toThrow(MbcheckError);
    expect(() => loadRulesetFile(file)).toThrow(`rule own/title at /rules/0/conditions/all/0/value: the pattern ${JSON.stringify(pattern)} is refused: `);
    expect(() => loadRulesetFile(file)).toThrow(why);
    const problems = lintRulesetSource(sourceFromText('own.json', rulesetText(titleMatches(pattern))), bundledRegistry());
    expect(problems.map((p) => [p.pointer, p.code])).toEqual([['/rules/0/conditions/all/0/value', 'unsafe-pattern']]);
  });

  it('a pattern behind a decorator is read too, each of a list of them under someValue', () => {
    expect(() => loadRulesetFile(rulesetFile({ ...titleMatches('(?=a)'), operator: 'not:matches' }))).toThrow(/\/rules\/0\/conditions\/all\/0\/value: the pattern "\(\?=a\)" is refused/);
    expect(() => loadRulesetFile(rulesetFile({ ...titleMatches('x'), operator: 'someValue:matches', value: ['credit', '(a)\\1'] }))).toThrow(/\/rules\/0\/conditions\/all\/0\/value\/1: the pattern "\(a\)\\\\1" is refused/);
  });

  it('a pattern taken from the declaration is refused: it could not be read before the check', () => {
    expect(() => loadRulesetFile(rulesetFile({ ...titleMatches('x'), value: { fact: 'declaration', path: '$.title' } }))).toThrow(/\/rules\/0\/conditions\/all\/0\/value: the pattern of matches comes from the declaration/);
    expect(() => loadRulesetFile(rulesetFile({ ...titleMatches('x'), operator: 'swap:matches' }))).toThrow(/\/rules\/0\/conditions\/all\/0\/operator: swap:matches would read the pattern from the declaration/);
  });
});

describe('the shipped rulesets', () => {
  // Their patterns are compiled when first matched, not at load: this is where a shipped pattern RE2 cannot run is caught.
  it('hold only patterns RE2 runs', async () => {
    const { patternProblems } = await import('../../src/rulesets/patterns.js');
    const { readdirSync } = await import('node:fs');
    const files = readdirSync('rulesets', { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
      .flatMap((entry) => readdirSync(join('rulesets', entry.name)).filter((f) => /^\d+\.\d+\.\d+\.json$/.test(f)).map((f) => join('rulesets', entry.name, f)));
    expect(files.length).toBeGreaterThan(8);
    let patterns = 0;
    for (const file of files) {
      const rules = (JSON.parse(readFileSync(file, 'utf8')) as { rules: unknown[] }).rules;
      expect(rules.flatMap(patternProblems), file).toEqual([]);
      patterns += JSON.stringify(rules).split('matches"').length - 1;
    }
    expect(patterns).toBeGreaterThan(0);
  });
});
