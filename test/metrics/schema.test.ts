// schemas/metrics.schema.json describes exactly what deriveMetrics produces: every bundled example and ruleset
// fixture, and random valid declarations, give metrics the schema accepts (strict, no property unknown to it),
// and every figure of the schema says its unit and how it is computed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSource } from '../../src/declaration/source.js';
import { validateSource } from '../../src/declaration/validate.js';
import type { Declaration } from '../../src/generated/declaration.js';
import { deriveMetrics } from '../../src/metrics/derive.js';
import { declarationArb, earlyClaimsDeclarationArb, proportionalDeclarationArb, RUNS } from '../properties/arbitraries.js';

type Schema = { [key: string]: unknown; type?: string | string[]; description?: string; properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; $defs?: Record<string, Schema> };

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const schema = JSON.parse(readFileSync('schemas/metrics.schema.json', 'utf8')) as Schema;
const validate = addFormats(new Ajv2020({ strict: true, strictRequired: true, allowUnionTypes: true, allErrors: true })).compile(schema);

const explain = (errors: ErrorObject[] | null | undefined) => (errors ?? []).slice(0, 5).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`).join('; ');

/** Numbers JSON cannot carry (NaN, Infinity) would reach a result as null and pass a nullable figure unseen. */
function nonFinite(value: unknown, at = ''): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${at} is ${value}`];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => nonFinite(v, `${at}/${key}`));
}

/** The metrics as a result carries them: through JSON, which also reads the per-output table (a lazy getter). */
function checkMetricsOf(declaration: Declaration): void {
  const metrics = deriveMetrics(declaration);
  const json = JSON.parse(JSON.stringify(metrics)) as unknown;
  expect(nonFinite(metrics)).toEqual([]);
  expect(validate(json), explain(validate.errors)).toBe(true);
}

async function declarationsIn(folder: string): Promise<Array<[string, Declaration]>> {
  const files = readdirSync(folder).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  const found: Array<[string, Declaration]> = [];
  for (const file of files) {
    const outcome = validateSource(await readSource(join(folder, file)));
    if (outcome.valid) found.push([file, outcome.declaration]);
  }
  return found;
}

describe('the metrics of every bundled declaration', () => {
  for (const folder of ['examples', 'rulesets/_fixtures']) {
    it(`match schemas/metrics.schema.json (${folder})`, async () => {
      const declarations = await declarationsIn(folder);
      expect(declarations.length).toBeGreaterThanOrEqual(5);
      for (const [file, declaration] of declarations) {
        const json = JSON.parse(JSON.stringify(deriveMetrics(declaration))) as unknown;
        expect(validate(json), `${file}: ${explain(validate.errors)}`).toBe(true);
      }
    });
  }
});

describe('the metrics of random valid declarations', () => {
  it('match schemas/metrics.schema.json, with or without a ledger', () => {
    fc.assert(fc.property(declarationArb({ withoutLedger: true }), checkMetricsOf), { numRuns: RUNS.cheap });
  });
  it('match it under proportional attribution', () => {
    fc.assert(fc.property(proportionalDeclarationArb, checkMetricsOf), { numRuns: RUNS.cheap });
  });
  it('match it when claimed outputs meet pools into which nothing entered', () => {
    fc.assert(fc.property(earlyClaimsDeclarationArb, checkMetricsOf), { numRuns: RUNS.cheap });
  });
  it('are refused by it when a figure is missing, added or of the wrong type', () => {
    const declaration = fc.sample(declarationArb(), { numRuns: 1, seed: 7 })[0]!;
    const json = JSON.parse(JSON.stringify(deriveMetrics(declaration))) as { ledger: Record<string, Record<string, unknown>> };
    expect(validate(json)).toBe(true);
    const { count, ...withoutCount } = json.ledger['stacking']!;
    expect(validate({ ...json, ledger: { ...json.ledger, stacking: withoutCount } })).toBe(false);
    expect(validate({ ...json, ledger: { ...json.ledger, stacking: { ...json.ledger['stacking'], count, extra: 1 } } })).toBe(false);
    expect(validate({ ...json, ledger: { ...json.ledger, stacking: { ...json.ledger['stacking'], count: '3' } } })).toBe(false);
  });
});

describe('schemas/metrics.schema.json', () => {
  // Every figure states its unit in one of these words (docs/books.md): the report quotes them. Hectares (ha)
  // are the declared area of a plot (origin.plotAreaHectares).
  const UNIT = /(in tCO2e\/t|in ledger\.unit|in emissionsUnit|in %|in ha|a count|a share from 0 to 1|a ratio|a difference of shares)(?!\w)/;

  function* properties(node: Schema, at: string): Generator<[string, Schema]> {
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      yield [`${at}.${name}`, child];
      yield* properties(child, `${at}.${name}`);
      if (child.items) yield* properties(child.items, `${at}.${name}[]`);
    }
  }
  const all = [...properties(schema, '$'), ...Object.entries(schema.$defs ?? {}).flatMap(([name, def]) => [...properties(def, `#/$defs/${name}`)])];

  it('closes every object and requires every property', () => {
    const objects = [schema, ...Object.values(schema.$defs ?? {}), ...all.map(([, node]) => node), ...all.flatMap(([, node]) => (node.items ? [node.items] : []))]
      .filter((node) => node.properties !== undefined);
    expect(objects.length).toBeGreaterThan(40);
    for (const node of objects) {
      expect(node['additionalProperties']).toBe(false);
      expect(node['required']).toEqual(Object.keys(node.properties!));
    }
  });

  it('describes every property, and gives every number its unit', () => {
    expect(all.length).toBeGreaterThan(300);
    for (const [path, node] of all) {
      expect(node.description, path).toMatch(/\.$/);
      const types = [node.type ?? []].flat();
      if (types.includes('number') || types.includes('integer')) expect(node.description, path).toMatch(UNIT);
    }
  });
});
