// JSON.stringify, written piece by piece: the JSON of a million-line ledger's result runs to hundreds of
// megabytes, and holding it as one string (beside the per-output table it was made from) took more than ten
// times the ledger in memory. The bytes are exactly JSON.stringify(value, null, indent)'s; a table not yet read
// (see lazyTable.ts) is written row by row without being kept.
import { pendingRows } from '../lazyTable.js';

/** Pieces are gathered up to about this many characters before each write. */
const FLUSH_AT = 1 << 20;

function isSkipped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

export function writeJson(value: unknown, write: (text: string) => void, indent = ''): void {
  let pending: string[] = [];
  let size = 0;
  const put = (text: string) => {
    pending.push(text);
    size += text.length;
    if (size >= FLUSH_AT) flush();
  };
  const flush = () => {
    if (pending.length > 0) write(pending.join(''));
    pending = [];
    size = 0;
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
      let index = 0;
      for (const element of rows ?? (node as unknown[])) {
        put(index === 0 ? `[${inner}` : `,${inner}`);
        const item = resolved(element, String(index));
        if (isSkipped(item)) put('null');
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
