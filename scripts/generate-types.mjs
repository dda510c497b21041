// Regenerates src/generated/*.ts from the JSON Schemas, so the TypeScript model is never written by hand.
// `node scripts/generate-types.mjs --check` exits 1 when a generated file is out of date (used by the tests).
import { readFile, writeFile } from 'node:fs/promises';
import { compile } from 'json-schema-to-typescript';

const targets = [
  { schema: 'schemas/declaration.schema.json', out: 'src/generated/declaration.ts' },
  { schema: 'schemas/ruleset.schema.json', out: 'src/generated/ruleset.ts' },
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

const check = process.argv.includes('--check');
let stale = 0;
for (const { schema, out } of targets) {
  const json = withoutConditionals(JSON.parse(await readFile(schema, 'utf8')));
  const ts = await compile(json, json.title, {
    bannerComment: `/* Generated from ${schema} by scripts/generate-types.mjs. Do not edit: change the schema and run npm run gen:types. */`,
    additionalProperties: false,
    unreachableDefinitions: true,
    style: { singleQuote: true },
  });
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
