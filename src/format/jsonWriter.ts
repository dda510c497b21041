// JSON.stringify, written piece by piece: the JSON of a million-line ledger's result runs to hundreds of
// megabytes, and holding it as one string (beside the per-output table it was made from) took more than ten
// times the ledger in memory. The bytes are exactly the UTF-8 of JSON.stringify(value, null, indent); a table not
// yet read (see lazyTable.ts) is written row by row without being kept.
import { pendingRows } from '../lazyTable.js';

/** Pieces are encoded into chunks of about this many bytes, each handed to the writer whole. */
const CHUNK_BYTES = 1 << 21;

function isSkipped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/** A number or string as JSON.stringify writes it; undefined for anything else. */
function scalarJson(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return undefined;
}

/**
 * One row of a table, as JSON.stringify would write it at its place (`inner`: the newline and indentation before
 * it). A row of plain figures (the per-output table) is written in one piece; anything nested falls back to the
 * native JSON.stringify, re-indented (a JSON string holds no raw newline, so every newline in it is layout).
 */
function rowJson(row: unknown, inner: string, indent: string, colon: string, leads: Map<string, string>): string {
  if (row === null || typeof row !== 'object' || Array.isArray(row) || typeof (row as { toJSON?: unknown }).toJSON === 'function') {
    return indent ? JSON.stringify(row, null, indent).replaceAll('\n', inner) : JSON.stringify(row);
  }
  const fieldLead = inner + indent;
  let text = '';
  for (const key in row) {
    if (!Object.hasOwn(row, key)) continue;
    const value = (row as Record<string, unknown>)[key];
    if (isSkipped(value)) continue;
    let json = scalarJson(value);
    if (json === undefined) json = indent ? JSON.stringify(value, null, indent).replaceAll('\n', fieldLead) : JSON.stringify(value);
    // The rows of a table share their keys: each key's indentation, quotes and colon are made once.
    let lead = leads.get(key);
    if (lead === undefined) leads.set(key, (lead = `${fieldLead}${JSON.stringify(key)}${colon}`));
    text += (text === '' ? '{' : ',') + lead + json;
  }
  return text === '' ? '{}' : `${text}${inner}}`;
}

/**
 * Writes the JSON of `value` as UTF-8 chunks. Pieces are encoded straight into a chunk as they come: joining
 * them into strings first, then encoding those, cost a third of writing a million-line ledger's result. Each
 * chunk is a fresh buffer, so a writer may keep it (an asynchronous stream does).
 */
export function writeJson(value: unknown, write: (chunk: Uint8Array) => void, indent = ''): void {
  let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  const flush = () => {
    if (used === 0) return;
    write(chunk.subarray(0, used));
    chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    used = 0;
  };
  const put = (text: string) => {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair, 2 units, takes 4).
    if (used + text.length * 3 > CHUNK_BYTES) {
      flush();
      if (text.length * 3 > CHUNK_BYTES) return write(Buffer.from(text, 'utf8'));
    }
    used += chunk.write(text, used, 'utf8');
  };
  const [colon, newline] = indent ? [': ', '\n'] : [':', ''];

  /** The value JSON.stringify writes for `input` at `key`: what its toJSON answers, if it has one. */
  const resolved = (input: unknown, key: string): unknown => {
    const toJSON = (input as { toJSON?: unknown } | null)?.toJSON;
    return input !== null && typeof input === 'object' && typeof toJSON === 'function' ? toJSON.call(input, key) : input;
  };

  const emit = (node: unknown, depth: number, rows?: Iterable<unknown>): void => {
    if (node === null) put('null');
    else if (typeof node === 'string') put(JSON.stringify(node));
    else if (typeof node === 'number') put(Number.isFinite(node) ? String(node) : 'null');
    else if (typeof node === 'boolean') put(node ? 'true' : 'false');
    else if (typeof node === 'bigint') throw new TypeError('Do not know how to serialize a BigInt');
    else if (rows !== undefined || Array.isArray(node)) {
      const inner = newline + indent.repeat(depth + 1);
      const leads = new Map<string, string>();
      let index = 0;
      for (const element of rows ?? (node as unknown[])) {
        put(index === 0 ? `[${inner}` : `,${inner}`);
        const item = resolved(element, String(index));
        if (isSkipped(item)) put('null');
        // A table's rows are plain figures made for it (no table of their own inside): the native JSON.stringify
        // writes each at once, indented to its place (a JSON string holds no raw newline, so every one is layout).
        // A million rows written token by token cost more than the books themselves.
        else if (rows !== undefined) put(rowJson(item, inner, indent, colon, leads));
        else emit(item, depth + 1);
        index++;
      }
      put(index === 0 ? '[]' : `${newline}${indent.repeat(depth)}]`);
    } else {
      const holder = node as Record<string, unknown>;
      const inner = newline + indent.repeat(depth + 1);
      let written = 0;
      for (const name of Object.keys(holder)) {
        const lazy = pendingRows(holder, name);
        const member = lazy === undefined ? resolved(holder[name], name) : undefined;
        if (lazy === undefined && isSkipped(member)) continue;
        put(`${written === 0 ? '{' : ','}${inner}${JSON.stringify(name)}${colon}`);
        emit(member, depth + 1, lazy);
        written++;
      }
      put(written === 0 ? '{}' : `${newline}${indent.repeat(depth)}}`);
    }
  };

  const root = resolved(value, '');
  if (!isSkipped(root)) emit(root, 0);
  flush();
}
