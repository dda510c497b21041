// SARIF as a code-scanning dashboard reads it: valid against the published SARIF 2.1.0 schema, every failing finding
// a result at the line it is about, validation problems at theirs (in the ledger file when they are in one).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { FindingPlace } from '../../src/findingPlaces.js';
import { formatSarif } from '../../src/format/sarif.js';
import type { CheckResult } from '../../src/result.js';
import { allResults, failingResult, invalidResult, passingResult, unreadableResult } from './sample.js';

const ASOF = '2026-11-29';
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * The SARIF 2.1.0 JSON Schema as Microsoft's SARIF SDK ships it on npm (rtm.5; the final text differs only in three
 * artifact roles mbcheck does not write, uuid formats and a language pattern). It is written for draft-04: only its
 * `id` differs from draft-07 here (it has no boolean exclusiveMinimum), and its language pattern is valid only as a
 * non-Unicode regular expression, as draft-04 validators read patterns. Ajv's strict mode judges how a schema is
 * written, not what it accepts, so it is off.
 */
function sarifSchemaValidator() {
  const path = createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const text = readFileSync(path, 'utf8');
  expect(text).not.toMatch(/"exclusiveM(in|ax)imum"/);
  const { id: _id, $schema: _draft, ...schema } = JSON.parse(text) as Record<string, unknown>;
  expect(schema['title']).toMatch(/SARIF\) Version 2\.1\.0/);
  return addFormats(new Ajv({ strict: false, allErrors: true, unicodeRegExp: false })).compile(schema);
}

const validateSarif = sarifSchemaValidator();

