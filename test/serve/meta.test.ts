// The routes about the service, its OpenAPI description kept in step with the routes, and its log lines.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRulesetList } from '../../src/cli/rulesetList.js';
import { bundledRegistry } from '../../src/rulesets/registry.js';
import { buildApp } from '../../src/serve/app.js';
import { tool } from '../../src/version.js';
import { ASOF, creditYaml, exampleBytes, expectErrorShape, LogCapture, quietApp, YAML } from './helpers.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const openapi = JSON.parse(readFileSync('schemas/openapi.json', 'utf8')) as {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
};

let app: FastifyInstance;
const registered: Array<{ method: string; url: string }> = [];
beforeAll(async () => {
  app = quietApp();
  // Routes are registered in a plugin, when the app is made ready: this hook sees every one of them.
  app.addHook('onRoute', (route: RouteOptions) => {
    // A path parameter is written :name by Fastify and {name} by OpenAPI.
    for (const method of [route.method].flat()) registered.push({ method: method.toLowerCase(), url: route.url.replace(/:(\w+)/g, '{$1}') });
  });
  await app.ready();
});
afterAll(() => app.close());

describe('GET /healthz', () => {
  it('answers 200 with the status and the version', async () => {
    const response = await app.inject({ url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', version: tool.version });
  });
});

describe('GET /v1/rulesets', () => {
  it('answers the same JSON as mbcheck rulesets --format json', async () => {
    const response = await app.inject({ url: `/v1/rulesets?asOf=${ASOF}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toBe(formatRulesetList(bundledRegistry(), ASOF, 'json'));
    const eudr = response.json<{ rulesets: Array<{ id: string; version: string; inForceOnAsOf: boolean }> }>().rulesets.filter((r) => r.id === 'eudr');
    expect(eudr.map((r) => [r.version, r.inForceOnAsOf])).toEqual([['2.1.0', true], ['2.0.0', true], ['1.1.0', false], ['1.0.0', false]]);
  });

  it('refuses a malformed date and unknown parameters', async () => {
    expect(expectErrorShape((await app.inject({ url: '/v1/rulesets?asOf=tomorrow' })).json()).code).toBe('bad-query');
    expect((await app.inject({ url: '/v1/rulesets?format=text' })).statusCode).toBe(400);
  });
});

describe('GET /openapi.json', () => {
  it('serves schemas/openapi.json, an OpenAPI 3.1 description', async () => {
    const response = await app.inject({ url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(openapi);
    expect(openapi.openapi).toBe('3.1.0');
  });

  it('describes every route the server registers, and no route it does not', () => {
    const methods = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
    const described = Object.entries(openapi.paths).flatMap(([url, item]) => Object.keys(item).filter((k) => methods.has(k)).map((method) => `${method} ${url}`));
    const gets = new Set(registered.filter((r) => r.method === 'get').map((r) => r.url));
    // Fastify answers HEAD for every GET on its own; the description lists the GET.
    const served = registered.filter((r) => !(r.method === 'head' && gets.has(r.url))).map((r) => `${r.method} ${r.url}`);
    expect(served.length).toBeGreaterThanOrEqual(6);
    expect([...served].sort()).toEqual([...described].sort());
  });

  it('references the declaration and metrics schemas at URLs the server serves, and every local reference resolves', async () => {
    const text = readFileSync('schemas/openapi.json', 'utf8');
    for (const name of ['declaration.schema.json', 'metrics.schema.json']) {
      expect(text).toContain(`"$ref": "${name}"`);
      const schema = await app.inject({ url: `/${name}` });
      expect(schema.statusCode).toBe(200);
      expect(schema.headers['content-type']).toMatch(/^application\/schema\+json/);
      expect(schema.json()).toEqual(JSON.parse(readFileSync(`schemas/${name}`, 'utf8')));
    }
    const resolve = (pointer: string) => pointer.slice(2).split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], openapi);
    const refs = [...text.matchAll(/"\$ref": "(#[^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(resolve(ref), ref).toBeDefined();
  });

  it('describes the bodies the server really sends: a result (its metrics figure by figure), an unjudged result, an error', async () => {
    const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
    ajv.addSchema(openapi, 'openapi.json');
    // A result's metrics are described by the metrics schema, at the URL the description refers to.
    ajv.addSchema(JSON.parse(readFileSync('schemas/metrics.schema.json', 'utf8')), 'metrics.schema.json');
    const validator = (name: string) => ajv.getSchema(`openapi.json#/components/schemas/${name}`)!;
    const judged = await app.inject({ method: 'POST', url: `/v1/check?asOf=${ASOF}`, payload: creditYaml, headers: YAML });
    const unjudged = await app.inject({ method: 'POST', url: `/v1/check?asOf=${ASOF}`, payload: 'id: 1\n', headers: YAML });
    const refused = await app.inject({ method: 'POST', url: `/v1/check?asOf=${ASOF}&ruleset=x/y`, payload: creditYaml, headers: YAML });
    for (const [name, body] of [['CheckResult', judged.json()], ['UnjudgedResult', unjudged.json()], ['Error', refused.json()]] as const) {
      const validate = validator(name);
      expect(validate(body), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    const rulesets = await app.inject({ url: `/v1/rulesets?asOf=${ASOF}` });
    expect(validator('RulesetListing')(rulesets.json())).toBe(true);
  });
});

describe('the log', () => {
  it('writes one JSON line per request with method, url, status, time, the declaration and its verdict, never the body', async () => {
    const log = new LogCapture();
    const logged = buildApp({ logStream: log });
    const stacked = exampleBytes('steel-stacked-100-percent.yaml');
    await logged.inject({ method: 'POST', url: `/v1/check?asOf=${ASOF}`, payload: stacked, headers: { ...YAML, 'x-request-id': 'lb-7f3a' } });
    await logged.inject({ url: '/healthz' });
    await logged.inject({ url: '/nowhere' });
    await logged.inject({ method: 'POST', url: '/v1/check', payload: 'a: [', headers: YAML });
    const requests = log.requests();
    expect(requests).toHaveLength(4);
    expect(requests[0]).toMatchObject({
      level: 30,
      reqId: 'lb-7f3a',
      method: 'POST',
      url: `/v1/check?asOf=${ASOF}`,
      status: 200,
      ms: expect.any(Number),
      declaration: { id: 'stacked-100-2026', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      verdict: 'fail',
    });
    expect(requests[1]).toMatchObject({ method: 'GET', url: '/healthz', status: 200 });
    expect(requests[2]).toMatchObject({ url: '/nowhere', status: 404 });
    expect(requests[2]).toMatchObject({ error: 'not-found' });
    expect(requests[3]).toMatchObject({ status: 400, valid: false, error: 'unparseable' });
    const all = log.lines.map((l) => JSON.stringify(l)).join('\n');
    expect(all).not.toContain('Reduces 100% of CO2');
    expect(all).not.toContain('out-100pct');
    await logged.close();
  });

  it('echoes the request id, keeping a well-formed X-Request-Id and replacing any other', async () => {
    expect((await app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } })).headers['x-request-id']).toBe('abc-123');
    const replaced = (await app.inject({ url: '/healthz', headers: { 'x-request-id': 'evil\u0001id' } })).headers['x-request-id'];
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
  });
});
