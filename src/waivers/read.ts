// Reads a waivers file (YAML or JSON) and validates it against schemas/waivers.schema.json, each problem at its line.
// Compiled when a run is given waivers, not ahead: most runs have none.
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import { parseDeclarationText } from '../declaration/parse.js';
import { placeOf, type ValidationError } from '../declaration/problems.js';
import { schemaErrors } from '../declaration/schemaErrors.js';
import { sourceFromBytes } from '../declaration/source.js';
import { MbcheckError } from '../errors.js';
import type { Waiver } from '../generated/waivers.js';
import { readRegularFileSync } from '../regularFile.js';
import { loadSchema } from '../schemas.js';

let validator: ValidateFunction<Waiver[]> | undefined;

function validate(): ValidateFunction<Waiver[]> {
  if (!validator) {
    const require = createRequire(import.meta.url);
    const { Ajv2020 } = require('ajv/dist/2020.js') as { Ajv2020: new (options: object) => { compile: <T>(schema: object) => ValidateFunction<T> } };
    const addFormats = require('ajv-formats') as (ajv: object) => object;
    const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
    addFormats(ajv);
    validator = ajv.compile<Waiver[]>(loadSchema('waivers.schema.json'));
  }
  return validator;
}

/** An invalid waivers file: the message lists its problems for a terminal, `problems` holds them for a program. */
export class InvalidWaiversError extends MbcheckError {
  constructor(
    message: string,
    readonly problems: ValidationError[],
  ) {
    super('invalid-waivers', message);
  }
}

const WAIVERS_LIMIT = { what: 'the waivers file', maxBytes: 4 * 1024 * 1024 };

/** The waivers of a file, or an error that lists each problem at its line (exit 2: the run cannot be trusted). */
export function readWaivers(path: string): Waiver[] {
  return parseWaivers(path, readRegularFileSync(path, WAIVERS_LIMIT));
}

/** The waivers in YAML or JSON bytes (a file, a request's part), named `name` in the problems. */
export function parseWaivers(name: string, bytes: Uint8Array): Waiver[] {
  const source = sourceFromBytes(name, bytes);
  const parsed = parseDeclarationText(source);
  const check = validate();
  const problems = !parsed.ok ? parsed.errors : check(parsed.data) ? [] : schemaErrors(check.errors, parsed.data, parsed.locate);
  if (problems.length > 0) {
    const listed = problems.map((p) => `  ${placeOf(p, name)}  ${p.pointer || '/'}  ${p.message}`).join('\n');
    throw new InvalidWaiversError(`${name}: not a valid waivers file (schemas/waivers.schema.json): a list of { rule, reason, approvedBy, expires, pointer? }\n${listed}`, problems);
  }
  return (parsed as { data: Waiver[] }).data;
}
