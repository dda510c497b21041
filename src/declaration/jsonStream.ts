// Parses a large JSON declaration as its bytes arrive, without ever holding the whole text: the ledger's lines
// (ledger.inputs and ledger.outputs, nearly all of a large file) are parsed chunk by chunk, as many complete
// lines at a time as each chunk holds, and the rest of the document is kept as text and parsed at the end.
// Holding the text beside the parsed ledger cost as much memory again as the file; this way a million-line
// ledger costs its parsed lines and a chunk.
//
// The result is exactly JSON.parse's. Anything this reader does not reproduce with certainty (a syntax error,
// invalid UTF-8, a duplicate key anywhere, whose last value JSON.parse would keep) makes
// end() return undefined: the caller then parses the whole text as usual, which also words the error.

import { membersInData } from './jsonDuplicates.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

const LEDGER_ARRAYS = new Set(['inputs', 'outputs']);
/** Keys longer than this are none of "ledger", "inputs" or "outputs", even escaped: not worth keeping. */
const LONGEST_KEY_BYTES = 64;

function joined(pieces: Uint8Array[]): Uint8Array {
  return pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces);
}

/** A copy, so that what is kept does not hold on to the whole chunk. */
function copy(chunk: Uint8Array, from: number, to: number): Uint8Array {
  return new Uint8Array(chunk.subarray(from, to));
}

