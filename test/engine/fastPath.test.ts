// The synchronous fast path must be indistinguishable from json-rules-engine: every fixture case of every
// bundled ruleset, and every example, gives the same findings (outcomes, messages, failed conditions) both ways.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { validateSource } from '../../src/declaration/validate.js';
import { sourceFromText } from '../../src/declaration/source.js';
import { compiledRuleset } from '../../src/engine/evaluate.js';
import { compileCondition, evaluateFast, operatorsOf, supportsFastPath } from '../../src/engine/fastPath.js';
import { deriveMetrics } from '../../src/metrics/derive.js';
import { fixturesOf, materialise } from '../../src/rulesets/fixtures.js';
import { bundledRegistry } from '../../src/rulesets/registry.js';
import type { LoadedRuleset } from '../../src/rulesets/load.js';
import { Engine } from 'json-rules-engine';
import { addCustomOperators } from '../../src/engine/operators.js';

async function bothWays(loaded: LoadedRuleset, data: unknown) {
  const outcome = validateSource(sourceFromText('case.json', JSON.stringify(data)));
  if (!outcome.valid) return null;
  const metrics = deriveMetrics(outcome.declaration);
  const compiled = compiledRuleset(loaded);
  const fast = await compiled.evaluate(outcome.declaration, metrics);
  const engine = await compiled.evaluate(outcome.declaration, metrics, { engineOnly: true });
  return { fast, engine };
}

const registry = bundledRegistry();

describe.each(registry.all().map((l) => [`${l.ruleset.id}@${l.ruleset.version}`, l] as const))('%s', (_name, loaded) => {
  it('takes the fast path (every rule is in a form it reproduces)', () => {
    const engine = new Engine([], { allowUndefinedFacts: true });
    addCustomOperators(engine);
    const operator = operatorsOf(engine)!;
    for (const rule of loaded.ruleset.rules) expect(supportsFastPath(rule.conditions, operator), rule.id).toBe(true);
  });

  it('gives the engine\'s findings on every fixture case and every example', async () => {
    const declarations: unknown[] = fixturesOf(loaded).flatMap((file) => file.cases.map((c) => materialise(file.file, c)));
    for (const f of readdirSync('examples').filter((f) => f.endsWith('.yaml'))) declarations.push(parseYaml(readFileSync(`examples/${f}`, 'utf8')));
    let compared = 0;
    for (const data of declarations) {
      const both = await bothWays(loaded, data);
      if (!both) continue;
      expect(both.fast).toEqual(both.engine);
      compared++;
    }
    expect(compared).toBeGreaterThan(loaded.ruleset.rules.length);
  });
});

describe('the fast path on the forms it accepts', () => {
  const engine = new Engine([], { allowUndefinedFacts: true });
  addCustomOperators(engine);
  const operator = operatorsOf(engine)!;
  const facts = { declaration: { a: { b: [3, 4] }, s: 'x' }, metrics: { n: 2 } };

  it('leaves condition references, priorities, params and other JSONPath forms to the engine', () => {
    expect(supportsFastPath({ all: [{ condition: 'shared' }] }, operator)).toBe(false);
    expect(supportsFastPath({ all: [{ fact: 'metrics', path: '$.n', operator: 'equal', value: 2, priority: 2 }] }, operator)).toBe(false);
    expect(supportsFastPath({ fact: 'metrics', params: { x: 1 }, operator: 'equal', value: 2 }, operator)).toBe(false);
    expect(supportsFastPath({ fact: 'declaration', path: '$.a.b[*]', operator: 'equal', value: 3 }, operator)).toBe(false);
    expect(supportsFastPath({ fact: 'declaration', path: '$.a', operator: 'noSuchOperator', value: 3 }, operator)).toBe(false);
    expect(supportsFastPath({ any: [{ fact: 'declaration', path: '$.a.b[1]', operator: 'not:equal', value: 3 }] }, operator)).toBe(true);
  });

  /** The oracle: json-rules-engine with its default (jsonpath-plus) resolver, one rule, these facts. */
  async function engineSays(conditions: Record<string, unknown>) {
    const oracle = new Engine([], { allowUndefinedFacts: true });
    addCustomOperators(oracle);
    oracle.addRule({ name: 'r', conditions: conditions as never, event: { type: 'r' } });
    const { results, failureResults } = await oracle.run(structuredClone(facts));
    const r = [...results, ...failureResults][0]!;
    return { result: r.result, conditions: withoutPriority(JSON.parse(JSON.stringify(r.conditions))) };
  }

  /**
   * Serialised, the engine stamps a default priority on every node and leaves out the result of all/any/not
   * nodes (it has them in memory); compare what both state.
   */
  function withoutPriority(node: unknown): unknown {
    if (Array.isArray(node)) return node.map(withoutPriority);
    if (node === null || typeof node !== 'object') return node;
    const boolean = ['all', 'any', 'not'].some((key) => key in node);
    return Object.fromEntries(Object.entries(node).filter(([key]) => key !== 'priority' && !(boolean && key === 'result')).map(([key, value]) => [key, withoutPriority(value)]));
  }

  it.each([
    ['a plain path into an array', { all: [{ fact: 'declaration', path: '$.a.b[1]', operator: 'equal', value: 4 }] }],
    ['a fact reference as the value', { all: [{ fact: 'declaration', path: '$.a.b[0]', operator: 'lessThan', value: { fact: 'metrics', path: '$.n' } }] }],
    ['an undefined fact', { all: [{ fact: 'nothing', path: '$.x', operator: 'isSet', value: false }] }],
    ["a string's length", { all: [{ fact: 'declaration', path: '$.s.length', operator: 'equal', value: 1 }] }],
    ["an array's length", { all: [{ fact: 'declaration', path: '$.a.b.length', operator: 'equal', value: 2 }] }],
    ['an inherited property, which is not there', { all: [{ fact: 'declaration', path: '$.constructor', operator: 'isSet', value: true }] }],
    ['a path past a number', { all: [{ fact: 'metrics', path: '$.n.x', operator: 'isSet', value: false }] }],
    ['an empty any', { any: [] }],
    ['not, and a decorated operator', { all: [{ not: { fact: 'metrics', path: '$.n', operator: 'greaterThan', value: 1 } }, { fact: 'declaration', path: '$.a.b', operator: 'someFact:equal', value: 4 }] }],
    ['any with one passing of two', { any: [{ fact: 'metrics', path: '$.n', operator: 'equal', value: 1 }, { fact: 'metrics', path: '$.n', operator: 'equal', value: 2 }] }],
  ])('agrees with the engine on %s', async (_name, conditions) => {
    const { result, ...tree } = evaluateFast(conditions, facts, operator);
    expect(compileCondition(conditions, operator).test(facts)).toBe(result);
    expect({ result, conditions: withoutPriority(JSON.parse(JSON.stringify(tree))) }).toEqual(await engineSays(conditions));
  });
});
