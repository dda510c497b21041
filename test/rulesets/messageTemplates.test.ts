// Rule messages are Handlebars templates over {declaration, metrics, ruleset}. One that cannot render (a syntax
// error, an unknown helper) is refused when its ruleset loads; one that reads a path nothing provides (it would
// print as nothing) is reported by lint; the bundled rulesets have neither.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFromText } from '../../src/declaration/source.js';
import { MbcheckError } from '../../src/errors.js';
import { lintRulesetSource } from '../../src/rulesets/lint.js';
import { loadRulesetFile } from '../../src/rulesets/load.js';
import { readTemplate } from '../../src/rulesets/messageTemplates.js';
import { bundledRegistry } from '../../src/rulesets/registry.js';

/** A ruleset of the user's own: the integrity ruleset renamed, its first rule's fail message replaced. */
function ownRuleset(failMessage: string): string {
  const ruleset = JSON.parse(readFileSync('rulesets/integrity/1.0.0.json', 'utf8'));
  const rules = ruleset.rules.map((r: { id: string; message: { fail: string } }, i: number) => ({
    ...r,
    id: r.id.replace('integrity/', 'own/'),
    message: i === 0 ? { ...r.message, fail: failMessage } : r.message,
  }));
  return JSON.stringify({ ...ruleset, id: 'own', rules }, null, 2);
}

function ownFile(failMessage: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'mbcheck-messages-')), 'own.json');
  writeFileSync(file, ownRuleset(failMessage));
  return file;
}

describe('readTemplate', () => {
  it('collects the paths read in the facts\' context: values, helper arguments, sub-expressions, conditions', () => {
    const { problems, paths } = readTemplate(
      '{{metrics.a}} {{num metrics.b 2}} {{default declaration.c metrics.d}} {{join (default metrics.e metrics.f)}} {{#if metrics.g}}{{ruleset.id}}{{else}}{{declaration.h}}{{/if}}',
    );
    expect(problems).toEqual([]);
    expect(paths).toEqual(['metrics.a', 'metrics.b', 'declaration.c', 'metrics.d', 'metrics.e', 'metrics.f', 'metrics.g', 'ruleset.id', 'declaration.h']);
  });

  it('reads bracketed segments and this. as Handlebars does', () => {
    expect(readTemplate('{{metrics.ledger.pools.[0].id}} {{this.metrics.hasLedger}}').paths).toEqual(['metrics.ledger.pools.0.id', 'metrics.hasLedger']);
  });

  it('leaves alone what is read in another context: inside each or a section, @data, this and ../', () => {
    const { problems, paths } = readTemplate('{{#each metrics.list}}{{id}} {{@index}} {{this}} {{../metrics.x}}{{/each}}{{#metrics.s}}{{t}}{{/metrics.s}}');
    expect(problems).toEqual([]);
    expect(paths).toEqual(['metrics.list', 'metrics.s']);
  });

  it('refuses the Handlebars helpers messages have no use for, called or bare; a property of that name is read as one', () => {
    for (const template of ['{{log "x"}}', '{{log}}', '{{#with metrics.w}}{{v}}{{/with}}', '{{lookup metrics "x"}}', '{{num (lookup metrics "x")}}']) {
      expect(readTemplate(template).problems, template).toEqual([{ code: 'unknown-helper', message: expect.stringMatching(/the template calls "(log|with|lookup)", which messages may not use/) }]);
    }
    expect(readTemplate('{{metrics.log}} {{this.with}}').problems).toEqual([]);
  });

  it('names a helper nobody registered, called with arguments or as a sub-expression', () => {
    expect(readTemplate('{{nmu metrics.x}}').problems).toEqual([{ code: 'unknown-helper', message: expect.stringContaining('"nmu", which is no helper') }]);
    expect(readTemplate('{{num (round metrics.x)}}').problems).toEqual([{ code: 'unknown-helper', message: expect.stringContaining('"round"') }]);
  });

  it('says where a template does not parse, and refuses partials', () => {
    expect(readTemplate('{{#if metrics.x}} never closed').problems).toEqual([{ code: 'bad-template', message: expect.stringMatching(/line 1.*got 'EOF'/) }]);
    expect(readTemplate('{{> header}}').problems).toEqual([{ code: 'bad-template', message: expect.stringContaining('partial') }]);
  });
});

describe('message templates of a ruleset', () => {
  it('the bundled rulesets: every message renders and reads only what the facts provide (lint finds nothing)', () => {
    for (const loaded of bundledRegistry().all()) {
      expect(lintRulesetSource(sourceFromText(loaded.file, readFileSync(loaded.file, 'utf8')), bundledRegistry()), loaded.file).toEqual([]);
    }
  });

  it('a message that cannot render is refused at load, naming the rule, the message and why', () => {
    const file = ownFile('Broken {{#if metrics.hasLedger}} never closed, and {{nmu metrics.x}}');
    expect(() => loadRulesetFile(file)).toThrow(MbcheckError);
    expect(() => loadRulesetFile(file)).toThrow(/rule own\/[\w-]+: message\.fail: the template does not parse/);
  });

  it('... and mbcheck check says so and exits 2, rather than reporting a bug in mbcheck halfway through', () => {
    const run = spawnSync(process.execPath, ['bin/mbcheck.js', 'check', 'examples/steel-credit-transition.yaml', '--ruleset', ownFile('{{nmu metrics.x}}'), '--as-of', '2026-11-29'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/message\.fail: the template calls "nmu", which is no helper/);
    expect(run.stderr + run.stdout).not.toMatch(/internal error|bug in mbcheck/);
  });

  it('a path nothing provides loads (it prints as nothing) and lint points at the message', () => {
    const text = ownRuleset('Off by {{num metrics.ledger.claim.excesPercent}} points ({{declaration.method.stacking.allowd}}, {{metric.ledger.totals.inputs}}).');
    const file = join(mkdtempSync(join(tmpdir(), 'mbcheck-messages-')), 'own.json');
    writeFileSync(file, text);
    expect(() => loadRulesetFile(file)).not.toThrow();
    const problems = lintRulesetSource(sourceFromText('own.json', text), bundledRegistry());
    expect(problems.map((p) => [p.pointer, p.code, p.message.match(/"([^"]+)"/)?.[1]])).toEqual([
      ['/rules/0/message/fail', 'unknown-path', 'metrics.ledger.claim.excesPercent'],
      ['/rules/0/message/fail', 'unknown-path', 'declaration.method.stacking.allowd'],
      ['/rules/0/message/fail', 'unknown-path', 'metric.ledger.totals.inputs'],
    ]);
    expect(problems[0]!.line).toBeGreaterThan(1);
  });

  it.each([
    ['{{#if}}x{{/if}}', '"if" with 0 value(s); it takes 1'],
    ['{{#each}}x{{/each}}', '"each" with 0 value(s); it takes 1'],
    ['{{#unless metrics.a metrics.b}}x{{/unless}}', '"unless" with 2 value(s); it takes 1'],
    ['{{abs}}', '"abs" with 0 value(s); it takes 1'],
    ['{{default metrics.a}}', '"default" with 1 value(s); it takes 2'],
    ['{{num metrics.a 2 3}}', '"num" with 3 value(s); it takes 1 or 2'],
  ])('%s calls a helper with the wrong number of values: said at load, not thrown in the middle of a check', (template, message) => {
    expect(readTemplate(template).problems).toEqual([{ code: 'bad-template', message: expect.stringContaining(message) }]);
  });
});
