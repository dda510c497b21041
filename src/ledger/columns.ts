// The columns of a ledger sheet, read off the declaration schema: one per field of an input or output line, nested
// fields named with dots (origin.country). What a cell holds is decided by the field's type in the schema, never
// by a second list here: a number, a yes/no, a date, a list (items separated by "|"), or JSON for a structure.
import { loadSchema, type JsonSchema } from '../schemas.js';

export type LedgerPart = 'inputs' | 'outputs';

export type CellKind = 'text' | 'number' | 'boolean' | 'date' | 'list' | 'json';

export interface LedgerColumn {
  /** The header: the field's name, dotted for a nested one (origin.country). */
  field: string;
  kind: CellKind;
  required: boolean;
  /** The schema's description of the field, or of its type (for templates and messages). */
  description: string;
  /** A yes/no field that may also be left open (null): an empty cell then means "not known". */
  nullable: boolean;
}

/** The separator between the items of a list in one cell: never a CSV delimiter, rare in identifiers. */
export const LIST_SEPARATOR = '|';

type Schema = JsonSchema & { required?: string[]; format?: string; title?: string };

function resolved(node: Schema, defs: Record<string, Schema>): Schema {
  let at = node;
  for (let hops = 0; at.$ref && hops < 10; hops++) {
    const target = defs[at.$ref.replace('#/$defs/', '')];
    if (!target) break;
    at = { ...target, description: at.description ?? target.description };
  }
  return at;
}

function types(node: Schema): string[] {
  return Array.isArray(node.type) ? (node.type as string[]) : typeof node.type === 'string' ? [node.type] : [];
}

function kindOf(node: Schema): CellKind {
  const kinds = types(node);
  if (node.oneOf || node.anyOf || kinds.includes('object')) return 'json';
  if (kinds.includes('array')) return 'list';
  if (kinds.includes('number') || kinds.includes('integer')) return 'number';
  if (kinds.includes('boolean')) return 'boolean';
  if (node.format === 'date') return 'date';
  return 'text';
}

const cache = new Map<LedgerPart, LedgerColumn[]>();

/** The columns of an input or output sheet, in the schema's order. */
export function ledgerColumns(part: LedgerPart): LedgerColumn[] {
  const known = cache.get(part);
  if (known) return known;
  const schema = loadSchema('declaration.schema.json') as Schema & { $defs: Record<string, Schema> };
  const defs = schema.$defs;
  const columns: LedgerColumn[] = [];
  const walk = (node: Schema, prefix: string, requiredHere: boolean) => {
    const required = new Set(node.required ?? []);
    for (const [name, property] of Object.entries(node.properties ?? {})) {
      const field = resolved(property as Schema, defs);
      const dotted = prefix ? `${prefix}.${name}` : name;
      // A nested object of named fields becomes one column per field; any other structure is one JSON cell.
      if (types(field).includes('object') && field.properties && !field.oneOf) {
        walk(field, dotted, false);
        continue;
      }
      columns.push({
        field: dotted,
        kind: kindOf(field),
        required: requiredHere && required.has(name),
        description: (property as Schema).description ?? field.description ?? '',
        nullable: types(field).includes('null'),
      });
    }
  };
  walk(defs[part === 'inputs' ? 'input' : 'output']!, '', true);
  cache.set(part, columns);
  return columns;
}

/** A line's value as the text of its cell (what `ledger export` and the templates write). */
export function cellText(value: unknown, column: LedgerColumn): string {
  if (value === undefined || value === null) return '';
  if (column.kind === 'list' && Array.isArray(value)) return value.map(String).join(LIST_SEPARATOR);
  if (column.kind === 'json') return JSON.stringify(value);
  if (column.kind === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/** The value at a dotted field of a line, or undefined. */
export function valueAt(line: Record<string, unknown>, field: string): unknown {
  let at: unknown = line;
  for (const key of field.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}
