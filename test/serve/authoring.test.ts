// The authoring routes: a bundled ruleset with its fixtures, and lint, test, coverage and diff of a ruleset sent in
// the body, the way `mbcheck ruleset ...` computes them, with the sent ruleset held to the service's limits. Both
// where the work runs, a worker thread and the server's own, with the same answers.
import { readdirSync, readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFile } from '../../src/check.js';
import { formatCoverage } from '../../src/cli/rulesetTools.js';
import { bundledRegistry } from '../../src/rulesets/registry.js';
import { ASOF, expectErrorShape, JSON_TYPE, quietApp } from './helpers.js';

const isoText = readFileSync('rulesets/iso-22095-2/1.1.0.json', 'utf8');
const integrityText = readFileSync('rulesets/integrity/1.1.0.json', 'utf8');

/**
 * iso-22095-2/system-boundary-declared asks for more than 0 sites; asking for more than 1 fails every one-site
 * declaration (`mbcheck ruleset diff iso-22095-2@1.1.0 FILE --corpus examples` shows steel-rolling-average.yaml
 * going from pass to fail, and the two-site steel-multi-site-unconnected.yaml staying as it was).
 */
const twoSitesAtLeast = isoText.replace(/("path": "\$\.connectivity\.sites",\s*"operator": "greaterThan",\s*"value": )0/, '$11');

interface Problem {
  pointer: string;
  line: number;
  column: number;
  code: string;
  message: string;
}

interface TestReport {
  ruleset: string;
  ok: boolean;
  passed: number;
  failed: number;
  rules: Array<{ ruleId: string; ok: boolean; complete: boolean; cases: Array<{ name: string; expected: string; actual: string; ok: boolean; message: string }> }>;
}

