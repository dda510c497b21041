// POST /v1/check as a client sees it: the library's result for any judged declaration, a clear error otherwise.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check.js';
import { sourceFromBytes } from '../../src/declaration/source.js';
import type { CheckResult } from '../../src/result.js';
import { ASOF, aliasBomb, creditYaml, exampleBytes, expectErrorShape, JSON_TYPE, LogCapture, quietApp, YAML } from './helpers.js';
import { buildApp } from '../../src/serve/app.js';

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

let app: FastifyInstance;
beforeAll(() => {
  app = quietApp();
});
afterAll(() => app.close());

const check = (payload: string | Buffer, query = `asOf=${ASOF}`, headers: Record<string, string> = YAML) =>
  app.inject({ method: 'POST', url: `/v1/check${query ? `?${query}` : ''}`, payload, headers });

describe('a judged declaration', () => {
  it('answers 200 with the same result as the library, the sha256 of the exact bytes received', async () => {
    const response = await check(creditYaml);
    expect(response.statusCode).toBe(200);
    const result = response.json<CheckResult>();
    const expected = await checkSource(sourceFromBytes('request.yaml', creditYaml), { asOf: ASOF });
    expect(result).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(result.verdict).toBe('pass');
    expect(result.declaration).toEqual({ id: 'acme-hrc-2026', source: 'request.yaml', sha256: sha256(creditYaml) });
    expect(response.headers['mbcheck-verdict']).toBe('pass');
    expect(response.headers['mbcheck-declaration-sha256']).toBe(sha256(creditYaml));
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });

  it('answers 200 for a failing declaration: the verdict is in the body, not in the status', async () => {
    const response = await check(exampleBytes('steel-stacked-100-percent.yaml'));
    expect(response.statusCode).toBe(200);
    expect(response.json<CheckResult>().verdict).toBe('fail');
    expect(response.headers['mbcheck-verdict']).toBe('fail');
    expect(response.json<CheckResult>().findings!.some((f) => f.ruleId === 'integrity/no-stacked-attribution' && f.outcome === 'fail')).toBe(true);
  });

  it('reads JSON as JSON, with every YAML media type and a UTF-8 charset accepted', async () => {
    const json = JSON.stringify(parse(creditYaml.toString('utf8')));
    const asJson = await check(json, `asOf=${ASOF}`, { 'content-type': 'application/json; charset=utf-8' });
    expect(asJson.statusCode).toBe(200);
    expect(asJson.json<CheckResult>().declaration.source).toBe('request.json');
    expect(asJson.json<CheckResult>().declaration.sha256).toBe(sha256(json));
    for (const type of ['application/x-yaml', 'text/yaml', 'text/x-yaml', 'application/yaml; charset=UTF-8']) {
      expect((await check(creditYaml, `asOf=${ASOF}`, { 'content-type': type })).statusCode).toBe(200);
    }
  });

  it('selects rulesets by id, id@version, repeated or comma-separated, and records the date', async () => {
    const one = (await check(creditYaml, `asOf=${ASOF}&ruleset=iso-22095-2`)).json<CheckResult>();
    expect(one.rulesets!.map((r) => r.id)).toEqual(['iso-22095-2']);
    const two = (await check(creditYaml, `asOf=${ASOF}&ruleset=iso-22095-2&ruleset=integrity@1.0.0`)).json<CheckResult>();
    // iso-22095-2 alone takes the newest version in force (1.1.0, which supersedes 1.0.0); integrity is pinned.
    expect(two.rulesets!.map((r) => `${r.id}@${r.version}`)).toEqual(['iso-22095-2@1.1.0', 'integrity@1.0.0']);
    const comma = (await check(creditYaml, `asOf=${ASOF}&ruleset=iso-22095-2,integrity`)).json<CheckResult>();
    expect(comma.rulesets!.map((r) => r.id)).toEqual(['iso-22095-2', 'integrity']);
    expect(comma.asOf).toBe(ASOF);
  });
});

