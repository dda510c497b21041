// Problems are listed up to one cap, with the count of the rest, whatever produced them; user text quoted back
// in a message is clipped. Without the cap, a million lines naming an unknown site gave a million problems
// (1.95 GB, 275 MB of output), and 125,000 duplicate ids overflowed the stack (one array spread per problem).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { validateDeclaration } from '../../src/check.js';
import { MAX_REPORTED_PROBLEMS } from '../../src/declaration/problems.js';
import { sourceFromText } from '../../src/declaration/source.js';
import { quietApp } from '../serve/helpers.js';

type Line = Record<string, unknown>;
const example = parseYaml(readFileSync('examples/steel-credit-transition.yaml', 'utf8')) as { id: string; ledger: { inputs: Line[]; outputs: Line[] } } & Record<string, unknown>;
const dir = mkdtempSync(join(tmpdir(), 'mbcheck-cap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function withOutputs(count: number, edit: (line: Line, index: number) => Line): string {
  const declaration = structuredClone(example);
  const line = declaration.ledger.outputs[0]!;
  declaration.ledger.outputs = Array.from({ length: count }, (_, i) => edit({ ...line }, i));
  return JSON.stringify(declaration);
}

describe('one cap for all problems', () => {
  it('300,000 duplicate output ids: the first 200 listed and the rest counted, no stack overflow', () => {
    const result = validateDeclaration(sourceFromText('dups.json', withOutputs(300_000, (line) => line)));
    expect(result.validationErrors).toHaveLength(MAX_REPORTED_PROBLEMS + 1);
    expect(result.validationErrors.slice(0, MAX_REPORTED_PROBLEMS).every((e) => e.code === 'duplicate-id')).toBe(true);
    expect(result.validationErrors.at(-1)).toMatchObject({ code: 'too-many-errors', message: expect.stringMatching(/^and 299799 more problem\(s\) not listed/) });
  });

  it('a million lines naming an unknown site, at the command line within a 1 GB heap: 200 listed, the rest counted', () => {
    const file = join(dir, 'unknown-site.json');
    writeFileSync(file, withOutputs(1_000_000, (line, i) => ({ ...line, id: `o-${i}`, site: 'nowhere' })));
    const run = spawnSync(process.execPath, ['--max-old-space-size=1024', 'bin/mbcheck.js', 'validate', file, '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    expect(run.stdout.length).toBeLessThan(200_000);
    const errors = JSON.parse(run.stdout).validationErrors as Array<{ code: string; message: string }>;
    expect(errors).toHaveLength(MAX_REPORTED_PROBLEMS + 1);
    expect(errors.at(-1)!.message).toMatch(/^and 999800 more problem\(s\) not listed/);
    const text = spawnSync(process.execPath, ['--max-old-space-size=1024', 'bin/mbcheck.js', 'validate', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(text.stdout).toContain('invalid declaration, 1000000 errors');
  });

  it('the service answers 422 with a short body for 200,000 unknown sites', async () => {
    const app = quietApp({ maxLedgerLines: 1_000_000, maxBodyBytes: 256 * 1024 * 1024 });
    try {
      const body = withOutputs(200_000, (line, i) => ({ ...line, id: `o-${i}`, site: 'nowhere' }));
      const response = await app.inject({ method: 'POST', url: '/v1/check', headers: { 'content-type': 'application/json' }, payload: body });
      expect(response.statusCode).toBe(422);
      expect(response.body.length).toBeLessThan(200_000);
      expect(response.body).toMatch(/and 199800 more problem\(s\) not listed/);
      expect(response.json().error.message).toMatch(/^the declaration is not valid: 200000 problem\(s\), the first 200 listed/);
    } finally {
      await app.close();
    }
  });
});

describe('user text quoted back is clipped', () => {
  it('a 1 MB site id and a 5 MB unknown key give a message of a few hundred characters each', () => {
    const declaration = structuredClone(example);
    declaration.ledger.outputs[0]!['site'] = 'x'.repeat(1_000_000);
    declaration['k'.repeat(5_000_000)] = 1;
    const result = validateDeclaration(sourceFromText('long.json', JSON.stringify(declaration)));
    expect(result.validationErrors.length).toBeGreaterThan(0);
    for (const error of result.validationErrors) {
      expect(error.message.length).toBeLessThan(400);
      expect(error.pointer.length).toBeLessThan(400);
    }
    expect(result.validationErrors.map((e) => e.message)).toContainEqual(expect.stringMatching(/unknown property "k{80}…" \(5000000 characters\)/));
  });

  it('an unknown site of 1 MB in a schema-valid shape is quoted clipped in the cross-field message', () => {
    const declaration = structuredClone(example);
    const id = `s${'1'.repeat(70)}`;
    declaration.ledger.outputs[0]!['site'] = id;
    declaration.ledger.outputs[0]!['id'] = 'o'.repeat(80);
    const result = validateDeclaration(sourceFromText('site.json', JSON.stringify(declaration)));
    expect(result.validationErrors.map((e) => e.message)).toContainEqual(expect.stringContaining(`output "${'o'.repeat(80)}" names site "${id}"`));
  });

  it('an invalid declaration with a megabyte id is named by its id clipped', () => {
    const declaration = { ...structuredClone(example), id: 'i'.repeat(1_000_000) };
    const result = validateDeclaration(sourceFromText('id.json', JSON.stringify(declaration)));
    expect(result.valid).toBe(false);
    expect(result.declaration.id!.length).toBeLessThanOrEqual(81);
  });
});