describe.each([
  ['in a worker thread', { checkWorkers: 1 }],
  ['in the server thread', { checkWorkers: 0 }],
])('the authoring routes, %s', (_where, mode) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = quietApp(mode);
    await app.ready();
  });
  afterAll(() => app.close());

  const post = (url: string, payload: string, target = app) => target.inject({ method: 'POST', url, payload, headers: JSON_TYPE });
  const bundled = async (id: string, version: string) => (await app.inject({ url: `/v1/rulesets/${id}/${version}` })).json<{ text: string; fixtures: Array<{ name: string; text: string }>; bases: string[] }>();
  const runFixtures = async (ruleset: string, fixtures: Array<{ name: string; text: string }>) => post('/v1/rulesets/test', JSON.stringify({ ruleset, fixtures }));

  describe('GET /v1/rulesets/{id}/{version}', () => {
    it('answers the file as it is written, with every fixture file of its tests/ folder', async () => {
      const response = await app.inject({ url: '/v1/rulesets/integrity/1.1.0' });
      expect(response.statusCode).toBe(200);
      const body = response.json<{ id: string; version: string; text: string; fixtures: Array<{ name: string }>; bases: string[] }>();
      expect(body.text).toBe(integrityText);
      expect(body.fixtures.map((f) => f.name)).toEqual(readdirSync('rulesets/integrity/tests').sort());
      expect(body.bases).toContain('steel-credit.yaml');
    });

    it('answers 404 for a path-like id, an unknown id or an unknown version, saying what there is', async () => {
      const pathLike = await app.inject({ url: '/v1/rulesets/..%2F..%2Fpackage.json/1.0.0' });
      expect(pathLike.statusCode).toBe(404);
      expect(expectErrorShape(pathLike.json()).message).toMatch(/looks like a path; this server serves only its bundled rulesets/);
      const unknown = await app.inject({ url: '/v1/rulesets/nope/1.0.0' });
      expect(unknown.statusCode).toBe(404);
      expect(expectErrorShape(unknown.json()).message).toContain('the bundled rulesets are eudr, ghg-protocol, integrity, iso-22095-2, worldsteel');
      const version = await app.inject({ url: '/v1/rulesets/integrity/9.9.9' });
      expect(version.statusCode).toBe(404);
      expect(expectErrorShape(version.json()).message).toContain('its versions are 1.1.0, 1.0.0');
    });
  });

  describe('POST /v1/rulesets/lint', () => {
    it('finds no problem in a bundled ruleset', async () => {
      const response = await post('/v1/rulesets/lint', integrityText);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ problems: [] });
    });

    it('gives a broken rule its problem at the line, column and pointer of the text sent', async () => {
      const broken = integrityText.replace('"path": "$.ledger.stacking.count"', '"path": "$.ledger.stacking.countz"');
      expect(broken).not.toBe(integrityText);
      const at = broken.indexOf('$.ledger.stacking.countz');
      const line = broken.slice(0, at).split('\n').length;
      const response = await post('/v1/rulesets/lint', broken);
      expect(response.statusCode).toBe(200);
      const { problems } = response.json<{ problems: Problem[] }>();
      expect(problems).toHaveLength(1);
      const index = JSON.parse(broken).rules.findIndex((r: { id: string }) => r.id === 'integrity/no-stacked-attribution');
      expect(problems[0]).toMatchObject({ code: 'unknown-path', pointer: `/rules/${index}/conditions/all/0/path`, line });
      expect(problems[0]!.column).toBeGreaterThan(1);
      expect(problems[0]!.message).toContain('$.ledger.stacking.countz');
    });

    it('reads no file for a ruleset that extends one: its base is a bundled ruleset or a problem', async () => {
      const own = JSON.stringify({ ...JSON.parse(integrityText), id: 'mine', rules: [], extends: '../../package.json' }, null, 2);
      const { problems } = (await post('/v1/rulesets/lint', own)).json<{ problems: Problem[] }>();
      expect(problems.find((p) => p.pointer === '/extends')?.message).toMatch(/can extend only a bundled ruleset/);
    });

    it('refuses a body over the limit with 413, and one that is not JSON with 415', async () => {
      const small = quietApp({ ...mode, maxBodyBytes: 1024 });
      const tooLarge = await post('/v1/rulesets/lint', integrityText, small);
      expect(tooLarge.statusCode).toBe(413);
      expect(expectErrorShape(tooLarge.json()).code).toBe('body-too-large');
      expect((await small.inject({ method: 'POST', url: '/v1/rulesets/test', payload: JSON.stringify({ ruleset: integrityText }), headers: JSON_TYPE })).statusCode).toBe(413);
      await small.close();
      const yaml = await app.inject({ method: 'POST', url: '/v1/rulesets/lint', payload: 'id: x\n', headers: { 'content-type': 'application/yaml' } });
      expect(yaml.statusCode).toBe(415);
      expect(expectErrorShape(yaml.json()).message).toContain('application/json');
    });
  });

  describe('POST /v1/rulesets/test', () => {
    it('passes every fixture of a bundled ruleset, sent back as GET /v1/rulesets/{id}/{version} gave them', async () => {
      const { text, fixtures } = await bundled('iso-22095-2', '1.1.0');
      const response = await runFixtures(text, fixtures);
      expect(response.statusCode).toBe(200);
      const report = response.json<TestReport>();
      expect(report).toMatchObject({ ruleset: 'iso-22095-2@1.1.0', ok: true, failed: 0 });
      expect(report.passed).toBe(JSON.parse(isoText).rules.length);
    });

    it('reports the failing case of a changed rule, and only of that rule', async () => {
      const { fixtures } = await bundled('iso-22095-2', '1.1.0');
      const report = (await runFixtures(twoSitesAtLeast, fixtures)).json<TestReport>();
      expect(report.ok).toBe(false);
      expect(report.rules.filter((r) => !r.ok).map((r) => r.ruleId)).toEqual(['iso-22095-2/system-boundary-declared']);
      const failing = report.rules.find((r) => r.ruleId === 'iso-22095-2/system-boundary-declared')!.cases.filter((c) => !c.ok);
      expect(failing.length).toBeGreaterThan(0);
      expect(failing[0]).toMatchObject({ expected: 'pass', actual: 'fail' });
    });

    it('marks a rule without fixtures as untested', async () => {
      const report = (await runFixtures(isoText, [])).json<TestReport>();
      expect(report.ok).toBe(false);
      expect(report.rules.every((r) => !r.complete && r.cases.length === 0)).toBe(true);
    });

    it('refuses a fixture whose base is not a bundled base declaration, naming the fixture and the case', async () => {
      const fixture = { name: 'mine.yaml', text: 'rule: iso-22095-2/no-overdraft\ncases:\n  - name: from my disk\n    base: /etc/passwd\n    expect: pass\n' };
      const response = await runFixtures(isoText, [fixture]);
      expect(response.statusCode).toBe(400);
      const { code, message } = expectErrorShape(response.json());
      expect(code).toBe('fixture-invalid');
      expect(message).toContain('fixture "mine.yaml": case 1 ("from my disk")');
      expect(message).toContain('give its declaration inline under "declaration"');
    });

    it('stops at the request deadline', async () => {
      const hurried = quietApp({ ...mode, requestTimeoutMs: 20 });
      const { text, fixtures } = await bundled('integrity', '1.1.0');
      const response = await post('/v1/rulesets/test', JSON.stringify({ ruleset: text, fixtures }), hurried);
      expect(response.statusCode).toBe(503);
      const { code, message } = expectErrorShape(response.json());
      expect(code).toBe('timeout');
      expect(message).toContain('ruleset test');
      await hurried.close();
    });
  });

  describe('POST /v1/rulesets/coverage', () => {
    it('answers the seven decisions as mbcheck ruleset coverage --format json does', async () => {
      const response = await post('/v1/rulesets/coverage', integrityText);
      expect(response.statusCode).toBe(200);
      const body = response.json<{ decisions: Array<{ decision: number }> }>();
      expect(body.decisions.map((d) => d.decision)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(body).toEqual(JSON.parse(formatCoverage([bundledRegistry().resolve('integrity@1.1.0', ASOF).ruleset], 'json')));
    });

    it('says why a ruleset that does not load has no coverage', async () => {
      const response = await post('/v1/rulesets/coverage', '{"id": "x"}');
      expect(response.statusCode).toBe(400);
      expect(expectErrorShape(response.json()).code).toBe('ruleset-invalid');
    });
  });

  describe('POST /v1/rulesets/diff', () => {
    it('names the changed rule and the examples whose verdict changes', async () => {
      const response = await post(`/v1/rulesets/diff?against=iso-22095-2@1.1.0&asOf=${ASOF}`, twoSitesAtLeast);
      expect(response.statusCode).toBe(200);
      const diff = response.json<{ added: unknown[]; removed: unknown[]; changed: Array<{ ruleId: string; changes: Array<{ field: string; after: string }> }>; corpus: Array<{ source: string; before: string; after: string }> }>();
      expect(diff.added).toEqual([]);
      expect(diff.removed).toEqual([]);
      expect(diff.changed.map((c) => c.ruleId)).toEqual(['iso-22095-2/system-boundary-declared']);
      expect(diff.changed[0]!.changes[0]).toMatchObject({ field: 'passes when', after: expect.stringContaining('greater than 1') });
      expect(diff.corpus.find((c) => c.source === 'steel-rolling-average.yaml')).toEqual({ source: 'steel-rolling-average.yaml', before: 'pass', after: 'fail' });
      expect(diff.corpus.find((c) => c.source === 'steel-multi-site-unconnected.yaml')).toEqual({ source: 'steel-multi-site-unconnected.yaml', before: 'pass', after: 'pass' });
    });

    it('changes no verdict for the ruleset as bundled', async () => {
      const diff = (await post(`/v1/rulesets/diff?against=iso-22095-2@1.1.0&asOf=${ASOF}`, isoText)).json<{ changed: unknown[]; corpus: Array<{ before: string; after: string }> }>();
      expect(diff.changed).toEqual([]);
      expect(diff.corpus.length).toBeGreaterThan(5);
      expect(diff.corpus.filter((c) => c.before !== c.after)).toEqual([]);
    });

    it('judges every bundled example the workbench lists, the folders with their own ledger files, as the command line does', async () => {
      const diff = (await post(`/v1/rulesets/diff?against=iso-22095-2@1.1.0&asOf=${ASOF}`, twoSitesAtLeast)).json<{ corpus: Array<{ source: string; before: string; after: string }> }>();
      const listed = (await app.inject({ url: '/workbench/examples' })).json<{ examples: Array<{ name: string }> }>().examples.map((e) => e.name);
      expect(diff.corpus.map((c) => c.source)).toEqual(listed);
      expect(listed).toHaveLength(readdirSync('examples').length);
      for (const folder of ['chemicals-csv', 'steel-credit-workbook']) {
        const judged = diff.corpus.find((c) => c.source === folder);
        const cli = await checkFile(`examples/${folder}/${folder}.yaml`, { asOf: ASOF, rulesets: ['iso-22095-2@1.1.0'] });
        expect(cli.valid, folder).toBe(true);
        expect(judged, folder).toEqual({ source: folder, before: cli.rulesets![0]!.verdict, after: expect.not.stringMatching(/^invalid$/) });
      }
    });

    it('refuses a missing, path-like or unknown ruleset to compare with', async () => {
      const missing = await post('/v1/rulesets/diff', isoText);
      expect(missing.statusCode).toBe(400);
      expect(expectErrorShape(missing.json()).message).toMatch(/^against is missing/);
      const pathLike = await post('/v1/rulesets/diff?against=../rulesets/integrity/1.1.0.json', isoText);
      expect(expectErrorShape(pathLike.json()).message).toContain('looks like a path');
      const unknown = await post('/v1/rulesets/diff?against=nope@1.0.0', isoText);
      expect(expectErrorShape(unknown.json()).code).toBe('unknown-ruleset');
    });
  });
});
