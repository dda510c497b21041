// The TypeScript model is generated from the JSON Schemas and must never drift from them.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSchema, schemaAt, type JsonSchema } from '../src/schemas.js';

describe('generated types', () => {
  it('match schemas/*.schema.json (run npm run gen:types after changing a schema)', () => {
    expect(() => execFileSync(process.execPath, ['scripts/generate-types.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('include the metrics types: a stale src/generated/metrics.ts fails the check', () => {
    // A copy of what the generator reads and writes, so the check runs against a stale file without touching ours.
    const dir = mkdtempSync(join(tmpdir(), 'mbcheck-gen-'));
    for (const folder of ['scripts', 'schemas', 'src/generated']) cpSync(folder, join(dir, folder), { recursive: true });
    symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
    const check = () => spawnSync(process.execPath, ['scripts/generate-types.mjs', '--check'], { cwd: dir, encoding: 'utf8' });
    expect(check().status).toBe(0);
    appendFileSync(join(dir, 'src/generated/metrics.ts'), 'export type Stale = true;\n');
    const stale = check();
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain('src/generated/metrics.ts is out of date with schemas/metrics.schema.json');
  });
});

describe('schemaAt, the walk the ruleset linter and the report share', () => {
  const metrics = loadSchema('metrics.schema.json') as JsonSchema & { $defs: Record<string, JsonSchema> };
  const at = (path: string) => schemaAt(metrics, path.split('.').filter(Boolean), metrics.$defs);

  it('reaches figures through $ref, nullable objects (type [object, null]) and anyOf a $ref and null', () => {
    expect(at('ledger.stacking.count')?.description).toMatch(/, a count\.$/);
    expect(at('ledger.balance.worstOverdraft.window.start')?.type).toBe('string');
    expect(at('ledger.stacking.worst.stackingFactor')?.type).toEqual(['number', 'null']);
    expect(at('ledger.pools.0.volumeHolds')?.type).toEqual(['boolean', 'null']);
    expect(at('ledger.pools.*.window')?.description).toBe('The balancing window of the pool.');
    expect(at('ledger.crossSite.sites.length')?.type).toBe('integer');
    expect(at('')).toBe(metrics);
  });

  it('finds nothing where no figure is', () => {
    for (const path of ['ledger.stacking.nonsense', 'ledger.stacking.count.x', 'ledger.pools.first', 'ledger.pools.length.x', 'hasLedger.0']) expect(at(path), path).toBeUndefined();
  });
});
