// The report's key figures explain themselves in the words of schemas/metrics.schema.json, the contract the rules
// read the same figures by: one text for a figure, wherever it is explained.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/check.js';
import { readSource } from '../../src/declaration/source.js';
import { buildReportModel } from '../../src/report/model.js';

type Node = { description?: string; properties?: Record<string, Node>; anyOf?: Node[]; $ref?: string };
const schema = JSON.parse(readFileSync('schemas/metrics.schema.json', 'utf8')) as Node & { $defs: Record<string, Node> };

/** The description at a metrics path, read here independently of src/schemas.ts's walker. */
function described(path: string): string {
  let node: Node | undefined = schema;
  for (const key of path.split('.')) {
    const object: Node | undefined = node?.anyOf?.find((b) => b.$ref) ?? node;
    const resolved: Node | undefined = object?.$ref ? schema.$defs[object.$ref.replace('#/$defs/', '')] : object;
    node = resolved?.properties?.[key];
  }
  return node!.description!;
}

describe('the key figures of a report', () => {
  it('say how each figure is computed with its description in the metrics schema, the unit left to the unit column', async () => {
    const { result, declaration } = await runCheck(await readSource('examples/steel-credit-transition.yaml'), { asOf: '2026-11-29' });
    const figures = buildReportModel(result, declaration!).ledger!.figures;
    const how = Object.fromEntries(figures.map((f) => [f.label, f.how]));
    const expected = {
      'Baseline factor B': 'ledger.baseline.emissionFactor',
      'Input mass': 'ledger.totals.inputMass',
      'Credits used': 'ledger.totals.creditsUsed',
      'Overdraft': 'ledger.balance.overdraft',
      'Low-carbon input share': 'ledger.totals.lowCarbonInputShare',
      'Stacked outputs': 'ledger.stacking.count',
    };
    for (const [label, path] of Object.entries(expected)) {
      const description = described(path);
      expect(description).toMatch(/, (in (tCO2e\/t|ledger\.unit|emissionsUnit)|a share from 0 to 1|a count)\.$/);
      expect(`${how[label]}, `).toBe(description.slice(0, description.lastIndexOf(', ') + 2));
    }
    expect(how['Credits used']).toBe('Credits the ledger\'s outputs use: sum of m x max(0, B - a)');
    expect(how['Credits expired / forfeited']).toBe(`${described('ledger.totals.creditsExpired').replace(/, in emissionsUnit\.$/, '')} / ${described('ledger.totals.creditsForfeited').replace(/, in emissionsUnit\.$/, '')}`);
    for (const figure of figures) {
      expect(figure.how, figure.label).not.toMatch(/(emissionsUnit|ledger\.unit|a count|\.)$/);
      expect(figure.how.length, figure.label).toBeGreaterThan(20);
    }
    expect(figures).toHaveLength(15);
  });
});

describe('should and may rules in the report', () => {
  it('a failing should rule is a warning, not a fail, and a passing declaration with warnings says so on its cover', async () => {
    const { result, declaration } = await runCheck(await readSource('examples/steel-multi-site-unconnected.yaml'), { asOf: '2026-11-29' });
    const model = buildReportModel(result, declaration!);
    const warned = result.findings!.filter((f) => f.outcome === 'fail' && f.level === 'should');
    expect(result.verdict).toBe('pass');
    expect(warned.length).toBeGreaterThan(0);
    expect(model.counts.warnings).toBe(warned.length);
    expect(model.topFindings.filter((f) => f.level === 'should').every((f) => f.outcomeLabel === 'warning')).toBe(true);
    const { renderReportHtml } = await import('../../src/report/html.js');
    const html = renderReportHtml(model);
    expect(html).toContain(`Overall verdict: pass, with ${warned.length} warnings.`);
    expect(html).not.toMatch(/badge fail">fail<\/span><span class="badge should"/);
  });
});

describe('what to fix first', () => {
  it('lists every failure not waived, shall rules first, then should, then may, each with its remedy', async () => {
    const { result, declaration } = await runCheck(await readSource('examples/steel-stacked-100-percent.yaml'), { asOf: '2026-11-29' });
    const model = buildReportModel(result, declaration!);
    const failing = result.findings!.filter((f) => f.outcome === 'fail');
    expect(model.fixFirst.map((f) => f.ruleId).sort()).toEqual(failing.map((f) => f.ruleId).sort());
    const levels = model.fixFirst.map((f) => f.level);
    expect(levels).toEqual([...levels].sort((a, b) => ['shall', 'should', 'may'].indexOf(a) - ['shall', 'should', 'may'].indexOf(b)));
    const { renderReportHtml } = await import('../../src/report/html.js');
    const html = renderReportHtml(model);
    expect(html).toContain('<h2 id="fix-first">What to fix first</h2>');
    expect(html).toContain(`<strong>${model.fixFirst[0]!.ruleId}</strong>: ${model.fixFirst[0]!.remediation.replace(/'/g, '&#x27;').replace(/"/g, '&quot;')}`);
  });
});
