// The JSON Schemas shipped with the package: as data (the linter and error messages read them) and as validators.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { validateDeclaration, validateRuleset } from './generated/validators.js';
import { paths } from './paths.js';
import type { Declaration } from './generated/declaration.js';
import type { Ruleset } from './generated/ruleset.js';

const loadedSchemas = new Map<string, Record<string, unknown>>();
/** A shipped schema as data, read once (validation messages quote its descriptions; the ruleset linter walks it). */
export function loadSchema(file: string): Record<string, unknown> {
  let schema = loadedSchemas.get(file);
  if (!schema) {
    schema = JSON.parse(readFileSync(join(paths.schemas, file), 'utf8')) as Record<string, unknown>;
    loadedSchemas.set(file, schema);
  }
  return schema;
}

/** As much of a JSON Schema as the path walkers read. */
export type JsonSchema = {
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  type?: unknown;
  description?: string;
};

/** What `length` of an array reads. */
const ARRAY_LENGTH: JsonSchema = { type: 'integer', description: 'The number of items.' };

/**
 * The subschema a path reaches (segments of `a.b.0.c`, `*` for any item, `length` of an array), following $ref,
 * properties, items and oneOf/anyOf; undefined when no value can be there. A nullable object (type
 * ["object", "null"], or anyOf a $ref and null) is walked as the object. The node reached is returned as written,
 * so a `$ref` beside its own description keeps that description.
 */
export function schemaAt(schema: JsonSchema, segments: readonly string[], defs: Record<string, JsonSchema>): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (let i = 0; i < segments.length; i++) {
    while (node?.$ref) node = defs[node.$ref.replace('#/$defs/', '')];
    if (!node) return undefined;
    const branches: JsonSchema[] | undefined = node.oneOf ?? node.anyOf;
    if (branches) {
      for (const branch of branches) {
        const found = schemaAt(branch, segments.slice(i), defs);
        if (found) return found;
      }
      return undefined;
    }
    const segment = segments[i]!;
    if (node.items && (/^\d+$/.test(segment) || segment === '*' || segment === 'length')) {
      if (segment === 'length') return i === segments.length - 1 ? ARRAY_LENGTH : undefined;
      node = node.items;
    } else if (node.properties && Object.hasOwn(node.properties, segment)) node = node.properties[segment];
    else return undefined;
  }
  return node;
}

// Compiled ahead of time by scripts/generate-types.mjs (ajv standalone, the same options as ever): compiling
// the schemas at start-up cost ~150 ms of every one-shot run.
export const declarationValidator = (): ValidateFunction<Declaration> => validateDeclaration as unknown as ValidateFunction<Declaration>;
export const rulesetValidator = (): ValidateFunction<Ruleset> => validateRuleset as unknown as ValidateFunction<Ruleset>;

export type { ErrorObject };
