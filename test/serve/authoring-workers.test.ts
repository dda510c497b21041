// The authoring routes' work in worker threads: a long run of a sent ruleset's fixtures holds up no other request,
// and the time limit ends it for real (its thread is ended and replaced), so the routes are served as before after.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_LIMITS, SENT_LIMITS } from '../../src/serve/rulesetSources.js';
import { ASOF, creditYaml, expectErrorShape, JSON_TYPE, listen, quietApp, YAML } from './helpers.js';

const integrityText = readFileSync('rulesets/integrity/1.1.0.json', 'utf8');
const integrity = JSON.parse(integrityText) as { id: string; rules: Array<Record<string, unknown>> };

/**
 * As many rules as a sent ruleset may hold, each failing every declaration with a message of some 2,600 lookups, and
 * as many cases as a request may hold: every case renders all 200 messages. About a minute of work on a
 * developer's machine, far beyond the limit below on any machine, while a small check stays far within it.
 */
function longRun(): string {
  const message = `{{#each declaration.ledger.outputs}}${'{{id}}'.repeat(1300)}{{/each}}`;
  const rules = Array.from({ length: SENT_LIMITS.rules }, (_, i) => ({
    ...integrity.rules[0],
    id: `${integrity.id}/slow-${i}`,
    conditions: { all: [{ fact: 'declaration', path: '$.id', operator: 'equal', value: 'never' }] },
    message: { fail: message },
  }));
  const cases = Array.from({ length: FIXTURE_LIMITS.cases }, (_, i) => `  - {name: c${i}, base: steel-credit.yaml, expect: fail}`).join('\n');
  return JSON.stringify({ ruleset: JSON.stringify({ ...integrity, rules }), fixtures: [{ name: 'slow.yaml', text: `rule: ${integrity.id}/slow-0\ncases:\n${cases}\n` }] });
}

// The long run takes over ten seconds here (its 200 rules' templates compile slowly): three seconds ends it, while
// the other requests of the first test get fifteen, room enough on a slow, busy machine for a first check.
const LIMITS = { requestTimeoutMs: 3_000, maxBodyBytes: 32 * 1024 * 1024 };
const ROOMY = { ...LIMITS, requestTimeoutMs: 15_000 };

describe('a long ruleset test in a worker, with a second worker free', () => {
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    app = quietApp({ ...ROOMY, checkWorkers: 2 });
    base = await listen(app);
  });
  afterAll(() => app.close());

  it('delays neither GET /v1/rulesets nor a check answered meanwhile', async () => {
    const events: string[] = [];
    const long = fetch(`${base}/v1/rulesets/test`, { method: 'POST', body: longRun(), headers: JSON_TYPE }).then((response) => {
      events.push('test answered');
      return response;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const listed = await fetch(`${base}/v1/rulesets`);
    events.push(`rulesets ${listed.status}`);
    const checked = await fetch(`${base}/v1/check?asOf=${ASOF}`, { method: 'POST', body: creditYaml, headers: YAML });
    events.push(`check ${checked.status} ${((await checked.json()) as { verdict: string }).verdict}`);
    await long;
    expect(events).toEqual(['rulesets 200', 'check 200 pass', 'test answered']);
  });
});

describe('a ruleset test in a worker beyond the time limit', () => {
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    app = quietApp({ ...LIMITS, checkWorkers: 1 });
    base = await listen(app);
  });
  afterAll(() => app.close());

  it('answers 503 timeout, and the pool serves authoring and checks again after', async () => {
    const response = await fetch(`${base}/v1/rulesets/test`, { method: 'POST', body: longRun(), headers: JSON_TYPE });
    expect(response.status).toBe(503);
    const { code, message } = expectErrorShape(await response.json());
    expect(code).toBe('timeout');
    expect(message).toMatch(/^the ruleset test did not finish within this server's limit of 3000 ms/);
    // The only thread ran it and was ended: its replacement lints a bundled ruleset and checks as before (light
    // work, well within the three seconds however busy the machine).
    const { text } = (await (await fetch(`${base}/v1/rulesets/integrity/1.1.0`)).json()) as { text: string };
    const linted = await fetch(`${base}/v1/rulesets/lint`, { method: 'POST', body: text, headers: JSON_TYPE });
    expect(linted.status).toBe(200);
    expect(((await linted.json()) as { problems: unknown[] }).problems).toEqual([]);
    const checked = await fetch(`${base}/v1/check?asOf=${ASOF}`, { method: 'POST', body: creditYaml, headers: YAML });
    expect(checked.status).toBe(200);
  });
});

describe('the authoring routes in a worker and in the server thread', () => {
  it('give the same answers, errors included', async () => {
    const apps = [quietApp({ checkWorkers: 1 }), quietApp({ checkWorkers: 0 })];
    const bases = await Promise.all(apps.map(listen));
    try {
      const { text: isoText, fixtures: isoFixtures } = (await (await fetch(`${bases[0]}/v1/rulesets/iso-22095-2/1.1.0`)).json()) as { text: string; fixtures: unknown[] };
      const broken = integrityText.replace('"path": "$.ledger.stacking.count"', '"path": "$.ledger.stacking.countz"');
      const badFixture = [{ name: 'mine.yaml', text: 'rule: iso-22095-2/no-overdraft\ncases:\n  - name: from my disk\n    base: /etc/passwd\n    expect: pass\n' }];
      const requests: Array<[string, string]> = [
        ['/v1/rulesets/lint', broken],
        ['/v1/rulesets/lint', '{"rules": ['],
        ['/v1/rulesets/test', JSON.stringify({ ruleset: isoText, fixtures: isoFixtures })],
        ['/v1/rulesets/test', JSON.stringify({ ruleset: isoText, fixtures: badFixture })],
        ['/v1/rulesets/coverage', integrityText],
        ['/v1/rulesets/coverage', '{"id": "x"}'],
        [`/v1/rulesets/diff?against=iso-22095-2@1.1.0&asOf=${ASOF}`, isoText],
        ['/v1/rulesets/diff?against=integrity&asOf=1900-01-01', integrityText],
      ];
      for (const [url, body] of requests) {
        const [ours, theirs] = await Promise.all(bases.map((b) => fetch(`${b}${url}`, { method: 'POST', body, headers: JSON_TYPE })));
        expect(ours!.status, url).toBe(theirs!.status);
        expect(await ours!.json(), url).toEqual(await theirs!.json());
      }
    } finally {
      await Promise.all(apps.map((a) => a.close()));
    }
  });
});
