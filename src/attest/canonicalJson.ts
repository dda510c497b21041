// RFC 8785 (JSON Canonicalization Scheme): one byte sequence for one JSON value, whatever spacing or member order
// it was written with, so that a signature over it survives being read and written again by any JSON tool.
import { MbcheckError } from '../errors.js';

/**
 * The canonical form of a JSON value: members sorted by the UTF-16 code units of their names, no whitespace,
 * numbers as ECMAScript writes them (RFC 8785 section 3.2.2.3 adopts that algorithm), strings escaped as
 * JSON.stringify escapes them. Values JSON cannot carry exactly (NaN, Infinity, undefined, lone surrogates) are
 * refused rather than written in some lossy way.
 */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  write(value, parts, '');
  return parts.join('');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function write(value: unknown, parts: string[], at: string): void {
  if (value === null || typeof value === 'boolean') {
    parts.push(String(value));
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw notJson(at, `the number ${value}`);
    // JSON.stringify(-0) is "0", as RFC 8785 requires.
    parts.push(JSON.stringify(value));
  } else if (typeof value === 'string') {
    parts.push(stringOf(value, at));
  } else if (Array.isArray(value)) {
    parts.push('[');
    value.forEach((item, index) => {
      if (index > 0) parts.push(',');
      write(item, parts, `${at}/${index}`);
    });
    parts.push(']');
  } else if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    // Array.prototype.sort compares strings by UTF-16 code units, the order RFC 8785 section 3.2.3 prescribes.
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    parts.push('{');
    entries.forEach(([key, item], index) => {
      if (index > 0) parts.push(',');
      parts.push(stringOf(key, at), ':');
      write(item, parts, `${at}/${key}`);
    });
    parts.push('}');
  } else {
    throw notJson(at, `a value of type ${typeof value}`);
  }
}

function stringOf(text: string, at: string): string {
  if (LONE_SURROGATE.test(text)) throw notJson(at, 'a string with a lone surrogate');
  return JSON.stringify(text);
}

function notJson(at: string, what: string): MbcheckError {
  return new MbcheckError('not-canonical-json', `cannot write ${what} at ${at || '/'} as canonical JSON (RFC 8785)`);
}
