// Regenerates src/generated/*.ts from the JSON Schemas: the TypeScript model, never written by hand, and the
// validators, compiled by ajv ahead of time so that a run does not spend ~150 ms compiling the schemas.
// `node scripts/generate-types.mjs --check` exits 1 when a generated file is out of date (used by the tests).
import { readFile, writeFile } from 'node:fs/promises';
import { compile } from 'json-schema-to-typescript';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import standaloneModule from 'ajv/dist/standalone/index.js';
import ajvModule from 'ajv';

const targets = [
  { schema: 'schemas/declaration.schema.json', out: 'src/generated/declaration.ts' },
  { schema: 'schemas/ruleset.schema.json', out: 'src/generated/ruleset.ts' },
  // Types only: waivers are validated when a run is given some (src/waivers/read.ts), not compiled ahead.
  { schema: 'schemas/waivers.schema.json', out: 'src/generated/waivers.ts' },
  // Types only: a verifier block is validated when a report is given one (src/report/verifier.ts).
  { schema: 'schemas/verifier.schema.json', out: 'src/generated/verifier.ts' },
  // Types only: a statement is validated when verify reads one (src/attest/verify.ts).
  { schema: 'schemas/attestation.schema.json', out: 'src/generated/attestation.ts' },
  // Types only: nothing validates metrics at run time (test/metrics/schema.test.ts proves the schema against them).
  { schema: 'schemas/metrics.schema.json', out: 'src/generated/metrics.ts', wrapRefs: true },
];

// if/then/allOf and oneOf-of-`required` branches in our schemas only constrain which properties appear
// together; they add no shape, and the generator turns them into index-signature intersections that would
// weaken every type. Typing ignores them; validation (ajv) still enforces them.
const constraintKeys = new Set(['required', 'not', 'anyOf', 'oneOf', 'allOf', 'description']);
function isPureConstraint(node) {
  if (Array.isArray(node)) return node.every(isPureConstraint);
  return node !== null && typeof node === 'object' &&
    Object.entries(node).every(([k, v]) => constraintKeys.has(k) && (k === 'required' || k === 'description' || isPureConstraint(v)));
}
function withoutConditionals(node) {
  if (Array.isArray(node)) return node.map(withoutConditionals);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'if' || key === 'then' || key === 'else') continue;
    if (['allOf', 'oneOf', 'anyOf', 'not'].includes(key) && isPureConstraint(value)) continue;
    if (key === 'allOf' && Array.isArray(value) && value.every((branch) => 'if' in branch)) continue;
    out[key] = withoutConditionals(value);
  }
  return out;
}

// A `$ref` beside other keywords (a description, as 2020-12 allows) makes the generator declare the referenced
// shape again under a new name (BalancingWindow1) carrying that description. Wrapped in an allOf it is typed
// as the shape itself, with the description as its comment. (Only for the metrics schema for now: applied to
// the others it would change their types, EmissionFactor for number, in a change of its own.)
function refsWithoutSiblings(node) {
  if (Array.isArray(node)) return node.map(refsWithoutSiblings);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) out[key] = refsWithoutSiblings(value);
  if (typeof out.$ref !== 'string' || Object.keys(out).length === 1) return out;
  const { $ref, ...siblings } = out;
  return { ...siblings, allOf: [{ $ref }] };
}

// The options must stay those of src/schemas.ts: the tests compare both validators on every fixture.
const ajvOptions = { allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, verbose: true };

/**
 * ajv's generated code gathers the errors of each array item with `vErrors = vErrors.concat(item.errors)`,
 * copying every error so far for each failing item: quadratic, so a ledger of 200,000 broken lines took over
 * twenty minutes. Appending in place gives the same errors in the same order in linear time.
 */
function appendInPlace(code) {
  return code.replace(/vErrors = vErrors === null \? ([\w.]+)\.errors : vErrors\.concat\(\1\.errors\);/g, 'if (vErrors === null) vErrors = $1.errors.slice(); else for (const e of $1.errors) vErrors.push(e);');
}

async function validatorsSource() {
  const { _ } = ajvModule;
  const addFormats = addFormatsModule.default ?? addFormatsModule;
  const standaloneCode = standaloneModule.default ?? standaloneModule;
  // Standalone ESM code still reaches its runtime helpers through require(): give the module one.
  const ajv = addFormats(new Ajv2020({ ...ajvOptions, code: { source: true, esm: true, lines: false, formats: _`require("ajv-formats/dist/formats").fullFormats` } }));
  const refs = {};
  for (const { schema, name } of [{ schema: 'schemas/declaration.schema.json', name: 'validateDeclaration' }, { schema: 'schemas/ruleset.schema.json', name: 'validateRuleset' }]) {
    // Validation, too, runs once the ledger files are read: an error in a line is then that line's, not a
    // oneOf of "lines or a file name" that hides it.
    const json = withLedgerFilesRead(JSON.parse(await readFile(schema, 'utf8')));
    ajv.addSchema(json);
    refs[name] = json.$id;
  }
  return [
    '// @ts-nocheck',
    '/* Generated from schemas/*.schema.json by scripts/generate-types.mjs (ajv standalone). Do not edit: change the schema and run npm run gen:types. */',
    "import { createRequire } from 'node:module';",
    'const require = createRequire(import.meta.url);',
    appendInPlace(standaloneCode(ajv, refs).replace(/^"use strict";/, '')),
    '',
  ].join('\n');
}

// The checks see a ledger with its files already read into lines (src/ledger/): the forms that name a file are
// validated, but typed apart (LedgerFile, LedgerWorkbook), so that no check has to ask which form it holds.
const fileForms = new Set(['#/$defs/ledgerFile', '#/$defs/ledgerWorkbook']);
function withLedgerFilesRead(node) {
  if (Array.isArray(node)) return node.map(withLedgerFilesRead);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) out[key] = withLedgerFilesRead(value);
  if (Array.isArray(out.oneOf) && out.oneOf.some((branch) => fileForms.has(branch.$ref))) {
    const kept = out.oneOf.filter((branch) => !fileForms.has(branch.$ref));
    const { oneOf: _, ...rest } = out;
    return kept.length === 1 ? { ...rest, ...kept[0], ...(rest.description ? { description: rest.description } : {}) } : { ...rest, oneOf: kept };
  }
  return out;
}

const check = process.argv.includes('--check');
let stale = 0;
const outputs = [];
for (const { schema, out, wrapRefs } of targets) {
  const unconditional = withLedgerFilesRead(withoutConditionals(JSON.parse(await readFile(schema, 'utf8'))));
  const json = wrapRefs ? refsWithoutSiblings(unconditional) : unconditional;
  const ts = await compile(json, json.title, {
    bannerComment: `/* Generated from ${schema} by scripts/generate-types.mjs. Do not edit: change the schema and run npm run gen:types. */`,
    additionalProperties: false,
    unreachableDefinitions: true,
    style: { singleQuote: true },
  });
  outputs.push({ schema, out, text: ts });
}
outputs.push({ schema: 'the schemas', out: 'src/generated/validators.ts', text: await validatorsSource() });
for (const { schema, out, text: ts } of outputs) {
  const current = await readFile(out, 'utf8').catch(() => '');
  if (current === ts) continue;
  if (check) {
    console.error(`${out} is out of date with ${schema}: run npm run gen:types`);
    stale++;
  } else {
    await writeFile(out, ts);
    console.log(`wrote ${out}`);
  }
}
process.exit(stale ? 1 : 0);
