// Completion in the declaration editor from declaration.schema.json (served by this service): the property names
// and enum values allowed at the cursor's path, in YAML and in JSON, each property with its description as info.
import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import { syntaxTree } from '@codemirror/language';
import type { EditorState } from '@codemirror/state';
import { mediaTypeOf } from './api.js';

/** The part of JSON Schema the declaration schema uses that says what may be written where. */
interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  then?: Schema;
  else?: Schema;
  enum?: unknown[];
  const?: unknown;
  description?: string;
  title?: string;
  $defs?: Record<string, Schema>;
}

/** An array's item, as a path segment; any other segment is a property name. */
export const ITEM = Symbol('item');
export type Segment = string | typeof ITEM;

/** Where the cursor is: a property name being written in the mapping at `path`, or the value at `path`. */
export interface CursorPlace {
  kind: 'key' | 'value';
  path: Segment[];
  /** Where the text the completion replaces begins and ends. */
  from: number;
  to: number;
  /** The text already typed there. */
  typed: string;
  /** For a key: the keys already written in the same mapping, besides the one at the cursor. */
  present?: string[];
}

const MAX_DEPTH = 12;

export class SchemaIndex {
  constructor(private readonly root: Schema) {}

  private resolve(node: Schema, depth = 0): Schema {
    if (!node.$ref || depth > MAX_DEPTH) return node;
    const target = node.$ref.startsWith('#/') ? node.$ref.slice(2).split('/').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], this.root) : undefined;
    return target && typeof target === 'object' ? this.resolve(target as Schema, depth + 1) : node;
  }

  /** The schema and every branch it may take (allOf, oneOf, anyOf, if/then/else), resolved. */
  private branches(node: Schema, depth = 0): Schema[] {
    const resolved = this.resolve(node);
    if (depth > MAX_DEPTH) return [resolved];
    const nested = [...(resolved.allOf ?? []), ...(resolved.oneOf ?? []), ...(resolved.anyOf ?? []), ...(resolved.then ? [resolved.then] : []), ...(resolved.else ? [resolved.else] : [])];
    return [resolved, ...nested.flatMap((n) => this.branches(n, depth + 1))];
  }

  /** The schemas a path may reach; none when the schema knows nothing of it. */
  at(path: readonly Segment[]): Schema[] {
    let nodes: Schema[] = [this.root];
    for (const segment of path) {
      nodes = nodes.flatMap((node) => this.branches(node)).flatMap((node) => {
        if (segment === ITEM) return node.items ? [node.items] : [];
        const property = node.properties?.[segment];
        return property ? [property] : [];
      });
      if (nodes.length === 0) return [];
    }
    return nodes;
  }

  /** The properties of a mapping at this path, each with its description. */
  properties(path: readonly Segment[]): Array<{ name: string; description: string | undefined; required: boolean; object: boolean }> {
    const found = new Map<string, { name: string; description: string | undefined; required: boolean; object: boolean }>();
    for (const branch of this.at(path).flatMap((node) => this.branches(node))) {
      for (const [name, property] of Object.entries(branch.properties ?? {})) {
        const resolved = this.branches(property);
        const description = property.description ?? resolved.map((r) => r.description ?? r.title).find(Boolean);
        const object = resolved.some((r) => r.type === 'object' || r.properties !== undefined || r.type === 'array' || r.items !== undefined);
        const before = found.get(name);
        found.set(name, { name, description: before?.description ?? description, required: (before?.required ?? false) || (branch.required ?? []).includes(name), object: (before?.object ?? false) || object });
      }
    }
    return [...found.values()];
  }

  /** The values the schema allows at this path: its enums and consts, and true and false for a boolean. */
  values(path: readonly Segment[]): Array<{ value: string | number | boolean; description: string | undefined }> {
    const found = new Map<string, { value: string | number | boolean; description: string | undefined }>();
    for (const branch of this.at(path).flatMap((node) => this.branches(node))) {
      const listed = [...(branch.enum ?? []), ...('const' in branch ? [branch.const] : [])];
      if (branch.type === 'boolean') listed.push(true, false);
      for (const value of listed) {
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') found.set(JSON.stringify(value), { value, description: found.get(JSON.stringify(value))?.description ?? branch.description });
      }
    }
    return [...found.values()];
  }
}

