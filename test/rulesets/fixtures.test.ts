// Every rule of every bundled ruleset is proven by its own fixtures: at least one case that passes it and
// one that fails it, each with the expected outcome and the figures its message must state.
import { describe, expect, it } from 'vitest';
import { bundledRegistry } from '../../src/rulesets/registry.js';
import { runRuleFixtures, type RuleReport } from '../../src/rulesets/fixtures.js';
import type { LoadedRuleset } from '../../src/rulesets/load.js';

const registry = bundledRegistry();
const runs = new Map<LoadedRuleset, Promise<RuleReport[]>>();
const reportsOf = (loaded: LoadedRuleset) => runs.get(loaded) ?? runs.set(loaded, runRuleFixtures(loaded)).get(loaded)!;

describe.each(registry.all().map((loaded) => [`${loaded.ruleset.id}@${loaded.ruleset.version}`, loaded] as const))('%s', (_name, loaded) => {
  it.each(loaded.ruleset.rules.map((rule) => [rule.id] as const))('%s has passing and failing fixtures that hold', async (ruleId) => {
    const reports = await reportsOf(loaded);
    const report = reports.find((r) => r.ruleId === ruleId)!;
    for (const c of report.cases) {
      expect({ case: c.name, outcome: c.actual, message: c.message }).toEqual({ case: c.name, outcome: c.expected, message: expect.any(String) });
      expect(c.ok, `${c.name}: ${c.message}`).toBe(true);
    }
    expect(report.complete, `${ruleId} needs at least one passing and one failing fixture (tests/${ruleId.split('/')[1]}.yaml)`).toBe(true);
  });
});
