// The JSON Schemas shipped with the package, compiled once per process (ajv caches by object identity).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { paths } from './paths.js';
import type { Declaration } from './generated/declaration.js';
import type { Ruleset } from './generated/ruleset.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives as the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

const loadedSchemas = new Map<string, Record<string, unknown>>();
/** A shipped schema as data, read once (ajv compiles it; the ruleset linter walks it). */
export function loadSchema(file: string): Record<string, unknown> {
  let schema = loadedSchemas.get(file);
  if (!schema) {
    schema = JSON.parse(readFileSync(join(paths.schemas, file), 'utf8')) as Record<string, unknown>;
    loadedSchemas.set(file, schema);
  }
  return schema;
}

function compile<T>(file: string): ValidateFunction<T> {
  let validate = compiled.get(file);
  if (!validate) {
    ajv ??= addFormats(new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, verbose: true }));
    validate = ajv.compile(loadSchema(file));
    compiled.set(file, validate);
  }
  return validate as ValidateFunction<T>;
}

export const declarationValidator = (): ValidateFunction<Declaration> => compile<Declaration>('declaration.schema.json');
export const rulesetValidator = (): ValidateFunction<Ruleset> => compile<Ruleset>('ruleset.schema.json');

export type { ErrorObject };
