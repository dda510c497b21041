// Hostile input through the command line, each answered with a clear error or a correct result in bounded
// time and memory (the process runs with a capped heap: running out would crash it and fail the test).
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const ASOF = '2026-11-29';
/** Megabytes of heap for the 200 MB JSON ledger: room for its parsed lines (about 340 MB), not for its text as well. */
const HEAP_FOR_200MB_JSON = 420;
const dir = mkdtempSync(join(tmpdir(), 'mbcheck-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function mbcheck(args: string[], heapMegabytes = 768) {
  const run = spawnSync(process.execPath, [`--max-old-space-size=${heapMegabytes}`, 'bin/mbcheck.js', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}

/** A 200 MB file: a valid declaration head followed by one enormous YAML comment. */
function twoHundredMegabytes(name: string): string {
  const file = join(dir, name);
  const fd = openSync(file, 'w');
  writeSync(fd, readFileSync('examples/steel-credit-transition.yaml'));
  const chunk = Buffer.from(`# ${'x'.repeat(1024 * 1024 - 3)}\n`);
  for (let i = 0; i < 200; i++) writeSync(fd, chunk);
  closeSync(fd);
  return file;
}

describe('hostile input at the command line', () => {
  it('a 200 MB YAML declaration: a clear error that asks for JSON, without exhausting memory', () => {
    const run = mbcheck(['check', twoHundredMegabytes('huge.yaml'), '--as-of', ASOF, '--format', 'json']);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.validationErrors[0]).toMatchObject({ code: 'too-large', message: expect.stringMatching(/write large ledgers as JSON/) });
  });

  it('a 200 MB file over --max-bytes is refused before it is read', () => {
    const run = mbcheck(['check', twoHundredMegabytes('huge.json'), '--max-bytes', '10000000', '--as-of', ASOF]);
    expect(run.code).toBe(2);
    expect(run.stderr + run.stdout).toMatch(/larger than the limit of 10000000 bytes/);
  });

  it('Infinity (YAML .inf) and a constructor key are errors at their line, and pollute nothing', () => {
    const text = readFileSync('examples/steel-credit-transition.yaml', 'utf8').replace('quantity: 1200,', 'quantity: .inf,').replace('schemaVersion: "1"', 'schemaVersion: "1"\nconstructor: { prototype: { polluted: true } }');
    const file = join(dir, 'inf.yaml');
    writeFileSync(file, text);
    const run = mbcheck(['validate', file, '--format', 'json']);
    expect(run.code).toBe(1);
    const errors = JSON.parse(run.stdout).validationErrors.map((e: { pointer: string; message: string }) => [e.pointer, e.message]);
    expect(errors).toContainEqual(['/ledger/inputs/0/quantity', 'must be of type number; got Infinity']);
    expect(errors).toContainEqual(['/constructor', 'unknown property "constructor" (check its spelling against the schema)']);
  });

  it('a 50 MB JSON ledger with one wrong quantity: the error at its line, without exhausting memory', () => {
    // Finding the line once read the whole JSON again as YAML, and a file of this size ran out of memory.
    const example = parseYaml(readFileSync('examples/steel-credit-transition.yaml', 'utf8'));
    const { inputs: [input], outputs: [output] } = example.ledger;
    const count = 200_000;
    const lines = (kind: string, line: object) => Array.from({ length: count }, (_, i) => JSON.stringify({ ...line, id: `${kind}-${i}`, quantity: kind === 'out' && i === count - 7 ? -5 : 0.001 }));
    const text = JSON.stringify({ ...example, ledger: { ...example.ledger, inputs: [], outputs: [] } }, null, 2)
      .replace('"inputs": []', `"inputs": [\n${lines('in', input).join(',\n')}\n]`)
      .replace('"outputs": []', `"outputs": [\n${lines('out', output).join(',\n')}\n]`);
    const file = join(dir, 'long.json');
    writeFileSync(file, text);
    expect(text.length).toBeGreaterThan(40e6);
    const at = text.indexOf(`"id":"out-${count - 7}"`);
    const line = text.slice(0, at).split('\n').length;
    const column = text.indexOf('"quantity":-5', at) - text.lastIndexOf('\n', at) + '"quantity":'.length;

    const run = mbcheck(['validate', file, '--format', 'json']);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    const errors = JSON.parse(run.stdout).validationErrors;
    expect(errors).toEqual([expect.objectContaining({ pointer: `/ledger/outputs/${count - 7}/quantity`, line, column })]);
  });

  it('a 200 MB JSON ledger: judged within a heap of about twice its size, parsed as it is read', () => {
    // The parsed ledger alone takes about 1.4 times the file; held whole as text beside it, the file did not fit.
    const example = parseYaml(readFileSync('examples/steel-credit-transition.yaml', 'utf8'));
    const file = join(dir, 'year.json');
    const fd = openSync(file, 'w');
    const [head, tail] = JSON.stringify({ ...example, ledger: { ...example.ledger, inputs: [], outputs: ['SPLIT'] } }).split('"outputs":["SPLIT"]');
    const write = (kind: string, line: object, count: number) => {
      for (let from = 0; from < count; from += 10_000) {
        const block = Array.from({ length: Math.min(10_000, count - from) }, (_, k) => JSON.stringify({ ...line, id: `${kind}-${from + k}`, quantity: kind === 'out' ? 0.001 : 1 }));
        writeSync(fd, (from === 0 ? '' : ',\n') + block.join(',\n'));
      }
    };
    const count = 750_000;
    writeSync(fd, head!.replace('"inputs":[],', '"inputs":[\n'));
    write('in', example.ledger.inputs[0], count);
    writeSync(fd, '\n],"outputs":[\n');
    write('out', example.ledger.outputs[0], count);
    writeSync(fd, `\n]${tail}`);
    closeSync(fd);
    expect(statSync(file).size).toBeGreaterThan(200e6);

    const run = mbcheck(['check', file, '--as-of', ASOF, '--format', 'text'], HEAP_FOR_200MB_JSON);
    expect(run.signal).toBeNull();
    expect(run.stderr).not.toMatch(/heap|memory/i);
    expect([0, 1]).toContain(run.code);
    expect(run.stdout).toMatch(/^1 declaration: /m);
    expect(run.stdout).toContain(`(${example.id})`);
  });
});
