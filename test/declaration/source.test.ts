// A large JSON file is parsed as it streams in (readSource); everything a check says about it must be what the
// same bytes say when read whole, errors and their lines included.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { checkSource } from '../../src/check.js';
import { MbcheckError } from '../../src/errors.js';
import { readSource, sourceFromBytes, STREAMED_JSON_BYTES } from '../../src/declaration/source.js';

const ASOF = '2026-11-29';
const dir = mkdtempSync(join(tmpdir(), 'mbcheck-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The credit example with its two ledger lines repeated until the file passes the streaming size. */
function largeLedger(change: (text: string) => string = (t) => t): { file: string; bytes: Buffer } {
  const example = parseYaml(readFileSync('examples/steel-credit-transition.yaml', 'utf8'));
  const count = 40_000;
  const inputs = Array.from({ length: count }, (_, i) => ({ ...example.ledger.inputs[i % example.ledger.inputs.length], id: `in-${i}` }));
  const outputs = Array.from({ length: count }, (_, i) => ({ ...example.ledger.outputs[i % example.ledger.outputs.length], id: `out-${i}`, quantity: 0.001 }));
  const text = change(JSON.stringify({ ...example, ledger: { ...example.ledger, inputs, outputs } }, null, 1));
  const file = join(dir, `large-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, text);
  const bytes = readFileSync(file);
  expect(bytes.length).toBeGreaterThan(STREAMED_JSON_BYTES);
  return { file, bytes };
}

const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('a JSON file above the streaming size', () => {
  it('is parsed as it is read, fingerprinted from its bytes, and checked exactly as when read whole', async () => {
    const { file, bytes } = largeLedger();
    const streamed = await readSource(file);
    expect(streamed.parsed).toBeDefined();
    expect(streamed.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const [ours, whole] = await Promise.all([checkSource(streamed, { asOf: ASOF }), checkSource(sourceFromBytes(file, bytes), { asOf: ASOF })]);
    expect(ours.valid).toBe(true);
    expect(ours.metrics!.ledger!.totals.outputs).toBe(40_000);
    expect(plain(ours)).toEqual(plain(whole));
  });

  it('places a problem at the same line and column as when read whole', async () => {
    const { file, bytes } = largeLedger((t) => t.replace('"id": "out-39990",', '"id": "out-39990", "colour": "green",'));
    const [ours, whole] = await Promise.all([checkSource(await readSource(file), { asOf: ASOF }), checkSource(sourceFromBytes(file, bytes), { asOf: ASOF })]);
    expect(ours.validationErrors).toEqual(whole.validationErrors);
    expect(ours.validationErrors).toEqual([expect.objectContaining({ pointer: '/ledger/outputs/39990/colour', line: expect.any(Number) })]);
    expect(ours.validationErrors[0]!.line).toBeGreaterThan(100_000);
  });

  it('falls back to reading it whole for a syntax error, which is placed as usual', async () => {
    const { file, bytes } = largeLedger((t) => t.replace('"id": "out-20000",', '"id": "out-20000",,'));
    const streamed = await readSource(file);
    expect(streamed.parsed).toBeUndefined();
    const [ours, whole] = await Promise.all([checkSource(streamed, { asOf: ASOF }), checkSource(sourceFromBytes(file, bytes), { asOf: ASOF })]);
    expect(ours.validationErrors).toEqual(whole.validationErrors);
    expect(ours.validationErrors[0]).toMatchObject({ code: 'syntax', line: expect.any(Number) });
    expect(ours.validationErrors[0]!.line).toBeGreaterThan(1);
  });

  it('says so when the file changed between reading it and placing a problem', async () => {
    const { file } = largeLedger((t) => t.replace('"id": "out-5",', '"id": "out-5", "colour": "green",'));
    const source = await readSource(file);
    writeFileSync(file, '{}');
    await expect(checkSource(source, { asOf: ASOF })).rejects.toThrow(MbcheckError);
    await expect(checkSource(source, { asOf: ASOF })).rejects.toThrow(/changed while it was being checked/);
  });
});