const explain = (errors: ErrorObject[] | null | undefined) => (errors ?? []).slice(0, 5).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`).join('; ');

function expectValidSarif(log: unknown): void {
  const valid = validateSarif(log);
  expect(valid, explain(validateSarif.errors)).toBe(true);
}

interface Log {
  runs: Array<{
    tool: { driver: { name: string; version: string; rules: Array<{ id: string; helpUri?: string; shortDescription: { text: string }; help: { text: string }; properties: Record<string, unknown> }> } };
    artifacts: Array<{ location?: { uri: string }; hashes?: Record<string, string> }>;
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications?: Array<{ descriptor: { id: string } }> }>;
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri?: string; index: number }; region?: { startLine: number; startColumn?: number } }; message?: { text: string }; logicalLocations?: Array<{ fullyQualifiedName: string }> }>;
      relatedLocations?: Array<{ physicalLocation: { artifactLocation: { uri?: string }; region?: { startLine: number } } }>;
      properties: Record<string, unknown> & { evidence?: Record<string, unknown> };
    }>;
  }>;
}

function mbcheck(args: string[]) {
  const run = spawnSync(process.execPath, ['bin/mbcheck.js', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function sarifOf(args: string[]): { code: number | null; log: Log; raw: unknown } {
  const run = mbcheck(['check', ...args, '--format', 'sarif', '--as-of', ASOF]);
  const raw: unknown = JSON.parse(run.stdout);
  return { code: run.code, log: raw as Log, raw };
}

/** The 1-based line of the first line of a file holding the text. */
function lineOf(file: string, text: string): number {
  const index = readFileSync(file, 'utf8').split('\n').findIndex((line) => line.includes(text));
  expect(index, `${text} in ${file}`).toBeGreaterThanOrEqual(0);
  return index + 1;
}

function tempCopy(folder: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mbcheck-sarif-'));
  cpSync(folder, dir, { recursive: true });
  return dir;
}

describe('check --format sarif', () => {
  it('writes the stacked example as valid SARIF, its stacked output an error at the line that declares it', () => {
    const file = 'examples/steel-stacked-100-percent.yaml';
    const { code, log, raw } = sarifOf([file]);
    expect(code).toBe(1);
    expectValidSarif(raw);
    const [run] = log.runs;
    expect(log.runs).toHaveLength(1);
    expect(run!.tool.driver).toMatchObject({ name: 'mbcheck', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(run!.artifacts[0]).toMatchObject({ location: { uri: file }, hashes: { 'sha-256': expect.stringMatching(/^[0-9a-f]{64}$/) } });

    const stacked = run!.results.find((r) => r.ruleId === 'integrity/no-stacked-attribution');
    expect(stacked).toMatchObject({ level: 'error', message: { text: expect.stringContaining('out-100pct') } });
    const outputId = stacked!.properties.evidence!['outputId'];
    expect(outputId).toBe('out-100pct');
    const [location] = stacked!.locations;
    expect(location!.physicalLocation.artifactLocation.uri).toBe(file);
    expect(location!.physicalLocation.region?.startLine).toBe(lineOf(file, `{ id: ${String(outputId)},`));

    const rule = run!.tool.driver.rules[stacked!.ruleIndex]!;
    expect(rule.id).toBe('integrity/no-stacked-attribution');
    expect(rule.properties).toMatchObject({ level: 'shall', decision: 6, ruleset: 'integrity' });
    expect(rule.helpUri).toMatch(/^https:\/\//);
    expect(rule.help.text.length).toBeGreaterThan(0);
  });

  it('gives every failing finding one result, at shall error, should warning, may note, and nothing else', () => {
    const file = 'examples/steel-stacked-100-percent.yaml';
    const json = JSON.parse(mbcheck(['check', file, '--format', 'json', '--as-of', ASOF]).stdout) as CheckResult;
    const failing = json.findings!.filter((f) => f.outcome === 'fail');
    const { log } = sarifOf([file]);
    const results = log.runs[0]!.results;
    expect(results.map((r) => [r.ruleId, r.level])).toEqual(failing.map((f) => [f.ruleId, { shall: 'error', should: 'warning', may: 'note' }[f.level]]));
    expect(results.map((r) => r.message.text)).toEqual(failing.map((f) => f.message));
    // The declared setting a rule tested is where a finding without a ledger line points.
    const forbids = results.find((r) => r.ruleId === 'integrity/method-forbids-stacking')!;
    expect(forbids.locations[0]!.physicalLocation.region?.startLine).toBe(lineOf(file, 'allowed: true'));
    // Credits forfeited are a figure of the books, written on no line: the file, but no invented region.
    const forfeited = results.find((r) => r.ruleId === 'ghg-protocol/reductions-passed-on')!;
    expect(forfeited.locations[0]!.physicalLocation).toEqual({ artifactLocation: { uri: file, index: 0 } });
    // Rules are listed once each, and each result names its own.
    const rules = log.runs[0]!.tool.driver.rules;
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const result of results) expect(rules[result.ruleIndex]!.id).toBe(result.ruleId);
  });

  it("carries an invalid declaration's validation errors as error results at their lines", () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbcheck-sarif-'));
    const file = join(dir, 'broken.yaml');
    const text = readFileSync('examples/steel-stacked-100-percent.yaml', 'utf8').replace('quantity: 1800, emissionFactor: 0.0', 'quantity: lots, emissionFactor: 0.0');
    writeFileSync(file, text);
    const { code, log, raw } = sarifOf([file]);
    expect(code).toBe(1);
    expectValidSarif(raw);
    const [result] = log.runs[0]!.results;
    expect(log.runs[0]!.results).toHaveLength(1);
    expect(result).toMatchObject({ ruleId: 'declaration/invalid', level: 'error', message: { text: expect.stringContaining('/ledger/outputs/0/quantity') } });
    expect(log.runs[0]!.tool.driver.rules[result!.ruleIndex]!.id).toBe('declaration/invalid');
    const { artifactLocation, region } = result!.locations[0]!.physicalLocation;
    expect(artifactLocation.uri).toBe(relative(process.cwd(), file));
    expect(region?.startLine).toBe(lineOf(file, 'quantity: lots'));
    expect(region?.startColumn).toBeGreaterThan(1);
  });

  it('places a broken cell of a ledger file at that CSV file and its row', () => {
    const dir = tempCopy('examples/chemicals-csv');
    const csv = join(dir, 'inputs.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('nap-002,2026-01-18,antwerp,bio-naphtha,1200,', 'nap-002,2026-01-18,antwerp,bio-naphtha,12oo,'));
    const { code, log, raw } = sarifOf([join(dir, 'chemicals-csv.yaml')]);
    expect(code).toBe(1);
    expectValidSarif(raw);
    const [run] = log.runs;
    const [result] = run!.results;
    expect(result).toMatchObject({ ruleId: 'declaration/invalid', level: 'error', properties: { code: 'cell' } });
    const { artifactLocation, region } = result!.locations[0]!.physicalLocation;
    expect(artifactLocation.uri).toBe(relative(process.cwd(), csv));
    expect(run!.artifacts[artifactLocation.index]!.location?.uri).toBe(artifactLocation.uri);
    expect(region?.startLine).toBe(lineOf(csv, '12oo'));
    // A CSV column is a field number, not a character: it is named, not given as startColumn.
    expect(region?.startColumn).toBeUndefined();
    expect(result!.locations[0]!.message?.text).toMatch(/inputs\.csv:3:quantity$/);
  });

  it('places a failing finding about a line read from a CSV file at its row, and names the declaration beside it', () => {
    const dir = tempCopy('examples/chemicals-csv');
    const declaration = join(dir, 'chemicals-csv.yaml');
    const { log, raw } = sarifOf([declaration]);
    expectValidSarif(raw);
    const result = log.runs[0]!.results.find((r) => r.ruleId === 'ghg-protocol/proportional-allocation-between-groups')!;
    const { artifactLocation, region } = result.locations[0]!.physicalLocation;
    expect(artifactLocation.uri).toBe(relative(process.cwd(), join(dir, 'outputs.csv')));
    // The pool's first output of the group the finding names: eth-lc, the low-carbon ethylene.
    expect(result.properties.evidence).toMatchObject({ group: 'ethylene' });
    expect(region?.startLine).toBe(lineOf(join(dir, 'outputs.csv'), 'eth-lc,'));
    expect(result.relatedLocations?.[0]?.physicalLocation).toMatchObject({ artifactLocation: { uri: relative(process.cwd(), declaration) }, region: { startLine: lineOf(declaration, 'outputs: outputs.csv') } });
    // Every file the check read is an artifact, with its hash.
    expect(log.runs[0]!.artifacts.map((a) => a.location?.uri.split('/').pop())).toEqual(['chemicals-csv.yaml', 'inputs.csv', 'outputs.csv']);
    for (const artifact of log.runs[0]!.artifacts) expect(artifact.hashes?.['sha-256']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('puts several declarations in one run, an unreadable one as a notification of a run that did not fully succeed', () => {
    const { code, log, raw } = sarifOf(['examples/steel-multi-site-unconnected.yaml', 'examples/chemicals-two-groups.yaml', 'examples/no-such-file.yaml']);
    expect(code).toBe(2);
    expectValidSarif(raw);
    expect(log.runs).toHaveLength(1);
    const [run] = log.runs;
    expect(run!.artifacts.map((a) => a.location?.uri)).toEqual(['examples/steel-multi-site-unconnected.yaml', 'examples/chemicals-two-groups.yaml', 'examples/no-such-file.yaml']);
    const files = new Set(run!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.index));
    expect(files).toEqual(new Set([0, 1]));
    expect(run!.invocations[0]).toMatchObject({ executionSuccessful: false, toolExecutionNotifications: [{ descriptor: { id: 'unreadable' } }] });
  });
});

describe('formatSarif', () => {
  it('is valid SARIF for every shape of result, and the schema check does reject a broken log', () => {
    const text = formatSarif(allResults, { cwd: process.cwd() });
    expect(text.endsWith('\n')).toBe(true);
    const log = JSON.parse(text) as Log;
    expectValidSarif(log);
    // SARIF has no level "shall": if this passed, the validation above could pass anything.
    log.runs[0]!.results[0]!.level = 'shall';
    expect(validateSarif(log)).toBe(false);
  });

  it('writes results only for failing findings, and for a valid passing run none at all', () => {
    const passing = JSON.parse(formatSarif([passingResult])) as Log;
    expect(passing.runs[0]!.results).toEqual([]);
    expect(passing.runs[0]!.tool.driver.rules).toEqual([]);
    const failing = JSON.parse(formatSarif([failingResult])) as Log;
    // INT-040 is cannot-tell: an open question, not a failure.
    expect(failing.runs[0]!.results.map((r) => [r.ruleId, r.level])).toEqual([['INT-020', 'warning'], ['INT-030', 'error']]);
    expect(failing.runs[0]!.tool.driver.rules.map((r) => r.id)).toEqual(['INT-020', 'INT-030']);
  });

  it('omits the region of a finding it cannot place rather than invent one', () => {
    const log = JSON.parse(formatSarif([failingResult])) as Log;
    for (const result of log.runs[0]!.results) expect(result.locations[0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'decl/bad.yaml', index: 0 } });
  });

  it('names the cell of a workbook instead of giving it lines, and keeps the pointer as a logical location', () => {
    const place: FindingPlace = { pointer: '/ledger/outputs/3', line: 12, column: 5, file: 'ledger.xlsx', sheet: 'outputs' };
    const log = JSON.parse(formatSarif([failingResult], { cwd: process.cwd(), places: (r) => (r === failingResult ? new Map([[2, place]]) : undefined) })) as Log;
    expectValidSarif(log);
    const located = log.runs[0]!.results.find((r) => r.ruleId === 'INT-030')!.locations[0]!;
    expect(located.physicalLocation).toEqual({ artifactLocation: { uri: 'decl/ledger.xlsx', index: 1 } });
    expect(located.message?.text).toBe('decl/ledger.xlsx!outputs!E12');
    expect(located.logicalLocations).toEqual([{ fullyQualifiedName: '/ledger/outputs/3' }]);
  });

  it('keeps a validation problem without a position at its file, with no region, and gives each its code', () => {
    const result: CheckResult = { ...invalidResult, validationErrors: [...invalidResult.validationErrors, { pointer: '', line: 0, column: 0, code: 'too-many-errors', message: 'and 3 more problem(s) not listed' }] };
    const log = JSON.parse(formatSarif([result, unreadableResult])) as Log;
    expectValidSarif(log);
    const results = log.runs[0]!.results;
    expect(results.map((r) => r.ruleId)).toEqual(['declaration/invalid', 'declaration/invalid', 'declaration/invalid']);
    expect(results.map((r) => r.locations[0]!.physicalLocation.region)).toEqual([{ startLine: 12, startColumn: 9 }, { startLine: 1, startColumn: 1 }, undefined]);
    expect(results.map((r) => r.properties['code'])).toEqual(['type', 'required', 'too-many-errors']);
  });
});
