// Refuses a declaration whose ledger has more lines than the server checks, before the metrics are derived.
import { parseDeclarationText } from '../declaration/parse.js';
import type { DeclarationSource } from '../declaration/source.js';
import { readNamedLedgerFiles } from '../check.js';
import { HttpError } from './errors.js';

function lengthOf(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

/** Inputs plus outputs, or 0 when the text does not parse (the check then reports why). */
export function ledgerLineCount(source: DeclarationSource): number {
  const parsed = parseDeclarationText(source);
  if (!parsed.ok) return 0;
  const ledger = (parsed.data as { ledger?: { inputs?: unknown; outputs?: unknown } } | null)?.ledger;
  return ledger ? lengthOf(ledger.inputs) + lengthOf(ledger.outputs) : 0;
}

/**
 * More than the ledger lines a YAML text can hold, counted without parsing it. Every item of a sequence is marked:
 * in a block sequence by a "-" between whitespace, in a flow sequence by the "[" or a ",". ledger.inputs and
 * ledger.outputs may both be an alias of one sequence, hence twice the marks. Parsing YAML is slow (seconds per
 * megabyte): this bound spares most YAML ledgers well under the limit a second parse.
 */
export function yamlLedgerLineBound(text: string): number {
  let marks = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 /* , */ || c === 91 /* [ */) marks++;
    else if (c === 45 /* - */ && (i === 0 || /\s/.test(text[i - 1]!)) && (i + 1 === text.length || /\s/.test(text[i + 1]!))) marks++;
  }
  return 2 * marks;
}

function tooMany(lines: number, maxLines: number): HttpError {
  return new HttpError(
    413,
    'too-many-ledger-lines',
    `the ledger has ${lines} lines (inputs plus outputs) and this server checks at most ${maxLines}; split the ledger by period into several declarations, or ask the operator to raise --max-ledger-lines`,
  );
}

/** The same limit for lines sent as ledger files: counted once the files are read, before they are merged and checked. */
export async function refuseLongFileLedger(source: DeclarationSource, maxLines: number): Promise<void> {
  if (!source.readLedgerFile) return;
  await readNamedLedgerFiles(source);
  const lines = (source.ledgerFiles?.sheets ?? []).reduce((sum, sheet) => sum + (sheet.lines?.lines.length ?? 0), 0);
  if (lines > maxLines) throw tooMany(lines, maxLines);
}

export function refuseLongLedger(source: DeclarationSource, maxLines: number): void {
  // Every ledger line takes at least two characters ("1," in JSON, "-\n" in YAML): a body shorter than twice the
  // limit cannot exceed it and is not parsed an extra time.
  if (source.text.length <= 2 * maxLines) return;
  // JSON parses fast enough to count exactly; YAML only when a count without parsing cannot rule it out.
  if (!/\.json$/.test(source.name) && yamlLedgerLineBound(source.text) <= maxLines) return;
  const lines = ledgerLineCount(source);
  if (lines > maxLines) throw tooMany(lines, maxLines);
}