describe('a declaration that cannot be judged', () => {
  it('answers 422 with the result, every validation error located, and an error naming the first', async () => {
    const text = creditYaml.toString('utf8');
    const line = text.split('\n').findIndex((l) => l.includes('model: credit')) + 1;
    const broken = text.replace('model: credit', 'model: creditt');
    const response = await check(broken);
    expect(response.statusCode).toBe(422);
    const body = response.json<CheckResult>();
    expect(body.valid).toBe(false);
    expect(body.validationErrors.length).toBeGreaterThan(0);
    expect(body.validationErrors[0]).toMatchObject({ pointer: '/method/attribution/model', line });
    const error = expectErrorShape(body);
    expect(error.code).toBe('invalid-declaration');
    expect(error.message).toContain(`/method/attribution/model (line ${line}`);
  });

  it('answers 422 no-applicable-ruleset when no selected ruleset applies, in the words of the query', async () => {
    const response = await check(exampleBytes('cocoa-eudr-compliant.yaml'), `asOf=${ASOF}&ruleset=worldsteel`);
    expect(response.statusCode).toBe(422);
    const error = expectErrorShape(response.json());
    expect(error.code).toBe('no-applicable-ruleset');
    expect(error.message).not.toContain('--');
  });

  it('answers 400 for a body that does not parse, with the position of the syntax error', async () => {
    const yaml = await check('id: [unclosed');
    expect(yaml.statusCode).toBe(400);
    expect(expectErrorShape(yaml.json()).code).toBe('unparseable');
    expect(yaml.json<CheckResult>().validationErrors[0]!.line).toBe(1);
    // The media type decides the parser: YAML sent as JSON is not JSON.
    const mislabelled = await check(creditYaml, `asOf=${ASOF}`, JSON_TYPE);
    expect(mislabelled.statusCode).toBe(400);
    expect(expectErrorShape(mislabelled.json()).message).toContain('not valid JSON');
  });

  it('answers 400 for a YAML alias bomb, without expanding it', async () => {
    const response = await check(aliasBomb);
    expect(response.statusCode).toBe(400);
    expect(expectErrorShape(response.json()).message).toMatch(/more than 100 YAML aliases/);
  });

  it('answers 400 for an empty body and for bytes that are not UTF-8', async () => {
    expect(expectErrorShape((await check('')).json()).code).toBe('empty-body');
    const latin1 = await check(Buffer.from('id: caf\xe9\n', 'latin1'));
    expect(latin1.statusCode).toBe(400);
    expect(expectErrorShape(latin1.json()).code).toBe('not-utf8');
  });

  it('answers 415 for a media type that is not a declaration, or a charset other than UTF-8', async () => {
    for (const type of ['text/plain', 'application/xml', 'text/csv']) {
      const response = await check(creditYaml, `asOf=${ASOF}`, { 'content-type': type });
      expect(response.statusCode).toBe(415);
      expect(expectErrorShape(response.json()).code).toBe('unsupported-media-type');
    }
    // multipart/form-data carries a declaration with its ledger files: a body that is no multipart is a 400.
    const broken = await check(creditYaml, `asOf=${ASOF}`, { 'content-type': 'multipart/form-data; boundary=x' });
    expect(broken.statusCode).toBe(400);
    expect(expectErrorShape(broken.json()).code).toBe('bad-multipart');
    const latin = await check(creditYaml, `asOf=${ASOF}`, { 'content-type': 'application/yaml; charset=iso-8859-1' });
    expect(latin.statusCode).toBe(415);
    expect(expectErrorShape(latin.json()).code).toBe('unsupported-charset');
  });
});

describe('the query', () => {
  it.each([
    ['ruleset=../../etc/passwd.json', 'bad-query', /looks like a path/],
    ['ruleset=/srv/rules/mine.json', 'bad-query', /looks like a path/],
    ['ruleset=rulesets%2Fintegrity%2F1.0.0.json', 'bad-query', /looks like a path/],
    ['ruleset=mine.json', 'bad-query', /looks like a path/],
    ['ruleset=Integrity', 'bad-query', /not an id or id@version/],
    ['ruleset=nope', 'unknown-ruleset', /unknown ruleset "nope"; available: .*integrity/],
    ['ruleset=eudr@9.9.9', 'unknown-ruleset-version', /no version 9\.9\.9; versions: /],
    ['ruleset=integrity&ruleset=integrity', 'ruleset-twice', /selected twice/],
    ['asOf=2026-02-31', 'bad-query', /asOf must be a date YYYY-MM-DD/],
    ['asOf=2026-01-01&asOf=2026-01-02', 'bad-query', /given 2 times/],
    ['as_of=2026-01-01', 'bad-query', /unknown query parameter "as_of"; this route takes ruleset, asOf/],
    ['asOf=1999-01-01', 'no-ruleset-in-force', /no ruleset is in force on 1999-01-01.*choose a later asOf or pin versions with ruleset=ID@VERSION/],
  ])('refuses %s with 400 %s', async (query, code, message) => {
    const response = await check(creditYaml, query);
    expect(response.statusCode).toBe(400);
    const error = expectErrorShape(response.json());
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.message).not.toMatch(/--ruleset|--as-of/);
  });
});

