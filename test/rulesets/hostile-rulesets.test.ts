// Rulesets written to break mbcheck rather than to judge a declaration: a path in jsonpath-plus's own language, a
// condition nested thousands of levels deep, a message that writes to the console. Each is its author's mistake,
// refused when the ruleset loads (naming the rule and the JSON pointer) and reported by lint, never a crash that
// mbcheck calls its own bug.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sourceFromText } from '../../src/declaration/source.js';
import { compileMessage } from '../../src/engine/messages.js';
import { MbcheckError } from '../../src/errors.js';
import { lintRulesetSource } from '../../src/rulesets/lint.js';
import { loadRulesetFile } from '../../src/rulesets/load.js';
import { bundledRegistry } from '../../src/rulesets/registry.js';

const integrity = JSON.parse(readFileSync('rulesets/integrity/1.0.0.json', 'utf8'));

/** A ruleset of one rule, own/hostile, taken from integrity's first and changed by `rule`; `raw` replaces "__RAW__" in its text. */
function hostileText(rule: Record<string, unknown>, raw?: string): string {
  const { supersedes: _, ...ruleset } = integrity;
  const text = JSON.stringify({ ...ruleset, id: 'own', rules: [{ ...integrity.rules[0], id: 'own/hostile', ...rule }] }, null, 2);
  return raw === undefined ? text : text.replace('"__RAW__"', raw);
}

function hostileFile(rule: Record<string, unknown>, raw?: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'mbcheck-hostile-')), 'own.json');
  writeFileSync(file, hostileText(rule, raw));
  return file;
}

function loadError(file: string): MbcheckError {
  try {
    loadRulesetFile(file);
  } catch (error) {
    expect(error).toBeInstanceOf(MbcheckError);
    return error as MbcheckError;
  }
  throw new Error(`${file} loaded`);
}

