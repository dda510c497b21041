// POST /v1/check?format=sarif: the SARIF 2.1.0 log `mbcheck check --format sarif` writes, for a body or a
// multipart request with ledger files and waivers; the status the JSON answer would have; an unknown format refused.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASOF, exampleBytes, expectErrorShape, listen, quietApp, YAML } from './helpers.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
// The published schema as Microsoft's SARIF SDK ships it, read as test/format/sarif.test.ts reads it (draft-04).
const { id: _id, $schema: _draft, ...sarifSchema } = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
const validateSarif = addFormats(new Ajv({ strict: false, allErrors: true, unicodeRegExp: false })).compile(sarifSchema);

// What the OpenAPI description promises POST /v1/check answers with, by status: the media types of its content.
const openapi = JSON.parse(readFileSync('schemas/openapi.json', 'utf8')) as { paths: Record<string, { post?: { responses: Record<string, OpenApiResponse> } }> };
interface OpenApiResponse {
  $ref?: string;
  content?: Record<string, unknown>;
}
const at = (pointer: string) => pointer.slice(2).split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], openapi);
function declaredTypes(status: number): string[] {
  let response = openapi.paths['/v1/check']?.post?.responses[String(status)];
  if (response?.$ref) response = at(response.$ref) as OpenApiResponse;
  return Object.keys(response?.content ?? {});
}
const mediaType = (response: Response) => (response.headers.get('content-type') ?? '').split(';')[0]!.trim();

interface SarifLog {
  version: string;
  runs: Array<{ results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri?: string }; region?: { startLine: number } } }>; suppressions?: unknown[] }>; artifacts: Array<{ location?: { uri: string } }> }>;
}

function form(parts: Array<[string, Buffer | string, string]>): FormData {
  const data = new FormData();
  for (const [field, bytes, fileName] of parts) data.append(field, new Blob([bytes]), fileName);
  return data;
}

describe.each([
  ['in worker threads', { checkWorkers: 1 }],
  ['in the server thread', { checkWorkers: 0 }],
])('POST /v1/check?format=sarif, %s', (_where, options) => {
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    app = quietApp(options);
    base = await listen(app);
  });
  afterAll(() => app.close());

  it('answers a SARIF 2.1.0 log with a result per failing finding, each at its line', async () => {
    const body = exampleBytes('steel-stacked-100-percent.yaml');
    const [sarif, json] = await Promise.all([
      fetch(`${base}/v1/check?asOf=${ASOF}&format=sarif`, { method: 'POST', body, headers: YAML }),
      fetch(`${base}/v1/check?asOf=${ASOF}`, { method: 'POST', body, headers: YAML }),
    ]);
    expect(sarif.status).toBe(200);
    expect(sarif.headers.get('content-type')).toBe('application/sarif+json; charset=utf-8');
    expect(sarif.headers.get('mbcheck-verdict')).toBe('fail');
    const log = (await sarif.json()) as SarifLog;
    expect(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 3))).toBe(true);
    expect(log.version).toBe('2.1.0');
    const failing = ((await json.json()) as { findings: Array<{ ruleId: string; outcome: string }> }).findings.filter((f) => f.outcome === 'fail').map((f) => f.ruleId);
    expect(failing).toContain('integrity/no-stacked-attribution');
    const results = log.runs[0]!.results;
    expect(results.map((r) => r.ruleId).sort()).toEqual([...failing].sort());
    const stacked = results.find((r) => r.ruleId === 'integrity/no-stacked-attribution')!;
    expect(stacked.level).toBe('error');
    expect(stacked.locations[0]!.physicalLocation.region?.startLine).toBeGreaterThan(0);
    // Each failure at the line the command line places it at: the places are found where the check ran.
    const cli = spawnSync(process.execPath, ['bin/mbcheck.js', 'check', 'examples/steel-stacked-100-percent.yaml', '--as-of', ASOF, '--format', 'sarif'], { encoding: 'utf8' });
    const lines = (l: SarifLog) => l.runs[0]!.results.map((r) => `${r.ruleId}:${r.locations[0]!.physicalLocation.region?.startLine ?? 'none'}`);
    expect(lines(log)).toEqual(lines(JSON.parse(cli.stdout) as SarifLog));
  });

  it('takes the ledger files and waivers of a multipart request: the CSV files are artifacts, a waived failure is suppressed', async () => {
    const folder = 'examples/chemicals-csv';
    const waivers = '- rule: ghg-protocol/proportional-allocation-between-groups\n  reason: seen the books\n  approvedBy: A. Verifier\n  expires: 2026-12-31\n';
    const response = await fetch(`${base}/v1/check?asOf=${ASOF}&format=sarif`, {
      method: 'POST',
      body: form([['declaration', readFileSync(`${folder}/chemicals-csv.yaml`), 'chemicals-csv.yaml'], ['inputs.csv', readFileSync(`${folder}/inputs.csv`), 'inputs.csv'], ['outputs.csv', readFileSync(`${folder}/outputs.csv`), 'outputs.csv'], ['waivers', waivers, 'waivers.yaml']]),
    });
    expect(response.status).toBe(200);
    const log = (await response.json()) as SarifLog;
    expect(validateSarif(log)).toBe(true);
    const [result, ...others] = log.runs[0]!.results;
    expect(others).toEqual([]);
    expect(result).toMatchObject({ ruleId: 'ghg-protocol/proportional-allocation-between-groups', suppressions: [expect.objectContaining({ kind: 'external', justification: 'seen the books' })] });
    expect(log.runs[0]!.artifacts.map((a) => a.location?.uri)).toEqual(expect.arrayContaining(['inputs.csv', 'outputs.csv']));
  });

  it('answers an invalid declaration 422 with its problems as results at their lines', async () => {
    const response = await fetch(`${base}/v1/check?asOf=${ASOF}&format=sarif`, { method: 'POST', body: `${exampleBytes('steel-stacked-100-percent.yaml').toString()}\nbogusField: 1\n`, headers: YAML });
    expect(response.status).toBe(422);
    expect(mediaType(response)).toBe('application/sarif+json');
    expect(declaredTypes(422)).toContain(mediaType(response));
    const log = (await response.json()) as SarifLog;
    expect(validateSarif(log)).toBe(true);
    expect(log.runs[0]!.results).toEqual([expect.objectContaining({ ruleId: 'declaration/invalid', level: 'error' })]);
  });

  it('answers an unparseable declaration 400 with a SARIF log, a content type the OpenAPI description declares for 400', async () => {
    const response = await fetch(`${base}/v1/check?asOf=${ASOF}&format=sarif`, { method: 'POST', body: 'id: [unclosed\n', headers: YAML });
    expect(response.status).toBe(400);
    expect(mediaType(response)).toBe('application/sarif+json');
    expect(declaredTypes(400)).toContain(mediaType(response));
    expect(validateSarif(await response.json())).toBe(true);
  });

  it('refuses an unknown format 400, naming the ones there are', async () => {
    const response = await fetch(`${base}/v1/check?format=xml`, { method: 'POST', body: exampleBytes('steel-stacked-100-percent.yaml'), headers: YAML });
    expect(response.status).toBe(400);
    const error = expectErrorShape(await response.json());
    expect(error.code).toBe('bad-query');
    expect(error.message).toBe('format must be one of json, sarif; got "xml"');
  });
});
