// From a JSON pointer back to a line and column in JSON text that JSON.parse has already accepted. It scans the
// text itself: reading it again as YAML (as YAML text is read) costs many times the file in memory, and a
// 100 MB ledger with one wrong quantity ran out of memory finding that line.
import type { Locate, Position } from './problems.js';
import { pointerToSegments } from './problems.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

function isSpace(code: number): boolean {
  return code === 0x20 || code === NEWLINE || code === 0x0d || code === 0x09;
}

/** Where the children of one object or array start: members by key (the last of duplicates, as JSON.parse keeps), elements by index. */
type Children = Map<string, number> | number[];

export function jsonLocator(text: string): Locate {
  // Both indexes are built on the first error, once: a long ledger array is scanned once for all its errors.
  const children = new Map<number, Children>();
  let lineStarts: Uint32Array | undefined;

  const skipSpace = (at: number): number => {
    while (at < text.length && isSpace(text.charCodeAt(at))) at++;
    return at;
  };

  /** The offset just after the string that opens at `at`. */
  const endOfString = (at: number): number => {
    for (let i = at + 1; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) return i + 1;
    }
    return text.length;
  };

  /** The offset just after the value that starts at `at` (the text is valid JSON). */
  const endOfValue = (at: number): number => {
    const first = text.charCodeAt(at);
    if (first === QUOTE) return endOfString(at);
    if (first !== 0x7b && first !== 0x5b) {
      let i = at;
      while (i < text.length && !isSpace(text.charCodeAt(i)) && !',]}'.includes(text[i]!)) i++;
      return i;
    }
    let depth = 0;
    for (let i = at; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === QUOTE) i = endOfString(i) - 1;
      else if (code === 0x7b || code === 0x5b) depth++;
      else if ((code === 0x7d || code === 0x5d) && --depth === 0) return i + 1;
    }
    return text.length;
  };

  const childrenOf = (at: number): Children | undefined => {
    const known = children.get(at);
    if (known) return known;
    const open = text.charCodeAt(at);
    if (open !== 0x7b && open !== 0x5b) return undefined;
    const found: Children = open === 0x7b ? new Map() : [];
    let i = skipSpace(at + 1);
    while (i < text.length && text.charCodeAt(i) !== 0x7d && text.charCodeAt(i) !== 0x5d) {
      if (found instanceof Map) {
        const keyEnd = endOfString(i);
        const key = JSON.parse(text.slice(i, keyEnd)) as string;
        i = skipSpace(skipSpace(keyEnd) + 1);
        found.set(key, i);
      } else {
        found.push(i);
      }
      i = skipSpace(endOfValue(i));
      if (text.charCodeAt(i) === 0x2c) i = skipSpace(i + 1);
    }
    children.set(at, found);
    return found;
  };

  const position = (offset: number): Position => {
    if (!lineStarts) {
      const starts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      lineStarts = Uint32Array.from(starts);
    }
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low]! + 1 };
  };

  return (pointer) => {
    let at = skipSpace(text.charCodeAt(0) === 0xfeff ? 1 : 0);
    if (at >= text.length) return { line: 0, column: 0 };
    for (const segment of pointerToSegments(pointer)) {
      const inside = childrenOf(at);
      const next = inside instanceof Map ? inside.get(segment) : inside && /^\d+$/.test(segment) ? inside[Number(segment)] : undefined;
      // A missing value belongs to its deepest existing ancestor.
      if (next === undefined) break;
      at = next;
    }
    return position(at);
  };
}
