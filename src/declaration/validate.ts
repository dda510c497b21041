// load -> validate: parse a source, check it against the schema, then the cross-field rules.
import type { Declaration } from '../generated/declaration.js';
import { declarationValidator } from '../schemas.js';
import { crossFieldErrors } from './crossField.js';
import { parseDeclarationText } from './parse.js';
import type { ValidationError } from './problems.js';
import { schemaErrors } from './schemaErrors.js';
import type { DeclarationSource } from './source.js';

export type ValidationOutcome =
  | { valid: true; declaration: Declaration; errors: [] }
  | { valid: false; declaration: undefined; errors: ValidationError[]; data?: unknown };

export function validateSource(source: DeclarationSource): ValidationOutcome {
  const parsed = parseDeclarationText(source);
  if (!parsed.ok) return { valid: false, declaration: undefined, errors: parsed.errors };
  const validate = declarationValidator();
  if (!validate(parsed.data)) {
    return { valid: false, declaration: undefined, errors: schemaErrors(validate.errors, parsed.data, parsed.locate), data: parsed.data };
  }
  const errors = crossFieldErrors(parsed.data, parsed.locate);
  if (errors.length > 0) return { valid: false, declaration: undefined, errors, data: parsed.data };
  return { valid: true, declaration: parsed.data, errors: [] };
}
