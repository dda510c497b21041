// The query parameters of each route, checked strictly: a misspelt parameter is an error, not silently ignored.
import { today } from '../check.js';
import type { PageSize } from '../report/pdf.js';
import { quoted } from '../quoting.js';
import { HttpError } from './errors.js';

export interface CheckQuery {
  asOf: string;
  /** Bundled ruleset ids, `id` or `id@version`; undefined: every ruleset in force on asOf. */
  rulesets: string[] | undefined;
}

export interface ReportQuery extends CheckQuery {
  format: 'pdf' | 'html';
  pageSize: PageSize;
}

type RawQuery = Record<string, string[]>;

function badQuery(message: string): HttpError {
  return new HttpError(400, 'bad-query', message);
}

function readQuery(query: unknown, allowed: readonly string[]): RawQuery {
  const raw: RawQuery = {};
  for (const [key, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (!allowed.includes(key)) {
      throw badQuery(`unknown query parameter "${key}"; ${allowed.length ? `this route takes ${allowed.join(', ')}` : 'this route takes none'}`);
    }
    raw[key] = (Array.isArray(value) ? value : [value]).map(String);
  }
  return raw;
}

function single(raw: RawQuery, key: string): string | undefined {
  const values = raw[key];
  if (values && values.length > 1) throw badQuery(`${key} is given ${values.length} times; give it once`);
  return values?.[0];
}

function oneOf<T extends string>(raw: RawQuery, key: string, choices: readonly T[], fallback: T): T {
  const value = single(raw, key);
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) throw badQuery(`${key} must be one of ${choices.join(', ')}; got "${value}"`);
  return value as T;
}

function asOfOf(raw: RawQuery): string {
  const value = single(raw, 'asOf');
  if (value === undefined) return today();
  // Date.parse accepts 2026-02-31 (it rolls over), so the date must also survive a round trip.
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
  if (!valid) throw badQuery(`asOf must be a date YYYY-MM-DD; got "${value}"`);
  return value;
}

const RULESET_SPEC = /^[a-z0-9][a-z0-9-]{0,62}(@(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*))?$/;

/**
 * Only the server's bundled rulesets, by id or id@version: a path would let a client make the server read its
 * own files. `ruleset` may repeat, or list several ids separated by commas.
 */
function rulesetsOf(raw: RawQuery, knownIds: readonly string[]): string[] | undefined {
  const specs = raw['ruleset']?.flatMap((v) => v.split(',')).map((s) => s.trim()).filter((s) => s !== '');
  if (!specs || specs.length === 0) return undefined;
  for (const spec of specs) {
    if (/[/\\]|\.json$/i.test(spec)) {
      throw badQuery(`ruleset "${spec}" looks like a path; this server evaluates only its bundled rulesets, by id or id@version (see GET /v1/rulesets)`);
    }
    if (!RULESET_SPEC.test(spec)) throw badQuery(`ruleset "${spec}" is not an id or id@version such as iso-22095-2 or eudr@1.0.0`);
    const id = spec.split('@')[0]!;
    if (!knownIds.includes(id)) throw new HttpError(400, 'unknown-ruleset', `unknown ruleset ${quoted(id)}; available: ${knownIds.join(', ')}`);
  }
  return specs;
}

export function parseCheckQuery(query: unknown, knownIds: readonly string[]): CheckQuery {
  const raw = readQuery(query, ['ruleset', 'asOf']);
  return { asOf: asOfOf(raw), rulesets: rulesetsOf(raw, knownIds) };
}

export function parseReportQuery(query: unknown, knownIds: readonly string[]): ReportQuery {
  const raw = readQuery(query, ['ruleset', 'asOf', 'format', 'pageSize']);
  return {
    asOf: asOfOf(raw),
    rulesets: rulesetsOf(raw, knownIds),
    format: oneOf(raw, 'format', ['pdf', 'html'] as const, 'pdf'),
    pageSize: oneOf(raw, 'pageSize', ['a4', 'letter'] as const, 'a4'),
  };
}

export function parseRulesetsQuery(query: unknown): { asOf: string } {
  return { asOf: asOfOf(readQuery(query, ['asOf'])) };
}