const unquote = (key: string) => (/^(["']).*\1$/.test(key) ? key.slice(1, -1) : key);

/** A block line: its indentation, the columns of its `- ` item markers, and the key and value after them. */
function blockLine(text: string): { itemColumns: number[]; keyColumn: number; key: string | undefined; value: string; rest: string } {
  const [, indent = '', dashes = '', rest = ''] = /^( *)((?:- +)*)(.*)$/.exec(text) ?? [];
  const itemColumns: number[] = [];
  let column = indent.length;
  for (const dash of dashes.match(/- +/g) ?? []) {
    itemColumns.push(column);
    column += dash.length;
  }
  const pair = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^\s"'{[#-][^#]*?|-[^\s#][^#]*?)\s*:(?:\s+|$)(.*)$/.exec(rest);
  return { itemColumns, keyColumn: column, key: pair ? unquote(pair[1]!.trim()) : undefined, value: pair ? pair[2]! : '', rest };
}

interface Frame {
  column: number;
  segment: Segment;
}

/** Puts a line's items and key on the stack of open mappings and sequences, closing those it ends. */
function push(stack: Frame[], line: ReturnType<typeof blockLine>, withKey: boolean): void {
  for (const column of line.itemColumns) {
    // A `- ` at a key's own column belongs to that key (compact sequences); at an item's column it is the next item.
    while (stack.length && (stack.at(-1)!.column > column || (stack.at(-1)!.column === column && stack.at(-1)!.segment === ITEM))) stack.pop();
    stack.push({ column, segment: ITEM });
  }
  while (stack.length && stack.at(-1)!.column >= line.keyColumn) stack.pop();
  if (withKey && line.key !== undefined) stack.push({ column: line.keyColumn, segment: line.key });
}

/** The key of a flow mapping's entry (`name: A`), or undefined for an entry without one. */
const flowKey = (entry: string) => {
  const key = /^\s*([^:]+?)\s*:(?:\s|$)/.exec(entry)?.[1];
  return key === undefined ? undefined : unquote(key);
};

/** The keys a flow mapping goes on to write after the cursor, up to the `}` that closes it. */
function flowKeysAfter(rest: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let entry: string | undefined;
  let quote: string | undefined;
  for (const char of rest) {
    if (quote) {
      if (char === quote) quote = undefined;
      if (entry !== undefined) entry += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      if (entry !== undefined) entry += char;
    } else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      if (depth === 0) break;
      depth--;
    } else if (char === ',' && depth === 0) {
      const key = entry === undefined ? undefined : flowKey(entry);
      if (key !== undefined) keys.push(key);
      entry = '';
    } else if (depth === 0 && entry !== undefined) {
      entry += char;
      // Only the text up to a key's colon names it: its value may hold anything.
      if (char === ':') {
        const key = flowKey(entry);
        if (key !== undefined) keys.push(key);
        entry = undefined;
      }
    }
  }
  return keys;
}

/**
 * The open flow collections (`{ a: 1, b: [` ...) of a value typed on one line, and where the cursor is in the
 * innermost. Undefined when the value opens none.
 */
function flowPlace(value: string, after = ''): { path: Segment[]; kind: 'key' | 'value'; typed: string; present?: string[] } | undefined {
  const frames: Array<{ type: '{' | '['; segments: Segment[]; keys: string[] }> = [];
  let segment = '';
  let quote: string | undefined;
  for (const char of value) {
    if (quote) {
      if (char === quote) quote = undefined;
      segment += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      segment += char;
    } else if (char === '{' || char === '[') {
      const parent = frames.at(-1);
      const key = /^\s*(.+?)\s*:\s*$/.exec(segment)?.[1];
      if (parent?.type === '{' && key !== undefined) parent.keys.push(unquote(key));
      frames.push({ type: char, segments: parent?.type === '{' ? (key !== undefined ? [unquote(key)] : []) : parent ? [ITEM] : [], keys: [] });
      segment = '';
    } else if (char === '}' || char === ']') {
      frames.pop();
      segment = '';
    } else if (char === ',') {
      const inner = frames.at(-1);
      const key = flowKey(segment);
      if (inner?.type === '{' && key !== undefined) inner.keys.push(key);
      segment = '';
    } else segment += char;
  }
  const inner = frames.at(-1);
  if (!inner) return undefined;
  const path = frames.flatMap((f) => f.segments);
  const pair = /^\s*([^:]+?)\s*:\s*(.*)$/.exec(segment);
  if (inner.type === '{' && pair) return { kind: 'value', path: [...path, unquote(pair[1]!)], typed: pair[2]! };
  if (inner.type === '{') return { kind: 'key', path, typed: segment.trimStart(), present: [...inner.keys, ...flowKeysAfter(after)] };
  return { kind: 'value', path: [...path, ITEM], typed: segment.trimStart() };
}

/**
 * The keys written in the block mapping whose keys stand at `column`, on the lines around the current one: up to
 * where a line less indented ends it, or (above) the `- ` item whose first key opens it.
 */
function blockSiblings(state: EditorState, current: number, column: number, opensItem: boolean): string[] {
  const doc = state.doc;
  const keys: string[] = [];
  /** Whether the line ends the mapping; its key is a sibling when it is one. */
  const visit = (number: number, upward: boolean): boolean => {
    const text = doc.line(number).text;
    if (/^\s*(#.*)?$/.test(text)) return false;
    if (/^(---|\.\.\.)(\s|$)/.test(text)) return true;
    const line = blockLine(text);
    const indent = line.itemColumns[0] ?? line.keyColumn;
    // Deeper lines are a value's (nested mappings, block scalars); a `- ` at this column is a compact sequence's.
    if (indent > column || (indent === column && line.itemColumns.length > 0)) return false;
    if (indent === column) {
      if (line.key !== undefined) keys.push(line.key);
      return false;
    }
    // Above, the item that opens this mapping carries its first key; below, a line less indented ends it.
    if (upward && line.keyColumn === column && line.key !== undefined) keys.push(line.key);
    return true;
  };
  if (!opensItem) for (let number = current - 1; number >= 1 && !visit(number, true); number--);
  // In the order they are written: those above were met from the cursor up.
  keys.reverse();
  for (let number = current + 1; number <= doc.lines && !visit(number, false); number++);
  return keys;
}

/**
 * The cursor's place in a YAML document, from its indentation. Read line by line rather than from the YAML syntax
 * tree: the tree of a line still being typed (`method:` then `  inp`) reads it as the value `method: inp`.
 */
export function yamlPlace(state: EditorState, pos: number): CursorPlace | undefined {
  const doc = state.doc;
  const current = doc.lineAt(pos);
  const before = current.text.slice(0, pos - current.from);
  if (/(^|\s)#/.test(before)) return undefined;
  const stack: Frame[] = [];
  /** Lines indented deeper than this column are inside a block scalar (`|` or `>`). */
  let scalarColumn: number | undefined;
  for (let number = 1; number < current.number; number++) {
    const text = doc.line(number).text;
    if (/^\s*(#.*)?$/.test(text)) continue;
    if (/^(---|\.\.\.)(\s|$)/.test(text)) {
      stack.length = 0;
      continue;
    }
    const line = blockLine(text);
    if (scalarColumn !== undefined && (/^ */.exec(text)?.[0].length ?? 0) > scalarColumn) continue;
    scalarColumn = undefined;
    push(stack, line, true);
    if (line.key !== undefined && /^[|>][-+0-9]*\s*(#.*)?$/.test(line.value)) scalarColumn = line.keyColumn;
  }
  const line = blockLine(before);
  const path = () => stack.map((f) => f.segment);
  if (line.key !== undefined) {
    push(stack, line, true);
    const flow = flowPlace(line.value, current.text.slice(pos - current.from));
    if (flow) return { kind: flow.kind, path: [...path(), ...flow.path], from: pos - flow.typed.length, to: pos, typed: flow.typed, ...(flow.present ? { present: flow.present } : {}) };
    return { kind: 'value', path: path(), from: pos - line.value.length, to: pos, typed: line.value };
  }
  const after = current.text.slice(pos - current.from);
  const flow = flowPlace(line.rest, after);
  push(stack, line, false);
  if (flow) return { kind: flow.kind, path: [...path(), ...flow.path], from: pos - flow.typed.length, to: pos, typed: flow.typed, ...(flow.present ? { present: flow.present } : {}) };
  if (/[:{}[\],]/.test(line.rest)) return undefined;
  return { kind: 'key', path: path(), from: pos - line.rest.length, to: pos, typed: line.rest, present: blockSiblings(state, current.number, line.keyColumn, line.itemColumns.length > 0) };
}

const keyOf = (state: EditorState, property: { getChild(name: string): { from: number; to: number } | null }): string | undefined => {
  const name = property.getChild('PropertyName');
  if (!name) return undefined;
  try {
    return String(JSON.parse(state.sliceDoc(name.from, name.to)));
  } catch {
    return undefined;
  }
};

/** The cursor's place in a JSON document, from @codemirror/lang-json's syntax tree (which mends unfinished text). */
export function jsonPlace(state: EditorState, pos: number): CursorPlace | undefined {
  const node = syntaxTree(state).resolveInner(pos, -1);
  const quoteAfter = state.sliceDoc(pos, pos + 1) === '"' ? 1 : 0;
  let kind: 'key' | 'value';
  let start: typeof node | null;
  let from = pos;
  if (node.name === 'PropertyName') {
    kind = 'key';
    start = node.parent?.parent ?? null;
    from = node.from;
  } else if (node.name === 'String' || node.name === 'Number' || node.name === 'True' || node.name === 'False' || node.name === 'Null' || node.name === '⚠') {
    const parent = node.parent;
    if (!parent) return undefined;
    kind = parent.name === 'Object' ? 'key' : 'value';
    start = kind === 'key' ? parent : node;
    from = node.from;
    const name = parent.name === 'Property' ? parent.getChild('PropertyName') : null;
    if (parent.name === 'Property' && name && node.from <= name.from) return undefined;
  } else if (node.name === 'Object') {
    kind = 'key';
    start = node;
  } else if (node.name === 'Array') {
    kind = 'value';
    start = node;
  } else return undefined;
  const path: Segment[] = [];
  for (let at = start; at; at = at.parent) {
    if (at.name === 'Property') {
      const key = keyOf(state, at);
      if (key === undefined) return undefined;
      path.unshift(key);
    } else if (at.name === 'Array') path.unshift(ITEM);
  }
  const typed = state.sliceDoc(from, pos);
  if (typed.includes('\n')) return undefined;
  const to = pos + (typed.startsWith('"') ? quoteAfter : 0);
  if (kind === 'value' || !start) return { kind, path, from, to, typed };
  // The property whose name is at the cursor is the one being typed: the others are taken.
  const present: string[] = [];
  for (let child = start.firstChild; child; child = child.nextSibling) {
    if (child.name !== 'Property' || (child.from <= pos && pos <= child.to)) continue;
    const key = keyOf(state, child);
    if (key !== undefined) present.push(key);
  }
  return { kind, path, from, to, typed, present };
}

/** A YAML scalar as written: quoted when it would otherwise read as another type or need escaping. */
function yamlScalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  return /^[A-Za-z][\w .-]*$/.test(value) && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(value) ? value : JSON.stringify(value);
}

function optionsAt(index: SchemaIndex, place: CursorPlace, json: boolean): Completion[] {
  if (place.kind === 'key') {
    const present = new Set(place.present);
    return index.properties(place.path).filter(({ name }) => !present.has(name)).map(({ name, description, required, object }) => ({
      label: name,
      type: 'property',
      apply: json ? `${JSON.stringify(name)}: ` : `${name}:${object ? '' : ' '}`,
      ...(description ? { info: description } : {}),
      ...(required ? { detail: 'required', boost: 1 } : {}),
    }));
  }
  return index.values(place.path).map(({ value, description }) => ({
    label: json ? JSON.stringify(value) : yamlScalar(value),
    type: typeof value === 'string' ? 'enum' : 'constant',
    ...(description ? { info: description } : {}),
  }));
}

/** The completion source: the schema is fetched once, on the first completion asked for. */
export function schemaCompletion(schemaUrl = '/declaration.schema.json'): CompletionSource {
  let index: Promise<SchemaIndex | undefined> | undefined;
  const load = () =>
    (index ??= fetch(schemaUrl, { headers: { accept: 'application/schema+json' } })
      .then((response) => (response.ok ? response.json() : undefined))
      .then((schema) => (schema ? new SchemaIndex(schema as Schema) : undefined))
      // Completion is a help, not the check: without the schema there is none, and the next try fetches again.
      .catch(() => ((index = undefined), undefined)));
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const json = mediaTypeOf(context.state.doc.toString()) === 'application/json';
    const place = json ? jsonPlace(context.state, context.pos) : yamlPlace(context.state, context.pos);
    if (!place) return null;
    // Only while a word is being typed, or when asked (Ctrl-Space): a new line alone opens no list.
    if (!context.explicit && !/[\w"]$/.test(place.typed)) return null;
    const schema = await load();
    if (!schema || context.aborted) return null;
    const options = optionsAt(schema, place, json);
    if (options.length === 0) return null;
    return { from: place.from, to: place.to, options, validFor: json ? /^"?[\w.-]*"?$/ : /^[\w.-]*$/ };
  };
}