const on = (path: string) => ({ conditions: { all: [{ fact: 'declaration', path, operator: 'equal', value: 'x' }] } });
const mbcheck = (args: string[]) => spawnSync(process.execPath, ['bin/mbcheck.js', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('a condition path outside the plain form ($.a.b[0])', () => {
  it.each([
    ['$.a[', /not of the plain form/],
    ['$..a=1', /recursive descent/],
    ['$.method[?(@.stacking)]', /filter or script expression/],
    ['$.ledger.inputs[*].quantity', /wildcard/],
    ["$['method']", /quoted name/],
    ['$.constructor.constructor', /"constructor", which every JavaScript object has/],
    ['$.__proto__.polluted', /"__proto__", which every JavaScript object has/],
    ['$.method.prototype', /"prototype"/],
  ])('%s is refused at load, naming the rule, the pointer and why', (path, why) => {
    const error = loadError(hostileFile(on(path)));
    expect(error.code).toBe('ruleset-invalid');
    expect(error.message).toContain(`rule own/hostile at /rules/0/conditions/all/0/path: the path ${JSON.stringify(path)}`);
    expect(error.message).toMatch(why);
  });

  it('is refused in a fact reference used as the value too', () => {
    const error = loadError(hostileFile({ conditions: { all: [{ fact: 'declaration', path: '$.title', operator: 'equal', value: { fact: 'declaration', path: '$..title' } }] } }));
    expect(error.message).toContain('rule own/hostile at /rules/0/conditions/all/0/value/path: the path "$..title"');
  });

  it('lint points at it, instead of saying that no declaration provides it', () => {
    const problems = lintRulesetSource(sourceFromText('own.json', hostileText(on('$.constructor.constructor'))), bundledRegistry());
    expect(problems.map((p) => [p.pointer, p.code])).toEqual([['/rules/0/conditions/all/0/path', 'unsafe-path']]);
    expect(problems[0]!.line).toBeGreaterThan(1);
  });
});

describe('a key written twice', () => {
  it('is refused at load with its line, as in a declaration (JSON would keep the last value)', () => {
    const text = hostileText({ level: 'shall' }).replace('"level": "shall"', '"level": "may",\n      "level": "shall"');
    const file = join(mkdtempSync(join(tmpdir(), 'mbcheck-hostile-')), 'own.json');
    writeFileSync(file, text);
    const line = text.slice(0, text.indexOf('"level": "shall"')).split('\n').length;
    expect(loadError(file).message).toContain(`own.json:${line}: the key "level" appears twice in the object at /rules/0`);
  });
});

describe('a base that cannot be read', () => {
  it('is reported by lint as loading reports it', () => {
    const { supersedes: _, ...ruleset } = integrity;
    const text = JSON.stringify({ ...ruleset, id: 'own', extends: '/dev/zero', rules: [] }, null, 2);
    const problems = lintRulesetSource(sourceFromText('own.json', text), bundledRegistry());
    expect(problems).toContainEqual(expect.objectContaining({ pointer: '/extends', code: 'unreadable-base', message: expect.stringContaining('/dev/zero: the ruleset must be a regular file, and this is a device') }));
  });
});

describe('an operator json-rules-engine does not know', () => {
  // It stopped the check halfway with "Unknown operator", which mbcheck then called its own bug.
  it('is refused at load, naming the rule and the pointer', () => {
    const error = loadError(hostileFile({ conditions: { all: [{ fact: 'declaration', path: '$.id', operator: 'bogusop', value: 1 }] } }));
    expect(error.message).toContain('rule own/hostile at /rules/0/conditions/all/0/operator: unknown operator "bogusop"');
  });
});

describe('someValue and everyValue on a single value', () => {
  // json-rules-engine calls the value's array methods: this crashed the check as an internal error.
  it.each(['someValue:equal', 'everyValue:greaterThan'])('%s with a number is refused at load, and lint says so', (operator) => {
    const rule = { conditions: { all: [{ fact: 'declaration', path: '$.id', operator, value: 5 }] } };
    const error = loadError(hostileFile(rule));
    expect(error.message).toContain(`rule own/hostile at /rules/0/conditions/all/0/value: ${operator} tries the operator on each item of a list, and the value is 5`);
    const problems = lintRulesetSource(sourceFromText('own.json', hostileText(rule)), bundledRegistry());
    expect(problems.map((p) => p.message)).toContainEqual(expect.stringContaining('tries the operator on each item of a list'));
  });

  it('with a list it loads', () => {
    expect(() => loadRulesetFile(hostileFile({ conditions: { all: [{ fact: 'declaration', path: '$.id', operator: 'someValue:equal', value: ['a', 'b'] }] } }))).not.toThrow();
  });
});

describe('conditions nested deeper than mbcheck reads', () => {
  const leaf = JSON.stringify({ fact: 'declaration', path: '$.title', operator: 'equal', value: 'x' });
  const deep = (levels: number) => '{"not":'.repeat(levels) + leaf + '}'.repeat(levels);

  it('5,000 levels are refused at load, naming the rule, where and the limit', () => {
    const error = loadError(hostileFile({ conditions: { all: ['__RAW__'] } }, deep(5000)));
    expect(error.code).toBe('ruleset-invalid');
    expect(error.message).toMatch(/rule own\/hostile at \/rules\/0\/conditions\/all\/0(\/not)+: conditions nest more than 32 levels deep/);
  });

  it('32 levels load (the all, 30 nots and the leaf); 33 do not', () => {
    expect(() => loadRulesetFile(hostileFile({ conditions: { all: ['__RAW__'] } }, deep(30)))).not.toThrow();
    expect(loadError(hostileFile({ conditions: { all: ['__RAW__'] } }, deep(31))).message).toMatch(/at \/rules\/0\/conditions\/all\/0(\/not){31}: conditions nest more than 32 levels/);
  });

  it('a value nested 100,000 levels deep is refused too', () => {
    const error = loadError(hostileFile({ conditions: { all: [{ fact: 'declaration', path: '$.title', operator: 'in', value: '__RAW__' }] } }, '['.repeat(100_000) + ']'.repeat(100_000)));
    expect(error.message).toMatch(/rule own\/hostile at \/rules\/0\/conditions\/all\/0\/value(\/0)+: the value nests more than 32 levels/);
  });

  it('lint reports the depth, with its pointer, line and column', () => {
    const problems = lintRulesetSource(sourceFromText('own.json', hostileText({ conditions: { all: ['__RAW__'] } }, deep(5000))), bundledRegistry());
    expect(problems).toEqual([expect.objectContaining({ code: 'too-deep', pointer: expect.stringMatching(/^\/rules\/0\/conditions\/all\/0(\/not){31}$/), line: expect.any(Number) })]);
  });
});

describe('helpers a message may call', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    ['{{log "pwned"}}The method stacks.', /calls "log", which messages may not use/],
    ['{{log}}The method stacks.', /calls "log"/],
    ['{{#with declaration}}{{title}}{{/with}}', /calls "with"/],
    ['{{lookup declaration "constructor"}}', /calls "lookup"/],
    ['{{helperMissing "x"}}', /calls "helperMissing"/],
  ])('%s is refused at load, naming the rule and the message', (message, why) => {
    const error = loadError(hostileFile({ message: { fail: message, pass: 'Fine.' } }));
    expect(error.message).toMatch(/rule own\/hostile: message\.fail: /);
    expect(error.message).toMatch(why);
    const problems = lintRulesetSource(sourceFromText('own.json', hostileText({ message: { fail: message, pass: 'Fine.' } })), bundledRegistry());
    expect(problems.map((p) => [p.pointer, p.code])).toContainEqual(['/rules/0/message/fail', 'unknown-helper']);
  });

  it('log is inert where a message is rendered without being read first: nothing reaches standard output', () => {
    const writes = vi.spyOn(process.stdout, 'write');
    const info = vi.spyOn(console, 'info');
    const log = vi.spyOn(console, 'log');
    for (const precompiled of [true, false]) expect(compileMessage('{{log "pwned"}}{{log}}Stacked.', { precompiled })({})).toBe('Stacked.');
    expect([...writes.mock.calls, ...info.mock.calls, ...log.mock.calls]).toEqual([]);
  });
});