/** The index of the quote that ends the string being read from `from`, or -1 when it ends in a later chunk. */
function closingQuote(chunk: Uint8Array, from: number): number {
  for (let at = chunk.indexOf(QUOTE, from); at >= 0; at = chunk.indexOf(QUOTE, at + 1)) {
    let backslashes = 0;
    while (at - backslashes - 1 >= from && chunk[at - backslashes - 1] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
  return -1;
}

/** Whether the chunk ends inside a string with a backslash whose escaped byte is in the next chunk. */
function endsEscaped(chunk: Uint8Array, from: number): boolean {
  let backslashes = 0;
  while (chunk.length - backslashes - 1 >= from && chunk[chunk.length - backslashes - 1] === BACKSLASH) backslashes++;
  return backslashes % 2 === 1;
}

function blank(pieces: Uint8Array[]): boolean {
  return pieces.every((piece) => piece.every(isSpace));
}

export class StreamedJsonParser {
  // Where the scan is: inside a string (and just after a backslash), and how deep in objects and arrays.
  private inString = false;
  private escaped = false;
  private depth = 0;
  /** true for an object, false for an array, for the containers at depths 1 and 2 (the only ones that matter). */
  private readonly isObject: boolean[] = [];
  private expectingKey = false;
  private key: number[] | undefined;
  private rootKey: string | undefined;
  private ledgerKey: string | undefined;
  private inLedger = false;
  private readonly seen = new Set<string>();
  private unsure = false;
  /** Colons outside strings: one per member, to be matched against the keys parsed (a duplicate makes fewer). */
  private colons = 0;

  /** The ledger array being read, its lines so far, and the bytes after the last line boundary read. */
  private lineArray: string | undefined;
  private readonly lines = new Map<string, unknown[]>();
  private pending: Uint8Array[] = [];
  /** The last boundary was a comma, so another line must follow before the array closes. */
  private lineDue = false;
  private readonly head: Uint8Array[] = [];
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

  push(chunk: Uint8Array): void {
    if (this.unsure) return;
    // Bytes outside the ledger arrays go to the head; inside one, everything up to the last comma between two
    // lines is parsed at the end of the chunk, and the rest waits for the next chunk.
    let headFrom = this.lineArray === undefined ? 0 : -1;
    let linesFrom = this.lineArray === undefined ? -1 : 0;
    let lastComma = -1;
    let i = 0;
    if (this.inString && this.escaped) {
      this.escaped = false;
      if (this.key) this.key.push(chunk[0]!);
      i = 1;
    }
    for (; i < chunk.length && !this.unsure; i++) {
      if (this.inString) {
        if (this.key) {
          this.keyByte(chunk[i]!);
          continue;
        }
        if (this.escaped) {
          this.escaped = false;
          continue;
        }
        // Most bytes are inside strings: jump to the next quote that no backslash escapes.
        const close = closingQuote(chunk, i);
        if (close < 0) {
          this.escaped = endsEscaped(chunk, i);
          break;
        }
        this.inString = false;
        i = close;
        continue;
      }
      const c = chunk[i]!;
      switch (c) {
        case QUOTE:
          this.inString = true;
          if (this.expectingKey) {
            this.expectingKey = false;
            if (this.depth === 1) this.keyStarts('root');
            else if (this.depth === 2 && this.inLedger) this.keyStarts('ledger');
          }
          break;
        case OPEN_OBJECT:
        case OPEN_ARRAY:
          this.depth++;
          if (this.depth <= 2) this.isObject[this.depth] = c === OPEN_OBJECT;
          this.expectingKey = c === OPEN_OBJECT;
          if (this.depth === 2) {
            this.inLedger = c === OPEN_OBJECT && this.rootKey === 'ledger';
            this.ledgerKey = undefined;
          }
          if (this.depth === 3 && c === OPEN_ARRAY && this.inLedger && this.ledgerKey !== undefined && LEDGER_ARRAYS.has(this.ledgerKey)) {
            this.lineArray = this.ledgerKey;
            this.lines.set(this.lineArray, []);
            this.lineDue = false;
            this.head.push(copy(chunk, headFrom, i + 1));
            headFrom = -1;
            linesFrom = i + 1;
            lastComma = -1;
          }
          break;
        case CLOSE_OBJECT:
        case CLOSE_ARRAY:
          if (this.depth === 3 && this.lineArray !== undefined) {
            this.readLines(chunk.subarray(linesFrom, i), true);
            this.lineArray = undefined;
            headFrom = i;
            linesFrom = -1;
          }
          if (this.depth === 2) this.inLedger = false;
          this.depth--;
          if (this.depth < 0) this.unsure = true;
          this.expectingKey = false;
          break;
        case COMMA:
          if (this.depth === 3 && this.lineArray !== undefined) lastComma = i;
          this.expectingKey = this.depth <= 2 && this.isObject[this.depth] === true;
          break;
        case COLON:
          this.colons++;
          this.expectingKey = false;
          break;
      }
    }
    if (this.unsure) return;
    if (headFrom >= 0) this.head.push(copy(chunk, headFrom, chunk.length));
    if (linesFrom >= 0) {
      if (lastComma >= 0) {
        this.readLines(chunk.subarray(linesFrom, lastComma), false);
        linesFrom = lastComma + 1;
      }
      this.pending.push(copy(chunk, linesFrom, chunk.length));
    }
  }

  /** The parsed document, or undefined when it must be parsed whole (see the top of this file). */
  end(): unknown {
    if (this.unsure || this.inString || this.depth !== 0 || this.lineArray !== undefined) return undefined;
    try {
      const data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(joined(this.head))) as { ledger?: Record<string, unknown> };
      for (const [name, lines] of this.lines) {
        // The head holds each streamed array emptied: "inputs": [].
        if (!Array.isArray(data.ledger?.[name]) || (data.ledger[name] as unknown[]).length !== 0) return undefined;
        data.ledger[name] = lines;
      }
      // A repeated key anywhere: parsed whole, the error names it at its line.
      if (membersInData(data) !== this.colons) return undefined;
      return data;
    } catch {
      return undefined;
    }
  }

  /**
   * Parses the lines waiting plus `last`, which ends at a comma between two lines (closing: false) or at the
   * array's closing bracket. A comma must have a line on each side, as JSON.parse would insist.
   */
  private readLines(last: Uint8Array, closing: boolean): void {
    const pieces = [...this.pending, last];
    this.pending = [];
    if (blank(pieces)) {
      if (!closing || this.lineDue) this.unsure = true;
      return;
    }
    this.lineDue = !closing;
    try {
      const parsed = JSON.parse(`[${this.decoder.decode(joined(pieces))}]`) as unknown[];
      const lines = this.lines.get(this.lineArray!)!;
      for (const line of parsed) lines.push(line);
    } catch {
      this.unsure = true;
    }
  }

  private keyStarts(level: 'root' | 'ledger'): void {
    this.key = [];
    // Until this key is read in full, no earlier key may stand for the value that follows it.
    if (level === 'root') this.rootKey = undefined;
    else this.ledgerKey = undefined;
  }

  private keyByte(c: number): void {
    if (this.escaped) this.escaped = false;
    else if (c === BACKSLASH) this.escaped = true;
    else if (c === QUOTE) {
      this.inString = false;
      this.keyRead();
      return;
    }
    if (this.key!.push(c) > LONGEST_KEY_BYTES) this.key = undefined;
  }

  private keyRead(): void {
    let name: string;
    try {
      name = JSON.parse(`"${this.decoder.decode(Uint8Array.from(this.key!))}"`) as string;
    } catch {
      this.unsure = true;
      return;
    }
    this.key = undefined;
    if (this.depth === 1) this.rootKey = name;
    else this.ledgerKey = name;
    const where = this.depth === 1 ? name : `ledger.${name}`;
    if (where === 'ledger' || (this.depth === 2 && LEDGER_ARRAYS.has(name))) {
      if (this.seen.has(where)) this.unsure = true;
      this.seen.add(where);
    }
  }
}
