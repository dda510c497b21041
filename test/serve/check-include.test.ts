// POST /v1/check?include=places,view: the opt-in parts the workbench asks for. Without include the answer is the
// library's result byte for byte; with places each failing (or cannot-tell) finding says where its value is written,
// in the declaration or in a ledger file sent with it; with view the report's method profile and ledger metrics come
// along, the same figures as the result's metrics. Both where the check runs: a worker thread and the server's own.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check.js';
import { sourceFromBytes } from '../../src/declaration/source.js';
import type { CheckAnswerBody, PlacedFinding } from '../../src/serve/checkView.js';
import { ASOF, creditYaml, exampleBytes, expectErrorShape, listen, quietApp, YAML } from './helpers.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const stacked = exampleBytes('steel-stacked-100-percent.yaml');
const stackedLines = stacked.toString('utf8').split('\n');
const csvFolder = 'examples/chemicals-csv';

/** The 1-based line of the first line matching `pattern` after the first line matching `after`. */
function lineOf(lines: string[], pattern: RegExp, after?: RegExp): number {
  const start = after ? lines.findIndex((l) => after.test(l)) : 0;
  expect(start, `no line matches ${after}`).toBeGreaterThanOrEqual(0);
  const index = lines.findIndex((l, i) => i > start && pattern.test(l));
  expect(index, `no line matches ${pattern}`).toBeGreaterThan(0);
  return index + 1;
}

function csvForm(): FormData {
  const data = new FormData();
  for (const [field, name, type] of [['declaration', 'chemicals-csv.yaml', 'application/yaml'], ['inputs.csv', 'inputs.csv', 'text/csv'], ['outputs.csv', 'outputs.csv', 'text/csv']] as const) {
    data.append(field, new Blob([readFileSync(`${csvFolder}/${name}`)], { type }), name);
  }
  return data;
}

const finding = (body: CheckAnswerBody, ruleId: string): PlacedFinding => {
  const found = body.findings?.find((f) => f.ruleId === ruleId);
  if (!found) throw new Error(`no finding ${ruleId} in ${body.findings?.map((f) => f.ruleId).join(', ')}`);
  return found;
};

/** '10,000.5' -> 10000.5: the report's en-GB figures read back. */
const reading = (text: string) => Number(text.replace(/,/g, ''));