describe('the command line, on a hostile ruleset', () => {
  const declaration = 'rulesets/_fixtures/steel-credit.yaml';

  it.each([
    ['a constructor chain', () => hostileFile(on('$.constructor.constructor')), /\/rules\/0\/conditions\/all\/0\/path: the path "\$\.constructor\.constructor"/],
    ['5,000 levels of not', () => hostileFile({ conditions: { all: ['__RAW__'] } }, '{"not":'.repeat(5000) + JSON.stringify({ fact: 'declaration', path: '$.title', operator: 'equal', value: 'x' }) + '}'.repeat(5000)), /nest more than 32 levels/],
    ['{{log}} in a message', () => hostileFile({ message: { fail: 'x', pass: '{{log "pwned"}}ok' } }), /message\.pass: the template calls "log"/],
  ])('%s: check exits 2 naming it, lint reports it, and neither calls it a bug', (_name, make, said) => {
    const file = make();
    const check = mbcheck(['check', declaration, '--ruleset', file, '--as-of', '2026-11-29', '--format', 'json']);
    expect(check.status).toBe(2);
    expect(check.stdout).toBe('');
    expect(check.stderr).toMatch(said);
    const lint = mbcheck(['ruleset', 'lint', file]);
    expect(lint.status).toBe(1);
    expect(lint.stdout).toMatch(/own\.json:\d+:\d+ {2}\/rules\/0\//);
    expect(check.stderr + lint.stderr + lint.stdout).not.toMatch(/internal error|bug in mbcheck/);
  });
});

describe('the shipped rulesets', () => {
  // Loading skips the duplicate-key count for them (it costs start-up): this is where one would be caught.
  it('write every key once', async () => {
    const { readdirSync } = await import('node:fs');
    const { membersInData, membersInText } = await import('../../src/declaration/jsonDuplicates.js');
    const files = readdirSync('rulesets', { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
      .flatMap((entry) => readdirSync(join('rulesets', entry.name)).filter((f) => f.endsWith('.json')).map((f) => join('rulesets', entry.name, f)));
    expect(files.length).toBeGreaterThan(8);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(membersInText(text), file).toBe(membersInData(JSON.parse(text)));
    }
  });
});
