// Turns ajv's errors into messages a person can act on: what is wrong, where, and what was expected.
import type { ErrorObject } from '../schemas.js';
import { clippedPointer, MAX_REPORTED_PROBLEMS, moreProblemsNote, segmentsToPointer, type Locate, type ValidationError } from './problems.js';
import { quoted } from '../quoting.js';

/** A short rendering of the offending value; containers are named, not printed (they may be huge or deep). */
function show(value: unknown): string {
  if (Array.isArray(value)) return `a list of ${value.length} item(s)`;
  if (value !== null && typeof value === 'object') return 'an object';
  if (typeof value === 'number' || value === undefined) return String(value);
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}..."` : text;
}

function describe(error: ErrorObject, data: unknown): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `missing required property ${quoted(String(p['missingProperty']))}`;
    case 'additionalProperties':
      return `unknown property ${quoted(String(p['additionalProperty']))} (check its spelling against the schema)`;
    case 'enum':
      return `must be one of ${(p['allowedValues'] as unknown[]).map(show).join(', ')}; got ${show(data)}`;
    case 'const':
      return `must be ${show(p['allowedValue'])}; got ${show(data)}`;
    case 'type':
      return `must be of type ${String(p['type'])}; got ${show(data)}`;
    case 'pattern': {
      // A pattern means nothing to most readers: say what it stands for where the schema describes it.
      const described = (error.parentSchema as { description?: string } | undefined)?.description;
      return described ? `must be ${described.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase())}; got ${show(data)}` : `does not match the expected form ${String(p['pattern'])}; got ${show(data)}`;
    }
    case 'format':
      return `must be a valid ${String(p['format'])}${p['format'] === 'date' ? ' (YYYY-MM-DD)' : ''}; got ${show(data)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `must be ${String(p['comparison'])} ${String(p['limit'])}; got ${show(data)}`;
    case 'minLength':
      return `must not be empty`;
    case 'maxLength':
      return `must be at most ${String(p['limit'])} characters long`;
    case 'minItems':
      return `must have at least ${String(p['limit'])} item(s)`;
    case 'maxItems':
      return `must have at most ${String(p['limit'])} items`;
    case 'uniqueItems':
      return `must not repeat items (items ${String(p['j'])} and ${String(p['i'])} are equal)`;
    case 'oneOf':
      return `does not match any of the accepted forms`;
    default:
      return error.message ?? `fails the ${error.keyword} check`;
  }
}

function valueAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const segment of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

/** Drops errors that only restate another: the `if` wrapper of a conditional, the branches of a failed oneOf. */
function essential(errors: ErrorObject[]): ErrorObject[] {
  // A set and a walk up each pointer's ancestors: a ledger of junk yields millions of errors, and comparing
  // every error with every oneOf failure took minutes.
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  const underOneOf = (path: string): boolean => {
    for (let at = path; ; at = at.slice(0, at.lastIndexOf('/'))) {
      if (oneOfPaths.has(at)) return true;
      if (at === '') return false;
    }
  };
  return errors.filter((e) => e.keyword !== 'if' && (e.keyword === 'oneOf' || oneOfPaths.size === 0 || !underOneOf(e.instancePath)));
}

export function schemaErrors(errors: ErrorObject[] | null | undefined, data: unknown, locate: Locate): ValidationError[] {
  const seen = new Set<string>();
  const out: ValidationError[] = [];
  const kept = essential(errors ?? []);
  for (const [index, error] of kept.entries()) {
    const p = error.params as Record<string, unknown>;
    const pointer =
      error.keyword === 'required'
        ? error.instancePath + segmentsToPointer([String(p['missingProperty'])])
        : error.keyword === 'additionalProperties'
          ? error.instancePath + segmentsToPointer([String(p['additionalProperty'])])
          : error.instancePath;
    const message = describe(error, valueAt(data, error.instancePath));
    const key = `${pointer}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (out.length === MAX_REPORTED_PROBLEMS) {
      // ajv's errors may still repeat one another past this point: the count is an estimate.
      out.push(moreProblemsNote(kept.length - index, true));
      break;
    }
    out.push({ pointer: clippedPointer(pointer), ...locate(pointer), message, code: error.keyword });
  }
  return out;
}
