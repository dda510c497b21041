// The pool of check workers on its own: results as the library gives them, a time limit that ends the thread,
// a queue that lets an abandoned request go, and a close that answers those still waiting.
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { checkSource } from '../../src/check.js';
import { sourceFromBytes } from '../../src/declaration/source.js';
import { CheckPool } from '../../src/serve/checkPool.js';
import { ASOF, creditYaml } from './helpers.js';

const task = (bytes: Uint8Array, name = 'request.yaml') => ({ kind: 'check' as const, name, bytes, asOf: ASOF, maxLedgerLines: 1_000_000 });

/** About 4 MB of YAML: seconds of parsing, long enough to be cut short. */
function longYaml(): Buffer {
  const example = parseYaml(creditYaml.toString('utf8'));
  const lines = (kind: string, line: object) => Array.from({ length: 14_000 }, (_, i) => ({ ...line, id: `${kind}-${i}` }));
  return Buffer.from(stringify({ ...example, ledger: { ...example.ledger, inputs: lines('in', example.ledger.inputs[0]), outputs: lines('out', example.ledger.outputs[0]) } }, { aliasDuplicateObjects: false }));
}

let pool: CheckPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('CheckPool', () => {
  it('gives the library\'s result, for several requests at once', async () => {
    pool = new CheckPool(2, 16);
    const expected = JSON.parse(JSON.stringify(await checkSource(sourceFromBytes('request.yaml', creditYaml), { asOf: ASOF })));
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => pool!.run(task(creditYaml), new AbortController().signal)));
    for (const outcome of outcomes) expect(outcome.result).toEqual(expected);
  });

  it('ends the thread of a check whose time is up, lets a request waiting behind it go, and checks again after', async () => {
    pool = new CheckPool(1, 16);
    const running = new AbortController();
    const waiting = new AbortController();
    const long = pool.run(task(longYaml()), running.signal);
    const queued = pool.run(task(creditYaml), waiting.signal);
    waiting.abort(new Error('the client went away'));
    await expect(queued).rejects.toThrow('the client went away');
    running.abort(new Error('time is up'));
    await expect(long).rejects.toThrow('time is up');
    const after = await pool.run(task(creditYaml), new AbortController().signal);
    expect(after.result.verdict).toBe('pass');
  });

  it('answers 429 with Retry-After beyond its wait line, and takes work again once the line moves', async () => {
    pool = new CheckPool(1, 1);
    const running = new AbortController();
    const long = pool.run(task(longYaml()), running.signal);
    const waiting = pool.run(task(creditYaml), new AbortController().signal);
    await expect(pool.run(task(creditYaml), new AbortController().signal)).rejects.toMatchObject({ statusCode: 429, code: 'busy', headers: { 'retry-after': expect.stringMatching(/^\d+$/) } });
    running.abort(new Error('time is up'));
    await expect(long).rejects.toThrow('time is up');
    expect((await waiting).result.verdict).toBe('pass');
    expect((await pool.run(task(creditYaml), new AbortController().signal)).result.verdict).toBe('pass');
  });

  it('brings back a library error as the same error, and a body that is not UTF-8 as not-utf8', async () => {
    pool = new CheckPool(1, 16);
    await expect(pool.run(task(Buffer.from([0xff, 0xfe])), new AbortController().signal)).rejects.toMatchObject({ code: 'not-utf8' });
    await expect(pool.run({ ...task(creditYaml), rulesets: ['no-such-ruleset'] }, new AbortController().signal)).rejects.toMatchObject({ code: 'unknown-ruleset' });
  });

  it('answers the requests still waiting when it closes', async () => {
    pool = new CheckPool(1, 16);
    const long = expect(pool.run(task(longYaml()), new AbortController().signal)).rejects.toThrow();
    const queued = expect(pool.run(task(creditYaml), new AbortController().signal)).rejects.toMatchObject({ statusCode: 503, code: 'closing' });
    await pool.close();
    await Promise.all([long, queued]);
  });
});
