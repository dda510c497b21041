// Rule messages come precompiled for the bundled rulesets (scripts/precompile-messages.mjs) and are compiled at run
// time otherwise: both must say the same words, with the same helpers, on every declaration we have.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { sourceFromText } from '../../src/declaration/source.js';
import { validateSource } from '../../src/declaration/validate.js';
import { compileMessage, isPrecompiled } from '../../src/engine/messages.js';
import { deriveMetrics } from '../../src/metrics/derive.js';
import { fixturesOf, materialise } from '../../src/rulesets/fixtures.js';
import { bundledRegistry } from '../../src/rulesets/registry.js';

const registry = bundledRegistry();
const messagesOf = (rule: { message: { fail: string; pass?: string } }) => [rule.message.fail, ...(rule.message.pass ? [rule.message.pass] : [])];

describe('precompiled rule messages', () => {
  it('are up to date with the rulesets (run npm run gen:messages after changing a message)', () => {
    expect(() => execFileSync(process.execPath, ['scripts/precompile-messages.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('cover every message of every bundled ruleset', () => {
    const missing = registry.all().flatMap((loaded) => loaded.ruleset.rules.flatMap(messagesOf).filter((m) => !isPrecompiled(m)));
    expect(missing).toEqual([]);
  });

  it('render exactly as the same messages compiled at run time, on every fixture case and example', () => {
    let rendered = 0;
    for (const loaded of registry.all()) {
      const declarations: unknown[] = fixturesOf(loaded).flatMap((file) => file.cases.map((c) => materialise(file.file, c)));
      for (const f of readdirSync('examples').filter((f) => f.endsWith('.yaml'))) declarations.push(parseYaml(readFileSync(`examples/${f}`, 'utf8')));
      const templates = loaded.ruleset.rules.flatMap(messagesOf).map((source) => ({ source, shipped: compileMessage(source), compiled: compileMessage(source, { precompiled: false }) }));
      for (const data of declarations) {
        const outcome = validateSource(sourceFromText('case.json', JSON.stringify(data)));
        if (!outcome.valid) continue;
        const context = { declaration: outcome.declaration, metrics: deriveMetrics(outcome.declaration), ruleset: { id: loaded.ruleset.id, version: loaded.ruleset.version } };
        for (const { source, shipped, compiled } of templates) {
          expect(shipped(context), source).toBe(compiled(context));
          rendered++;
        }
      }
    }
    expect(rendered).toBeGreaterThan(1000);
  });
});

describe('a message of a ruleset of the user\'s own', () => {
  it('is compiled at run time, with the same helpers', () => {
    const source = 'Used {{num metrics.used 2}} of {{num metrics.earned}} ({{pct metrics.share}}) on {{join metrics.sites}}; owner {{default metrics.owner "unknown"}}.';
    expect(isPrecompiled(source)).toBe(false);
    const message = compileMessage(source);
    expect(message({ metrics: { used: 2.345, earned: 10, share: 0.2345, sites: ['a', 'b'] } })).toBe('Used 2.35 of 10 (23.45%) on a, b; owner unknown.');
  });

  it('says a phrase per case with eq, lt, abs and includes', () => {
    const message = compileMessage(
      '{{#if (eq status "planned")}}planned{{else}}not planned{{/if}}; {{#if (lt change 0)}}{{num (abs change)}}% above{{else}}{{num change}}% below{{/if}}; {{#if (includes inventories "physical")}}in the physical inventory{{else}}apart{{/if}}.',
    );
    expect(message({ status: 'planned', change: -7.14286, inventories: ['physical', 'market-based'] })).toBe('planned; 7.1429% above; in the physical inventory.');
    expect(message({ status: 'done', change: 0, inventories: ['market-based'] })).toBe('not planned; 0% below; apart.');
    // A missing figure is neither below zero nor in a list.
    expect(message({})).toBe('not planned; n/a% below; apart.');
  });
});
