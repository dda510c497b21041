// load -> validate: parse a source, check it against the schema, then the cross-field rules.
import type { Declaration } from '../generated/declaration.js';
import { declarationValidator } from '../schemas.js';
import { crossFieldErrors } from './crossField.js';
import { parseDeclarationText } from './parse.js';
import { MAX_REPORTED_PROBLEMS, moreProblemsNote, type Locate, type ValidationError } from './problems.js';
import { mergeLedgerFiles } from '../ledger/merge.js';
import { schemaErrors } from './schemaErrors.js';
import type { DeclarationSource } from './source.js';

export type ValidationOutcome =
  | { valid: true; declaration: Declaration; errors: [] }
  | { valid: false; declaration: undefined; errors: ValidationError[]; data?: unknown };

export function validateSource(source: DeclarationSource): ValidationOutcome {
  const parsed = parseDeclarationText(source);
  if (!parsed.ok) return { valid: false, declaration: undefined, errors: parsed.errors };
  // Lines read from ledger files are validated like lines written inline, and placed in their files.
  const ledger = mergeLedgerFiles(parsed.data, source.ledgerFiles);
  const data = ledger.data;
  const locate: Locate = ledger.problems.length === 0 && data === parsed.data ? parsed.locate : (pointer) => ledger.locate(pointer) ?? parsed.locate(pointer);
  const fileUnread = ledger.problems.some((p) => p.code === 'ledger-file' || p.code === 'ledger-files-not-read');
  if (fileUnread) return { valid: false, declaration: undefined, errors: capped(ledger.problems), data };
  const validate = declarationValidator();
  if (!validate(data)) {
    // A cell that could not be read is said once, as that cell's problem, not again as a missing field.
    const cellPointers = new Set(ledger.problems.map((p) => p.pointer).filter((p) => p !== ''));
    const errors = [...ledger.problems, ...schemaErrors(validate.errors, data, locate).filter((e) => !cellPointers.has(e.pointer))];
    return { valid: false, declaration: undefined, errors: capped(errors), data };
  }
  const errors = [...ledger.problems, ...crossFieldErrors(data, locate)];
  if (errors.length > 0) return { valid: false, declaration: undefined, errors: capped(errors), data };
  return { valid: true, declaration: data, errors: [] };
}

/** Problems of several kinds together are held to the one cap too. */
function capped(errors: ValidationError[]): ValidationError[] {
  const listed = errors.filter((e) => e.code !== 'too-many-errors');
  const noted = errors.filter((e) => e.code === 'too-many-errors').reduce((sum, e) => sum + Number(/(\d+) more/.exec(e.message)?.[1] ?? 0), 0);
  if (listed.length <= MAX_REPORTED_PROBLEMS) return errors;
  const about = errors.some((e) => e.code === 'too-many-errors' && / about /.test(e.message));
  return [...listed.slice(0, MAX_REPORTED_PROBLEMS), moreProblemsNote(listed.length - MAX_REPORTED_PROBLEMS + noted, about)];
}
