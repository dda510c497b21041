// The query parameters of each route, checked strictly: a misspelt parameter is an error, not silently ignored.
import { today } from '../check.js';
import type { PageSize } from '../report/pdf.js';
import { quoted } from '../quoting.js';
import { INCLUDES, type Include } from './checkView.js';
import { HttpError } from './errors.js';

export interface CheckQuery {
  asOf: string;
  /** Bundled ruleset ids, `id` or `id@version`; undefined: every ruleset in force on asOf. */
  rulesets: string[] | undefined;
  /** The opt-in parts of the answer (POST /v1/check only); undefined: the result alone. */
  include?: Include[];
}

/** What POST /v1/check answers with: the CheckResult (json) or a SARIF 2.1.0 log of it (sarif). */
export const CHECK_FORMATS = ['json', 'sarif'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export interface CheckRouteQuery extends CheckQuery {
  format: CheckFormat;
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

/** `include` may repeat or list several values separated by commas, like `ruleset`. */
function includeOf(raw: RawQuery): Include[] | undefined {
  const values = raw['include']?.flatMap((v) => v.split(',')).map((s) => s.trim()).filter((s) => s !== '');
  if (!values || values.length === 0) return undefined;
  for (const value of values) {
    if (!(INCLUDES as readonly string[]).includes(value)) throw badQuery(`include must list some of ${INCLUDES.join(', ')} (separated by commas); got ${quoted(value)}`);
  }
  return [...new Set(values as Include[])];
}

export function parseCheckQuery(query: unknown, knownIds: readonly string[]): CheckRouteQuery {
  const raw = readQuery(query, ['ruleset', 'asOf', 'include', 'format']);
  const include = includeOf(raw);
  return { asOf: asOfOf(raw), rulesets: rulesetsOf(raw, knownIds), ...(include ? { include } : {}), format: oneOf(raw, 'format', CHECK_FORMATS, 'json') };
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

/** The authoring routes that take nothing but their body. */
export function parseNoQuery(query: unknown): void {
  readQuery(query, []);
}

/** POST /v1/rulesets/diff: the bundled ruleset to compare the one sent with, and the date the examples are judged on. */
export function parseDiffQuery(query: unknown, knownIds: readonly string[]): { asOf: string; against: string } {
  const raw = readQuery(query, ['against', 'asOf']);
  const against = single(raw, 'against');
  if (against === undefined || against.trim() === '') throw badQuery('against is missing: name the bundled ruleset to compare with, as id@version such as integrity@1.1.0, or id for the newest in force (GET /v1/rulesets lists them)');
  const specs = rulesetsOf({ ruleset: [against] }, knownIds) ?? [];
  if (specs.length !== 1) throw badQuery(`against names ${specs.length} rulesets; name one, as id@version such as integrity@1.1.0`);
  return { asOf: asOfOf(raw), against: specs[0]! };
}
