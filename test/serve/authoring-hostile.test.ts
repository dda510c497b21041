// The authoring routes attacked: a sent ruleset and its fixtures are untrusted, run in a worker thread or, with no
// workers, in the server's own.
// Each case is what a hostile or careless client sends, and the answer it must get: a 4xx that says what to change,
// never a file's content, a stack, a 500, or a server that stops answering other requests.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_LIMITS, SENT_LIMITS } from '../../src/serve/rulesetSources.js';
import { aliasBomb, ASOF, expectErrorShape, JSON_TYPE, quietApp, YAML } from './helpers.js';

const integrityText = readFileSync('rulesets/integrity/1.1.0.json', 'utf8');
const integrity = JSON.parse(integrityText) as { id: string; rules: Array<Record<string, unknown> & { id: string }> };
const firstRule = integrity.rules[0]!;
const ruleId = firstRule.id;

describe.each([
  ['in a worker thread', { checkWorkers: 1 }],
  ['in the server thread', { checkWorkers: 0 }],
])('the authoring routes attacked, %s', (_where, mode) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = quietApp({ ...mode, requestTimeoutMs: 20_000 });
    await app.ready();
  });
  afterAll(() => app.close());

  const post = (url: string, payload: string) => app.inject({ method: 'POST', url, payload, headers: JSON_TYPE });
  const runTest = (ruleset: string, fixtures: Array<{ name: string; text: string }>) => post('/v1/rulesets/test', JSON.stringify({ ruleset, fixtures }));
  const withRules = (rules: unknown[]) => JSON.stringify({ ...integrity, rules }, null, 2);
  const ROUTES = ['/v1/rulesets/lint', '/v1/rulesets/coverage', `/v1/rulesets/diff?against=integrity@1.1.0&asOf=${ASOF}`];

  /** Whatever the answer, it shows nothing of the server: no stack, no absolute path of its files. */
  function revealsNothing(body: string): void {
    expect(body).not.toContain(process.cwd());
    expect(body).not.toMatch(/\n\s+at /);
    expect(body).not.toMatch(/root:x:0:0/);
  }

  /** A message that nests `levels` loops over the ledger's outputs: 2^levels copies for the two-output base. */
  const iterationBomb = (levels: number) => `${'{{#each @root.declaration.ledger.outputs}}'.repeat(levels)}x${'{{/each}}'.repeat(levels)}`;
  const failingRule = (message: string) => ({ ...firstRule, id: `${integrity.id}/bomb`, conditions: { all: [{ fact: 'declaration', path: '$.id', operator: 'equal', value: 'never' }] }, message: { fail: message } });

  describe('a message template that iterates inside an iteration', () => {
    // Before: diff rendered 2^16 copies per failing check of each example, in the server's thread (21 s at 16
    // levels); at 30 levels one message is a billion copies and the server never answers again.
    it('is refused when loaded (test, coverage, diff) and reported by lint, at once', async () => {
      const ruleset = withRules([failingRule(iterationBomb(30))]);
      for (const url of ROUTES.slice(1)) {
        const response = await post(url, ruleset);
        expect(response.statusCode, url).toBe(400);
        expect(expectErrorShape(response.json()).message).toMatch(/iterates inside an iteration/);
      }
      const tested = await runTest(ruleset, [{ name: 'bomb.yaml', text: `rule: ${integrity.id}/bomb\ncases:\n  - {name: a, base: steel-credit.yaml, expect: fail}\n` }]);
      expect(tested.statusCode).toBe(400);
      const { problems } = (await post('/v1/rulesets/lint', ruleset)).json<{ problems: Array<{ code: string; message: string }> }>();
      expect(problems.map((p) => p.message)).toEqual(expect.arrayContaining([expect.stringMatching(/iterates inside an iteration/)]));
    });

    it('still takes one level of each, and a section inside a block that does not iterate', async () => {
      const ruleset = withRules([failingRule('{{#each declaration.ledger.outputs}}{{#if @first}}first {{/if}}{{id}} {{/each}}')]);
      const response = await runTest(ruleset, [{ name: 'one.yaml', text: `rule: ${integrity.id}/bomb\ncases:\n  - {name: a, base: steel-credit.yaml, expect: fail, messageIncludes: ["first out-1 out-2"]}\n` }]);
      expect(response.statusCode).toBe(200);
      expect(response.json<{ rules: Array<{ cases: Array<{ ok: boolean }> }> }>().rules[0]!.cases[0]!.ok).toBe(true);
    });

    it('refuses a template longer than a message needs', async () => {
      const response = await post('/v1/rulesets/coverage', withRules([failingRule(`{{declaration.id}}${'x'.repeat(10_000)}`)]));
      expect(response.statusCode).toBe(400);
      expect(expectErrorShape(response.json()).message).toMatch(/characters long; a message is at most 8192/);
    });
  });

  describe('a ruleset too large for this server', () => {
    // The patterns' compile budget lowered to nothing, so that the slow patterns reach it on any machine: each takes
    // far more than a millisecond, and a pattern compiled for one route is cached, so each route compiles another.
    let strict: FastifyInstance;
    beforeAll(async () => {
      strict = quietApp({ ...mode, requestTimeoutMs: 20_000, patternCompileMs: 0 });
      await strict.ready();
    });
    afterAll(() => strict.close());
    const leaf = { fact: 'declaration', path: '$.id', operator: 'equal', value: 'x' };
    const cases: Array<[string, string, RegExp]> = [
      ['rules', withRules(Array.from({ length: SENT_LIMITS.rules + 1 }, (_, i) => ({ ...firstRule, id: `${integrity.id}/r${i}` }))), /201 rules; this server takes at most 200/],
      ['conditions', withRules([{ ...firstRule, conditions: { all: Array.from({ length: SENT_LIMITS.conditions + 1 }, () => leaf) } }]), /2001 conditions/],
      ['patterns', withRules([{ ...firstRule, conditions: { any: Array.from({ length: SENT_LIMITS.patterns + 1 }, (_, i) => ({ ...leaf, operator: 'matches', value: `^a${i}$` })) } }]), /33 patterns/],
      ['long pattern', withRules([{ ...firstRule, conditions: { all: [{ ...leaf, operator: 'matches', value: 'a'.repeat(SENT_LIMITS.patternChars + 1) }] } }]), /1001 characters long/],
      // Before: each of these 800-character patterns took about 0.4 s to compile, 13 s for the 32, in the server's thread.
      ['slow patterns', withRules([{ ...firstRule, conditions: { any: Array.from({ length: SENT_LIMITS.patterns }, (_, i) => ({ ...leaf, operator: 'matches', value: `${i}${'\\S{1000}'.repeat(99)}` })) } }]), /took more than 0 ms to compile/],
    ];
    for (const [what, ruleset, message] of cases) {
      it(`answers 413 for too many ${what}, on every route that reads it`, async () => {
        for (const url of [...ROUTES, '/v1/rulesets/test']) {
          const response = await strict.inject({ method: 'POST', url, payload: url.endsWith('/test') ? JSON.stringify({ ruleset, fixtures: [] }) : ruleset, headers: JSON_TYPE });
          expect(response.statusCode, url).toBe(413);
          const error = expectErrorShape(response.json());
          expect(error.code).toBe('ruleset-too-large');
          expect(error.message).toMatch(message);
        }
      }, 120_000);
    }

    it('keeps the production budget for the patterns: a ruleset of the bundled kind compiles within it', async () => {
      const few = withRules([{ ...firstRule, conditions: { any: [{ ...leaf, operator: 'matches', value: '^[A-Z]{2}-\\d{4}$' }] } }]);
      expect((await post('/v1/rulesets/coverage', few)).statusCode).toBe(200);
      expect(SENT_LIMITS.patternCompileMs).toBe(1500);
    });
  });

  describe('fixtures that are not what runRuleFixtures reads', () => {
    const fixture = (fields: string) => [{ name: 'f.yaml', text: `rule: ${ruleId}\ncases:\n  - name: a\n    base: steel-credit.yaml\n    expect: pass\n${fields}\n` }];
    // Before: a 500 "internal error" for each of these.
    const wrong: Array<[string, RegExp]> = [
      ['    versions: 5', /versions must be a list/],
      ['    remove: 5', /remove must be a list/],
      ['    set: {"": 1}', /set: "" is not a JSON pointer/],
      ['    set: abc', /set must be a mapping/],
      ['    messageIncludes: 5', /messageIncludes must be a list/],
      ['    asOf: 5', /asOf must be a date/],
      [`    set: {"${'/a'.repeat(100_000)}": 1}`, /more than 32 levels deep/],
      ['    remove: ["ledger"]', /remove: "ledger" is not a JSON pointer/],
    ];
    for (const [fields, message] of wrong) {
      it(`answers 400 fixture-invalid for ${fields.trim().slice(0, 40)}`, async () => {
        const response = await runTest(integrityText, fixture(fields));
        expect(response.statusCode).toBe(400);
        const error = expectErrorShape(response.json());
        expect(error.code).toBe('fixture-invalid');
        expect(error.message).toMatch(message);
      });
    }

    it('refuses a declaration that holds itself (a YAML alias of its own anchor)', async () => {
      const response = await runTest(integrityText, [{ name: 'loop.yaml', text: `rule: ${ruleId}\ncases:\n  - name: a\n    expect: pass\n    declaration: &d { id: x, self: *d }\n` }]);
      expect([400]).toContain(response.statusCode);
      revealsNothing(response.body);
    });

    it('refuses an alias bomb in a fixture', async () => {
      const response = await runTest(integrityText, [{ name: 'bomb.yaml', text: `rule: ${ruleId}\ncases:\n  - name: a\n    expect: pass\n    declaration:\n${aliasBomb.split('\n').map((l) => `      ${l}`).join('\n')}\n` }]);
      expect(response.statusCode).toBe(400);
      expect(expectErrorShape(response.json()).code).toBe('fixture-invalid');
    });

    for (const base of ['/etc/passwd', '../../../../../../etc/passwd', '../../package.json', '..%2f..%2fpackage.yaml', '../../_fixtures/../../package.yaml', 'file:///etc/passwd.yaml', 'steel-credit.yaml\u0000.yaml']) {
      it(`reads no file for base ${JSON.stringify(base)}`, async () => {
        const response = await runTest(integrityText, [{ name: '../../../etc/passwd', text: `rule: ${ruleId}\ncases:\n  - name: a\n    expect: pass\n    base: ${JSON.stringify(base)}\n` }]);
        expect(response.statusCode).toBe(400);
        expect(expectErrorShape(response.json()).message).toMatch(/is not one of the bundled base declarations/);
        revealsNothing(response.body);
      });
    }
  });

  describe('fixture pointers that cannot apply to the declaration', () => {
    const fixture = (set: string) => [{ name: 'edits.yaml', text: `rule: ${ruleId}\ncases:\n  - name: far\n    base: steel-credit.yaml\n    expect: pass\n    set: ${set}\n` }];
    // Before: index 10^8 made a sparse list of 10^8 places that JSON.stringify ran the heap out on (the server died);
    // 10^7 held the server's thread for 10 s; writing through a text was a 500.
    const refused: Array<[string, RegExp]> = [
      ['{"/ledger/inputs/100000000": 1}', /set "\/ledger\/inputs\/100000000": \/ledger\/inputs is a list of 2 items/],
      ['{"/ledger/inputs/10000000/id": x}', /set "\/ledger\/inputs\/10000000\/id": \/ledger\/inputs is a list of 2 items/],
      ['{"/ledger/inputs/x": 1}', /"x" is none of these/],
      ['{"/title/x": 1}', /set "\/title\/x": \/title is a string, not a mapping or a list/],
    ];
    for (const [set, message] of refused) {
      it(`answers 400 fixture-invalid naming the fixture, the case and the pointer for ${set}`, async () => {
        const response = await runTest(integrityText, fixture(set));
        expect(response.statusCode).toBe(400);
        const error = expectErrorShape(response.json());
        expect(error.code).toBe('fixture-invalid');
        expect(error.message).toMatch(/^fixture "edits.yaml": case 1 \("far"\): /);
        expect(error.message).toMatch(message);
        expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
      });
    }

    it('still appends with "-" or the list\'s length', async () => {
      const response = await runTest(integrityText, fixture('{"/ledger/inputs/2": {id: in-3}, "/ledger/inputs/-": {id: in-4}}'));
      expect(response.statusCode).toBe(200);
    });

    it('measures the declaration each case builds, its base included, for the limit of all cases', async () => {
      // Before: only {declaration, set} was measured, 500 x 7 kB, under the 4 MiB; with the base each case is 8.7 kB.
      const title = 'x'.repeat(7000);
      const cases = Array.from({ length: FIXTURE_LIMITS.cases }, (_, i) => `  - {name: c${i}, base: steel-credit.yaml, expect: pass, set: {"/title": ${title}}}`).join('\n');
      const response = await runTest(integrityText, [{ name: 'titles.yaml', text: `rule: ${ruleId}\ncases:\n${cases}\n` }]);
      expect(response.statusCode).toBe(413);
      const error = expectErrorShape(response.json());
      expect(error.code).toBe('fixture-case-too-large');
      expect(error.message).toMatch(/add up to more than 4194304 bytes of JSON/);
    });
  });

  describe('messages that name only what this server takes', () => {
    it('answers an extends that is no bundled ruleset without offering a path', async () => {
      for (const spec of ['..', 'nope', 'nope@1.0.0']) {
        for (const url of ['/v1/rulesets/coverage', '/v1/rulesets/lint']) {
          const response = await post(url, JSON.stringify({ ...integrity, id: 'mine', rules: [], extends: spec }));
          const text = response.body;
          expect(text, `${url} ${spec}`).toMatch(/can extend only a bundled ruleset, by id or id@version: .*integrity/);
          expect(text, `${url} ${spec}`).not.toMatch(/a path to a ruleset/);
        }
      }
    });

    it('names the against parameter, not ruleset, to pin a version of a diff', async () => {
      const response = await post('/v1/rulesets/diff?against=integrity&asOf=1900-01-01', integrityText);
      expect(response.statusCode).toBe(400);
      const error = expectErrorShape(response.json());
      expect(error.code).toBe('no-ruleset-in-force');
      expect(error.message).toMatch(/pin one with against=integrity@VERSION$/);
      expect(error.message).not.toMatch(/ruleset=/);
    });

    it('says it is the version that looks like a path, when it is', async () => {
      const response = await app.inject({ url: '/v1/rulesets/integrity/..%2F1.0.0' });
      expect(response.statusCode).toBe(404);
      expect(expectErrorShape(response.json()).message).toMatch(/^version "..\/1.0.0" of ruleset "integrity" looks like a path/);
      const byId = await app.inject({ url: '/v1/rulesets/..%2Fintegrity/1.0.0' });
      expect(expectErrorShape(byId.json()).message).toMatch(/^ruleset "..\/integrity" looks like a path/);
    });
  });

  describe('fixtures too many or too large for one request', () => {
    it('answers 413 for more cases than the limit, before running any', async () => {
      // Before: 20,000 cases of 60 bytes ran until the deadline, the server answering nothing else meanwhile.
      const cases = Array.from({ length: FIXTURE_LIMITS.cases + 1 }, (_, i) => `  - {name: c${i}, base: steel-credit.yaml, expect: pass}`).join('\n');
      const response = await runTest(integrityText, [{ name: 'many.yaml', text: `rule: ${ruleId}\ncases:\n${cases}\n` }]);
      expect(response.statusCode).toBe(413);
      expect(expectErrorShape(response.json()).code).toBe('too-many-fixture-cases');
    });

    it('answers 413 for a case whose declaration is larger than a fixture needs', async () => {
      const outputs = Array.from({ length: 5000 }, (_, i) => `      - { id: out-${i}, date: 2026-02-01, site: s1, quantity: 100, emissionFactor: 0.7 }`).join('\n');
      const response = await runTest(integrityText, [{ name: 'big.yaml', text: `rule: ${ruleId}\ncases:\n  - name: a\n    base: steel-credit.yaml\n    expect: pass\n    set:\n      /ledger/outputs:\n${outputs}\n` }]);
      expect(response.statusCode).toBe(413);
      expect(expectErrorShape(response.json()).message).toMatch(/check a large one with POST \/v1\/check/);
    });

    it('answers other requests while a long run of cases goes on', async () => {
      // Before: runRuleFixtures' promises never waited, so a health probe waited for the whole run.
      const cases = Array.from({ length: FIXTURE_LIMITS.cases }, (_, i) => `  - {name: c${i}, base: steel-credit.yaml, expect: pass}`).join('\n');
      const run = runTest(integrityText, [{ name: 'many.yaml', text: `rule: ${ruleId}\ncases:\n${cases}\n` }]);
      let runFinished = false;
      void run.then(() => (runFinished = true));
      await new Promise((resolve) => setTimeout(resolve, 20));
      const health = await app.inject({ url: '/healthz' });
      // Answered while the run still went on: beside it with workers, between two cases without (each case takes a
      // millisecond or two).
      const runFinishedFirst = runFinished;
      const response = await run;
      expect(response.statusCode).toBe(200);
      expect(health.statusCode).toBe(200);
      expect(runFinishedFirst).toBe(false);
    }, 120_000);

    it('stops a run at the deadline, between cases, and says so', async () => {
      // A millisecond for 500 checks, each a full check of a declaration: no machine runs them all within it.
      const quick = quietApp({ ...mode, requestTimeoutMs: 1 });
      const cases = Array.from({ length: FIXTURE_LIMITS.cases }, (_, i) => `  - {name: c${i}, base: steel-credit.yaml, expect: pass}`).join('\n');
      const response = await quick.inject({ method: 'POST', url: '/v1/rulesets/test', payload: JSON.stringify({ ruleset: integrityText, fixtures: [{ name: 'many.yaml', text: `rule: ${ruleId}\ncases:\n${cases}\n` }] }), headers: JSON_TYPE });
      const health = await quick.inject({ url: '/healthz' });
      await quick.close();
      expect(response.statusCode).toBe(503);
      const error = expectErrorShape(response.json());
      expect(error.code).toBe('timeout');
      expect(error.message).toMatch(/the ruleset test did not finish within this server's limit of 1 ms/);
      expect(health.statusCode).toBe(200);
    });
  });

  describe('bodies that are not rulesets', () => {
    const bodies = ['null', '[]', '1', '"x"', '{}', '{"__proto__": {"rules": []}}', '{"constructor": {"prototype": 1}, "id": 5}', JSON.stringify({ ...integrity, id: 5 }), '['.repeat(100_000) + ']'.repeat(100_000)];
    for (const body of bodies) {
      it(`answers ${body.slice(0, 30)} with a problem or a 400, never a 500`, async () => {
        for (const url of ROUTES) {
          const response = await post(url, body);
          expect(response.statusCode, url).toBeLessThan(500);
          revealsNothing(response.body);
        }
        const tested = await runTest(body, []);
        expect(tested.statusCode).toBeLessThan(500);
      });
    }

    it('answers invalid UTF-8 with 400', async () => {
      for (const url of ROUTES) {
        const response = await app.inject({ method: 'POST', url, payload: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), headers: JSON_TYPE });
        expect(response.statusCode, url).toBe(400);
      }
    });

    it('reads no file for extends, whatever it looks like', async () => {
      for (const spec of ['/etc/passwd', '..', '../../package', 'integrity@../../x', 'C:\\evil', 'file:///etc/passwd', '%2e%2e%2fpackage']) {
        const response = await post('/v1/rulesets/coverage', JSON.stringify({ ...integrity, id: 'mine', rules: [], extends: spec }));
        expect(response.statusCode, spec).toBe(400);
        revealsNothing(response.body);
      }
    });
  });

  describe('POST /v1/check include=places,view and format=sarif with hostile declarations', () => {
    it('refuses an alias bomb the same way, whatever is included', async () => {
      for (const query of ['include=places,view', 'format=sarif', 'include=places&format=sarif']) {
        const response = await app.inject({ method: 'POST', url: `/v1/check?asOf=${ASOF}&${query}`, payload: aliasBomb, headers: YAML });
        expect(response.statusCode, query).toBe(400);
        revealsNothing(response.body);
      }
    });

    it('places nothing outside the files it was sent: a multipart ledger named by an absolute path is refused', async () => {
      const declaration = readFileSync('examples/chemicals-csv/chemicals-csv.yaml', 'utf8').replace(/inputs\.csv/g, '/etc/passwd.csv');
      const form = new FormData();
      form.append('declaration', new Blob([declaration]), 'chemicals-csv.yaml');
      form.append('/etc/passwd.csv', new Blob([readFileSync('examples/chemicals-csv/inputs.csv')]), '/etc/passwd.csv');
      form.append('outputs.csv', new Blob([readFileSync('examples/chemicals-csv/outputs.csv')]), 'outputs.csv');
      const request = new Request('http://x/', { method: 'POST', body: form });
      const payload = Buffer.from(await request.arrayBuffer());
      for (const query of ['include=places,view', 'format=sarif']) {
        const response = await app.inject({ method: 'POST', url: `/v1/check?asOf=${ASOF}&${query}`, payload, headers: { 'content-type': request.headers.get('content-type')! } });
        expect(response.statusCode, query).toBeLessThan(500);
        expect(response.body).not.toMatch(/root:x:0:0/);
        revealsNothing(response.body);
      }
    });
  });
});