describe.each([
  ['in a worker thread', { checkWorkers: 1 }],
  ['in the server thread', { checkWorkers: 0 }],
])('POST /v1/check with include, %s', (_where, options) => {
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    app = quietApp(options);
    base = await listen(app);
  });
  afterAll(() => app.close());

  const check = async (body: Buffer, query: string) => {
    const response = await app.inject({ method: 'POST', url: `/v1/check?asOf=${ASOF}${query}`, payload: body, headers: YAML });
    return { status: response.statusCode, text: response.body, body: response.json<CheckAnswerBody>() };
  };

  it('without include answers the library\'s result byte for byte, with no place and no view', async () => {
    const plain = await check(stacked, '');
    const library = await checkSource(sourceFromBytes('request.yaml', stacked), { asOf: ASOF });
    expect(plain.text).toBe(JSON.stringify(library));
    expect(plain.text).not.toContain('"place"');
    expect(plain.body).not.toHaveProperty('view');
  });

  it('include=places places a failing finding at the line of the value it is about, and adds nothing else', async () => {
    const placed = await check(stacked, '&include=places');
    expect(placed.status).toBe(200);
    const forbids = finding(placed.body, 'integrity/method-forbids-stacking');
    const allowedLine = lineOf(stackedLines, /^\s+allowed: true/, /^\s+stacking:/);
    expect(forbids.place).toEqual({ pointer: '/method/stacking/allowed', line: allowedLine, column: stackedLines[allowedLine - 1]!.indexOf('true') + 1 });
    // The stacked output is a line of the ledger, written in the declaration itself.
    const stackedOutput = finding(placed.body, 'integrity/no-stacked-attribution').place;
    expect(stackedOutput).toMatchObject({ pointer: '/ledger/outputs/0', line: lineOf(stackedLines, /id: out-100pct/) });
    expect(stackedOutput).not.toHaveProperty('file');
    // Passing findings have nothing to be placed at; taking the places away leaves the plain answer.
    expect(placed.body.findings!.filter((f) => f.place && f.outcome === 'pass')).toEqual([]);
    const withoutPlaces = { ...placed.body, findings: placed.body.findings!.map(({ place: _place, ...rest }) => rest) };
    expect(JSON.stringify(withoutPlaces)).toBe((await check(stacked, '')).text);
  });

  it('a finding about a line of a CSV ledger, sent multipart, is placed at that file\'s row', async () => {
    const response = await fetch(`${base}/v1/check?asOf=${ASOF}&include=places`, { method: 'POST', body: csvForm() });
    expect(response.status).toBe(200);
    const body = (await response.json()) as CheckAnswerBody;
    const placedInFile = body.findings!.filter((f) => f.place?.file);
    expect(placedInFile.length).toBeGreaterThan(0);
    const { place } = placedInFile[0]!;
    expect(place!.file).toBe('outputs.csv');
    const index = Number(/^\/ledger\/outputs\/(\d+)$/.exec(place!.pointer)?.[1]);
    // Row 1 is the header: the output at index i is on row i + 2.
    expect(place!.line).toBe(index + 2);
    const declarationLines = readFileSync(`${csvFolder}/chemicals-csv.yaml`, 'utf8').split('\n');
    expect(place!.namedAt?.line).toBe(lineOf(declarationLines, /outputs\.csv/, /^ledger:/));
  });

  it('places a cannot-tell finding that waits on a period still running at period.end', async () => {
    // Checked before its period ends: a rule that needs the period over cannot tell yet.
    const text = creditYaml.toString('utf8');
    const periodEnd = /period: \{ start: (\S+), end: (\S+) \}/.exec(text)!;
    const early = await app.inject({ method: 'POST', url: `/v1/check?asOf=${periodEnd[1]}&include=places`, payload: creditYaml, headers: YAML });
    const waiting = early.json<CheckAnswerBody>().findings!.filter((f) => f.outcome === 'cannot-tell');
    expect(waiting.length).toBeGreaterThan(0);
    const lines = text.split('\n');
    for (const f of waiting) expect(f.place, f.ruleId).toEqual({ pointer: '/period/end', line: lineOf(lines, /^period:/, /^commodity:/), column: lines[lineOf(lines, /^period:/, /^commodity:/) - 1]!.indexOf(periodEnd[2]!) + 1 });
  });

  it('include=view brings the report\'s seven decisions, the declared option and the rules failing at each', async () => {
    const { body } = await check(stacked, '&include=view');
    const profile = body.view!.methodProfile;
    expect(profile.map((d) => d.decision)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const stacking = profile[5]!;
    expect(stacking.options.filter((o) => o.chosen).map((o) => o.value)).toEqual(['allowed']);
    expect(stacking.options.find((o) => o.chosen)!.integrity).toBe('lower');
    expect(stacking.declared).toBe('allowed');
    expect(stacking.failing).toContain('integrity/method-forbids-stacking');
    // Exactly the shall rules the result has failing at decision 6.
    expect([...stacking.failing].sort()).toEqual(body.findings!.filter((f) => f.decision === 6 && f.outcome === 'fail' && f.level === 'shall').map((f) => f.ruleId).sort());
    for (const decision of profile) expect(decision.options.filter((o) => o.chosen).length, `decision ${decision.decision}`).toBe(1);
    expect(body.view!.claim.join(' ')).toMatch(/fully reduced/);
  });

  it('the view\'s figures, pools and charts are the result\'s metrics', async () => {
    const { body } = await check(creditYaml, '&include=view');
    const ledger = body.metrics!.ledger!;
    const view = body.view!.ledger!;
    const value = (label: string) => reading(view.figures.find((f) => f.label === label)!.value);
    expect(value('Baseline factor B')).toBeCloseTo(ledger.baseline.emissionFactor, 4);
    expect(value('Input mass')).toBeCloseTo(ledger.totals.inputMass, 2);
    expect(value('Output mass M')).toBeCloseTo(ledger.totals.outputMass, 2);
    expect(value('Credits earned')).toBeCloseTo(ledger.totals.creditsEarned, 2);
    expect(value('Credits used')).toBeCloseTo(ledger.totals.creditsUsed, 2);
    expect(view.pools.map((p) => p.id)).toEqual(ledger.pools.map((p) => p.id));
    view.pools.forEach((row, i) => {
      expect(reading(row.fmt.creditsEarned)).toBeCloseTo(ledger.pools[i]!.creditsEarned, 2);
      expect(reading(row.fmt.closingBalance)).toBeCloseTo(ledger.pools[i]!.closingBalance, 2);
    });
    expect(view.outputsChart!.rows.map((r) => r.id).sort()).toEqual(ledger.outputs.map((o) => o.id).sort());
    expect(view.windowsChart!.groups.length).toBe(ledger.pools.filter((p) => p.creditsEarned > 0 || p.creditsUsed > 0 || p.creditsCarriedIn > 0).length);
  });

  it('the view lists the stacked outputs and the credits by site as the report does, from the same metrics', async () => {
    const stackedView = (await check(stacked, '&include=view')).body;
    const worst = stackedView.metrics!.ledger!.stacking.outputs;
    expect(worst.length).toBeGreaterThan(0);
    expect(stackedView.view!.ledger!.stackedOutputs.map((o) => [o.outputId, reading(o.stackingFactor)])).toEqual(worst.slice(0, 50).map((o) => [o.outputId, Number(o.stackingFactor!.toFixed(2))]));
    expect(stackedView.view!.ledger!.crossSite).toBeNull();
    expect(stackedView.view!.ledger!.poolsExplanation).toMatch(/^A pool is one unit of the transfer boundary \(site\) in one balancing window\./);
    const multi = (await check(exampleBytes('steel-multi-site-unconnected.yaml'), '&include=view')).body;
    const flows = multi.metrics!.ledger!.crossSite;
    expect(flows.multiSite).toBe(true);
    const sites = multi.view!.ledger!.crossSite!;
    expect(sites.sites.map((s) => [s.site, reading(s.creditsImported)])).toEqual(flows.sites.map((s) => [s.site, Number(s.creditsImported.toFixed(2))]));
    expect(sites.explanation).toContain(`${flows.creditsTransferred.toLocaleString('en-GB', { maximumFractionDigits: 2 })} ${multi.metrics!.ledger!.emissionsUnit}`);
  });

  it('a declaration without a ledger has a view without one; an invalid declaration has none', async () => {
    const methodOnly = await check(exampleBytes('steel-method-only.yaml'), '&include=view');
    expect(methodOnly.body.view!.ledger).toBeNull();
    expect(methodOnly.body.view!.methodProfile).toHaveLength(7);
    const invalid = await check(Buffer.from('schemaVersion: "1"\nid: x\n'), '&include=places,view');
    expect(invalid.status).toBe(422);
    expect(invalid.body.view).toBeNull();
  });

  it('the answer with include=places,view is described by schemas/openapi.json', async () => {
    const openapi = JSON.parse(readFileSync('schemas/openapi.json', 'utf8')) as Record<string, unknown>;
    const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
    ajv.addSchema(openapi, 'openapi.json');
    ajv.addSchema(JSON.parse(readFileSync('schemas/metrics.schema.json', 'utf8')), 'metrics.schema.json');
    const validate = ajv.getSchema('openapi.json#/components/schemas/CheckResult')!;
    for (const body of [(await check(stacked, '&include=places,view')).body, (await check(creditYaml, '&include=view&include=places')).body]) {
      expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
      expect(body.view).toBeTruthy();
    }
  });

  it('refuses an unknown include value 400, naming the values it takes', async () => {
    const refused = await check(stacked, '&include=places,charts');
    expect(refused.status).toBe(400);
    const error = expectErrorShape(refused.body);
    expect(error.code).toBe('bad-query');
    expect(error.message).toContain('"charts"');
    expect(error.message).toContain('places, view');
  });
});