describe('the size limits', () => {
  it('answers 413 for a body over --max-body-bytes', async () => {
    const small = quietApp({ maxBodyBytes: 1000 });
    const response = await small.inject({ method: 'POST', url: `/v1/check?asOf=${ASOF}`, payload: creditYaml, headers: YAML });
    expect(response.statusCode).toBe(413);
    const error = expectErrorShape(response.json());
    expect(error.code).toBe('body-too-large');
    expect(error.message).toContain('limit of 1000 bytes');
    await small.close();
  });

  it('answers 413 for a ledger over --max-ledger-lines, and judges one at the limit', async () => {
    // The credit example has 4 inputs and 9 outputs.
    const over = quietApp({ maxLedgerLines: 12 });
    const refused = await over.inject({ method: 'POST', url: `/v1/check?asOf=${ASOF}`, payload: creditYaml, headers: YAML });
    expect(refused.statusCode).toBe(413);
    const error = expectErrorShape(refused.json());
    expect(error.code).toBe('too-many-ledger-lines');
    expect(error.message).toContain('the ledger has 13 lines');
    const at = quietApp({ maxLedgerLines: 13 });
    expect((await at.inject({ method: 'POST', url: `/v1/check?asOf=${ASOF}`, payload: creditYaml, headers: YAML })).statusCode).toBe(200);
    await Promise.all([over.close(), at.close()]);
  });
});

describe('time and failures', () => {
  it('answers 503 timeout when the check overruns --request-timeout-ms, and keeps serving', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = quietApp({ requestTimeoutMs: 200, check: async (source, options, rulesets) => (await held, checkSource(source, options, rulesets)) });
    const response = await slow.inject({ method: 'POST', url: `/v1/check?asOf=${ASOF}`, payload: creditYaml, headers: YAML });
    expect(response.statusCode).toBe(503);
    const error = expectErrorShape(response.json());
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('200 ms');
    expect((await slow.inject({ url: '/healthz' })).statusCode).toBe(200);
    release();
    await slow.close();
  });

  it('answers 500 for a bug with the request id to report, and no stack; the stack goes to the log', async () => {
    const log = new LogCapture();
    const broken = buildApp({ logStream: log, check: async () => { throw new TypeError('boom at line 12'); } });
    const response = await broken.inject({ method: 'POST', url: `/v1/check?asOf=${ASOF}`, payload: creditYaml, headers: { ...YAML, 'x-request-id': 'req-42' } });
    expect(response.statusCode).toBe(500);
    const error = expectErrorShape(response.json());
    expect(error).toEqual({ code: 'internal', message: expect.stringContaining('req-42') });
    expect(response.body).not.toContain('boom');
    const logged = log.lines.find((l) => l['msg'] === 'internal error') as { err?: { stack?: string } } | undefined;
    expect(logged?.err?.stack).toContain('boom at line 12');
    await broken.close();
  });
});

describe('unknown routes', () => {
  it('answers 404 JSON for an unknown path and 405 with Allow for a known path and the wrong method', async () => {
    const missing = await app.inject({ url: '/v2/check' });
    expect(missing.statusCode).toBe(404);
    expect(expectErrorShape(missing.json()).code).toBe('not-found');
    const wrongMethod = await app.inject({ method: 'GET', url: '/v1/check' });
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.headers['allow']).toBe('POST');
    expect(expectErrorShape(wrongMethod.json()).code).toBe('method-not-allowed');
  });
});
