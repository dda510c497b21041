// Ruleset patterns run on RE2, in time linear in the text: a pattern it cannot run is refused before any check,
// at load and by lint; a catastrophic one for a backtracking engine loads (hostile-patterns.test.ts runs them).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFromText } from '../../src/declaration/source.js';
import { MbcheckError } from '../../src/errors.js';
import { loadRulesetFile } from '../../src/rulesets/load.js';
import { lintRulesetSource } from '../../src/rulesets/lint.js';
import { bundledRegistry } from '../../src/rulesets/registry.js';

/** The integrity ruleset, renamed, with every pattern of its claim rule replaced. */
function withPattern(pattern: string): string {
  const ruleset = JSON.parse(readFileSync('rulesets/integrity/1.0.0.json', 'utf8'));
  const text = JSON.stringify({ ...ruleset, id: 'own-integrity', rules: ruleset.rules.map((r: { id: string }) => ({ ...r, id: r.id.replace('integrity/', 'own-integrity/') })) }, null, 2);
  return text.replace(/("operator": "matches",\s*"value": )"(?:[^"\\]|\\.)*"/g, (_m, head: string) => `${head}${JSON.stringify(pattern)}`);
}

describe('patterns of the matches operator', () => {
  const unrunnable = '(?!net )zero';
  const fileWith = (pattern: string) => {
    const file = join(mkdtempSync(join(tmpdir(), 'mbcheck-regex-')), 'own.json');
    writeFileSync(file, withPattern(pattern));
    return file;
  };

  it('a pattern RE2 cannot run is refused at load, naming the rule, where, the pattern and why', () => {
    const file = fileWith(unrunnable);
    expect(() => loadRulesetFile(file)).toThrow(MbcheckError);
    try {
      loadRulesetFile(file);
    } catch (error) {
      expect((error as MbcheckError).code).toBe('unsafe-pattern');
      expect((error as MbcheckError).message).toMatch(/rule own-integrity\/[\w-]+ at \/rules\/\d+\/\S+\/value: the pattern "\(\?!net \)zero" is refused: it uses a lookahead/);
    }
  });

  it('lint points at the pattern', () => {
    const problems = lintRulesetSource(sourceFromText('own.json', withPattern(unrunnable)), bundledRegistry());
    const problem = problems.find((p) => p.code === 'unsafe-pattern');
    expect(problem).toMatchObject({ pointer: expect.stringMatching(/^\/rules\/\d+\/(conditions|appliesWhen)\/.*\/value$/) });
    expect(problem!.line).toBeGreaterThan(1);
  });

  it('the bundled rulesets use only safe patterns (they load)', () => {
    expect(bundledRegistry().all().length).toBeGreaterThan(0);
  });

  // The nested-repetition heuristic these replaced refused them all, and let worse ones through.
  it.each(['(a+)+$', '(a|a*)*', '(\\w+\\s?)+x', '(?:x*){2,}'])('%s loads: nested repetition costs RE2 no backtracking', (pattern) => {
    expect(() => loadRulesetFile(fileWith(pattern))).not.toThrow();
  });
});
