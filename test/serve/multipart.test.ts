// The service takes a declaration with its ledger files as multipart/form-data: one part "declaration", one part
// per file named as the declaration names it; the same limits as any body, and nothing read from the server's disk.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { checkSource } from '../../src/check.js';
import { sourceFromText } from '../../src/declaration/source.js';
import { ASOF, listen, quietApp } from './helpers.js';

const folder = 'examples/chemicals-csv';
const declaration = readFileSync(`${folder}/chemicals-csv.yaml`);
const inputs = readFileSync(`${folder}/inputs.csv`);
const outputs = readFileSync(`${folder}/outputs.csv`);

function form(parts: Array<[string, Buffer, string, string?]>): FormData {
  const data = new FormData();
  for (const [field, bytes, fileName, type] of parts) data.append(field, new Blob([bytes], { type: type ?? 'application/octet-stream' }), fileName);
  return data;
}

describe.each([
  ['in worker threads', { checkWorkers: 1 }],
  ['in the server thread', { checkWorkers: 0 }],
])('multipart requests, %s', (_where, options) => {
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    app = quietApp({ ...options, maxLedgerLines: 6 });
    base = await listen(app);
  });
  afterAll(() => app.close());

  it('checks the declaration with its CSV files, as its inline twin', async () => {
    const response = await fetch(`${base}/v1/check?asOf=${ASOF}`, { method: 'POST', body: form([['declaration', declaration, 'chemicals-csv.yaml', 'application/yaml'], ['inputs.csv', inputs, 'inputs.csv'], ['outputs.csv', outputs, 'outputs.csv']]) });
    expect(response.status).toBe(200);
    const result = (await response.json()) as Record<string, any>;
    const twin = await checkSource(sourceFromText('examples/chemicals-two-groups.yaml', readFileSync('examples/chemicals-two-groups.yaml', 'utf8')), { asOf: ASOF });
    expect(result.validationErrors).toEqual([]);
    expect(result.verdict).toBe(twin.verdict);
    expect(result.metrics).toEqual(JSON.parse(JSON.stringify(twin.metrics)));
    // Listed by the names they were sent with, so that sha256sum over the same files gives the same fingerprint.
    expect(result.declaration.files.map((f: { name: string }) => f.name)).toEqual(['chemicals-csv.yaml', 'inputs.csv', 'outputs.csv']);
    const { execFileSync } = await import('node:child_process');
    const manifest = execFileSync('sha256sum', ['chemicals-csv.yaml', 'inputs.csv', 'outputs.csv'], { cwd: folder });
    expect(result.declaration.sha256).toBe(execFileSync('sha256sum', [], { input: manifest, encoding: 'utf8' }).split(' ')[0]);
  });

  it('a file the declaration names but the request lacks is a problem at its place, never a read from disk', async () => {
    const response = await fetch(`${base}/v1/check?asOf=${ASOF}`, { method: 'POST', body: form([['declaration', declaration, 'chemicals-csv.yaml'], ['inputs.csv', inputs, 'inputs.csv']]) });
    expect(response.status).toBe(422);
    const result = (await response.json()) as Record<string, any>;
    expect(result.validationErrors).toEqual([expect.objectContaining({ pointer: '/ledger/outputs', file: 'outputs.csv', message: expect.stringContaining('the request has no part named "outputs.csv"') })]);
  });

  it('a declaration naming files, sent alone, says how to send them', async () => {
    const response = await fetch(`${base}/v1/check?asOf=${ASOF}`, { method: 'POST', body: declaration, headers: { 'content-type': 'application/yaml' } });
    expect(response.status).toBe(422);
    expect(((await response.json()) as Record<string, any>).validationErrors[0].message).toContain('multipart/form-data');
  });

  it('ledger lines in files count against --max-ledger-lines', async () => {
    const many = Buffer.from(`${inputs.toString().trim()}\n${inputs.toString().trim().split('\n').slice(1).join('\n')}\n`);
    const response = await fetch(`${base}/v1/check?asOf=${ASOF}`, { method: 'POST', body: form([['declaration', declaration, 'd.yaml'], ['inputs.csv', many, 'inputs.csv'], ['outputs.csv', outputs, 'outputs.csv']]) });
    expect(response.status).toBe(413);
    expect(((await response.json()) as Record<string, any>).error.code).toBe('too-many-ledger-lines');
  });

  it('takes a verifier\'s waivers as the part "waivers", and refuses a broken one 400 with its line', async () => {
    const inline = readFileSync('examples/chemicals-two-groups.yaml');
    const waivers = Buffer.from('- rule: ghg-protocol/proportional-allocation-between-groups\n  reason: seen the books\n  approvedBy: A. Verifier\n  expires: 2026-12-31\n');
    const response = await fetch(`${base}/v1/check?asOf=${ASOF}`, { method: 'POST', body: form([['declaration', inline, 'd.yaml'], ['waivers', waivers, 'waivers.yaml']]) });
    expect(response.status).toBe(200);
    const result = (await response.json()) as Record<string, any>;
    expect(result.verdict).toBe('pass');
    expect(result.waivers).toEqual([expect.objectContaining({ rule: 'ghg-protocol/proportional-allocation-between-groups', status: 'applied' })]);
    const broken = await fetch(`${base}/v1/check?asOf=${ASOF}`, { method: 'POST', body: form([['declaration', inline, 'd.yaml'], ['waivers', Buffer.from('- rule: x\n'), 'waivers.yaml']]) });
    expect(broken.status).toBe(400);
    const error = ((await broken.json()) as Record<string, any>).error;
    expect(error.code).toBe('invalid-waivers');
    expect(error.message).toMatch(/waivers\.yaml:1:9 +\/0\/rule +must be the id of the rule/);
    // The same problems for a program to place, each at its line and column in the waivers part.
    expect(error.problems).toContainEqual(expect.objectContaining({ pointer: '/0/rule', line: 1, column: 9, message: expect.stringMatching(/^must be the id of the rule/) }));
    expect(error.problems.length).toBe(error.message.split('\n').length - 1);
  });

  it('a request without a declaration part is refused 400', async () => {
    const response = await fetch(`${base}/v1/check?asOf=${ASOF}`, { method: 'POST', body: form([['inputs.csv', inputs, 'inputs.csv']]) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Record<string, any>).error.code).toBe('no-declaration-part');
  });
});

describe('a multipart body over the byte limit', () => {
  it('is refused 413 like any other', async () => {
    const app = quietApp({ checkWorkers: 0, maxBodyBytes: 1000 });
    try {
      const base = await listen(app);
      const response = await fetch(`${base}/v1/check?asOf=${ASOF}`, { method: 'POST', body: form([['declaration', declaration, 'd.yaml'], ['inputs.csv', inputs, 'inputs.csv']]) });
      expect(response.status).toBe(413);
    } finally {
      await app.close();
    }
  });
});
