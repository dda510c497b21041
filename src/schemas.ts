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

// Compiled ahead of time by scripts/generate-types.mjs (ajv standalone, the same options as ever): compiling
// the schemas at start-up cost ~150 ms of every one-shot run.
export const declarationValidator = (): ValidateFunction<Declaration> => validateDeclaration as unknown as ValidateFunction<Declaration>;
export const rulesetValidator = (): ValidateFunction<Ruleset> => validateRuleset as unknown as ValidateFunction<Ruleset>;

export type { ErrorObject };
