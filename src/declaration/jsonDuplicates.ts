// JSON.parse keeps the last of two equal keys without a word: `"quantity": 99999, "quantity": 1200` would be
// judged as 1200, while the same object in YAML is refused. A duplicate is found cheaply by counting: the text
// has one colon outside strings per member, the parsed data one key per member, and only when the counts differ
// is the text scanned again to name the duplicate and its place.

const QUOTE = 34;
const BACKSLASH = 92;

/** The index of the quote that closes the string opened at `open`, or -1. */
function closingQuote(text: string, open: number): number {
  for (let at = text.indexOf('"', open + 1); at >= 0; at = text.indexOf('"', at + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(at - backslashes - 1) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
  return -1;
}

/** Members in JSON text that JSON.parse accepted: its colons outside strings. */
export function membersInText(text: string): number {
  let count = 0;
  let from = 0;
  for (;;) {
    const open = text.indexOf('"', from);
    const end = open < 0 ? text.length : open;
    for (let colon = text.indexOf(':', from); colon >= 0 && colon < end; colon = text.indexOf(':', colon + 1)) count++;
    if (open < 0) return count;
    const close = closingQuote(text, open);
    if (close < 0) return count;
    from = close + 1;
  }
}

/** Keys of every object in parsed JSON (walked without recursion: JSON.parse accepts deeper nesting than the stack). */
export function membersInData(data: unknown): number {
  let count = 0;
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (item !== null && typeof item === 'object') stack.push(item);
    } else {
      const record = value as Record<string, unknown>;
      for (const key in record) {
        count++;
        const item = record[key];
        if (item !== null && typeof item === 'object') stack.push(item);
      }
    }
  }
  return count;
}

export interface DuplicateKey {
  /** JSON pointer of the object that holds the key twice. */
  objectPointer: string;
  key: string;
  /** Offsets in the text of the first and the repeated key. */
  firstAt: number;
  againAt: number;
}

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

interface Frame {
  pointer: string;
  keys?: Map<string, number>;
  index: number;
}

/** The first repeated key in valid JSON text, scanned with an explicit stack. */
export function firstDuplicateKey(text: string): DuplicateKey | undefined {
  const stack: Frame[] = [];
  let pendingKey: string | undefined;
  const childPointer = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    if (top.keys) return `${top.pointer}/${escapeSegment(pendingKey ?? '')}`;
    return `${top.pointer}/${top.index}`;
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const close = closingQuote(text, i);
      if (close < 0) return undefined;
      const top = stack[stack.length - 1];
      // A string directly inside an object, where a key is due, is a key: the next non-space byte is a colon.
      let after = close + 1;
      while (after < text.length && /\s/.test(text[after]!)) after++;
      if (top?.keys && text[after] === ':') {
        const key = JSON.parse(text.slice(i, close + 1)) as string;
        const first = top.keys.get(key);
        if (first !== undefined) return { objectPointer: top.pointer, key, firstAt: first, againAt: i };
        top.keys.set(key, i);
        pendingKey = key;
      }
      i = close;
    } else if (code === 123 || code === 91) {
      const pointer = childPointer();
      stack.push(code === 123 ? { pointer, keys: new Map(), index: 0 } : { pointer, index: 0 });
    } else if (code === 125 || code === 93) {
      stack.pop();
    } else if (code === 44) {
      const top = stack[stack.length - 1];
      if (top && !top.keys) top.index++;
    }
  }
  return undefined;
}
