// Parses YAML or JSON text into data, keeping a way back from a JSON pointer to a line and column.
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Document, type Node } from 'yaml';
import { firstDuplicateKey, membersInData, membersInText } from './jsonDuplicates.js';
import { declarationFormatOf } from './formats.js';
import { jsonLocator } from './jsonLocate.js';
import type { DeclarationSource } from './source.js';
import { MAX_REPORTED_PROBLEMS, moreProblemsNote, pointerToSegments, type Locate, type Position, type ValidationError } from './problems.js';

export type ParseOutcome =
  | { ok: true; data: unknown; locate: Locate }
  | { ok: false; errors: ValidationError[] };

/** YAML aliases beyond this count are refused: the classic "billion laughs" expands through them. */
const MAX_ALIASES = 100;

const yamlOptions = { uniqueKeys: true, maxAliasCount: MAX_ALIASES, prettyErrors: false, strict: true } as const;

export function parseDeclarationText(source: DeclarationSource): ParseOutcome {
  return declarationFormatOf(source.name, () => source.text) === 'json' ? parseJson(source) : parseYaml(source);
}

function parseJson(source: DeclarationSource): ParseOutcome {
  try {
    const data: unknown = source.parsed ? source.parsed.data : JSON.parse(source.text);
    // The streamed parser counted the members as it read, and hands over only data whose counts agree.
    if (!source.parsed && membersInText(source.text) !== membersInData(data)) {
      const duplicate = duplicateKeyError(source.text);
      if (duplicate) return { ok: false, errors: [duplicate] };
    }
    // Positions are needed only when something is wrong, so the locator indexes the text on its first use.
    let locate: Locate | undefined;
    return { ok: true, data, locate: (pointer) => (locate ??= jsonLocator(source.text))(pointer) };
  } catch (error) {
    const message = (error as Error).message;
    const at = /at position (\d+)/.exec(message);
    const position = at ? offsetToPosition(source.text, Number(at[1])) : { line: 0, column: 0 };
    return { ok: false, errors: [{ pointer: '', ...position, code: 'syntax', message: `not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}` }] };
  }
}

function duplicateKeyError(text: string): ValidationError | undefined {
  const found = firstDuplicateKey(text);
  if (!found) return undefined;
  const first = offsetToPosition(text, found.firstAt);
  const key = found.key.length > 80 ? `${found.key.slice(0, 80)}…` : found.key;
  return {
    pointer: found.objectPointer,
    ...offsetToPosition(text, found.againAt),
    code: 'duplicate-key',
    message: `the key "${key}" appears twice in this object (first at line ${first.line}); JSON would keep only the last value, so write each key once`,
  };
}

/**
 * YAML keeps a syntax tree of every node, which for a year of ledger lines costs many times the file in memory
 * and seconds per megabyte: above this size, ask for JSON, which is parsed natively.
 */
export const MAX_YAML_CHARS = 64 * 1024 * 1024;

function parseYaml(source: DeclarationSource): ParseOutcome {
  if (source.text.length > MAX_YAML_CHARS) {
    return { ok: false, errors: [{ pointer: '', line: 0, column: 0, code: 'too-large', message: `a YAML declaration is limited to ${MAX_YAML_CHARS / 1024 / 1024} MiB (this one has ${(source.text.length / 1024 / 1024).toFixed(1)} MiB of text); write large ledgers as JSON` }] };
  }
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(source.text, { ...yamlOptions, lineCounter });
  } catch (error) {
    return { ok: false, errors: [fatal(error)] };
  }
  if (doc.errors.length > 0) {
    const listed = doc.errors.slice(0, MAX_REPORTED_PROBLEMS);
    const more = doc.errors.length - listed.length;
    return {
      ok: false,
      errors: [...listed.map((e) => ({
        pointer: '',
        line: lineCounter.linePos(e.pos[0]).line,
        column: lineCounter.linePos(e.pos[0]).col,
        code: 'syntax',
        message: /call stack/i.test(e.message) ? NESTED_TOO_DEEPLY : `not valid YAML: ${e.message.split('\n')[0]}`,
      })), ...(more > 0 ? [moreProblemsNote(more)] : [])],
    };
  }
  try {
    const data: unknown = doc.toJS({ maxAliasCount: MAX_ALIASES });
    return { ok: true, data, locate: locatorFor(doc, lineCounter) };
  } catch (error) {
    return { ok: false, errors: [fatal(error)] };
  }
}

const NESTED_TOO_DEEPLY = 'the document is nested too deeply to read; a declaration needs only a few levels';

function fatal(error: unknown): ValidationError {
  const text = String((error as Error).message);
  const unresolved = /^Unresolved alias[^:]*: (.*)$/.exec(text);
  const message = error instanceof RangeError || /call stack/i.test(text)
    ? NESTED_TOO_DEEPLY
    : unresolved
      ? `the alias *${unresolved[1]} names no anchor: define &${unresolved[1]} before it, or write the value out`
      : /alias count/i.test(text)
        ? `the document expands through more than ${MAX_ALIASES} YAML aliases; write the values out instead`
        : `cannot read the document: ${text}`;
  return { pointer: '', line: 0, column: 0, code: 'syntax', message };
}

function offsetToPosition(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Finds the source position of a pointer: the value itself when it exists, else the deepest existing
 * ancestor's key (where a missing property belongs).
 */
function locatorFor(doc: Document, lineCounter: LineCounter): Locate {
  const at = (offset: number | undefined): Position => {
    if (offset === undefined) return { line: 0, column: 0 };
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return (pointer) => {
    let node: Node | null | undefined = doc.contents as Node | null;
    let position = at(node?.range?.[0]);
    for (const segment of pointerToSegments(pointer)) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === segment);
        if (!pair) return position;
        const key = pair.key as Node | null;
        node = pair.value as Node | null;
        position = at(node?.range?.[0] ?? key?.range?.[0]);
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)] as Node | undefined;
        if (!/^\d+$/.test(segment) || !item) return position;
        node = item;
        position = at(item.range?.[0]);
      } else {
        return position;
      }
    }
    return position;
  };
}
