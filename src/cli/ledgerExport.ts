// `mbcheck ledger export`: moves a declaration's inline ledger lines into CSV files or an XLSX workbook, and writes
// a copy of the declaration that names those files instead, its comments kept, so a company can go on keeping the
// books in a spreadsheet.
import { basename, dirname, join } from 'node:path';
import { Document, isMap, isScalar, parseDocument, visit, type Node } from 'yaml';
import { validateDeclaration } from '../check.js';
import { declarationFormatOf, stemOf } from '../declaration/formats.js';
import { readSource, type DeclarationSource } from '../declaration/source.js';
import { MbcheckError } from '../errors.js';
import { formatters } from '../format/index.js';
import type { LedgerPart } from '../ledger/columns.js';
import { csvText, ledgerSettings, usedColumns, workbookBytes, type LedgerLine, type LedgerTable } from '../ledger/write.js';
import { EXIT } from './batch.js';
import { refuseNonDirectory, refuseToOverwrite, shellWord } from './newFiles.js';
import { refuseInputAsOutput, writeAtomically } from './output.js';

export type LedgerFileFormat = 'csv' | 'xlsx';

export interface ExportOptions {
  format: LedgerFileFormat;
  /** The folder to write to; default: the declaration's own folder. */
  output?: string;
  force: boolean;
  maxBytes?: number;
  print?: (text: string) => void;
  printError?: (text: string) => void;
}

/** The same limit on YAML aliases as the declaration parser, so that expanding the lines cannot blow up. */
const MAX_ALIASES = 100;

const PARTS: readonly LedgerPart[] = ['inputs', 'outputs'];

/** Settings of how ledger files are written; the files written here are always "," "." and YYYY-MM-DD. */
const FILE_SHAPE_SETTINGS = ['csv', 'dateFormat'] as const;

function documentOf(source: DeclarationSource): Document {
  if (declarationFormatOf(source.name, () => source.text) === 'yaml') return parseDocument(source.text);
  // A JSON declaration has no comments to keep: its copy is written as plain block YAML.
  return new Document(source.parsed ? source.parsed.data : JSON.parse(source.text));
}

/** The comments inside a node that is about to be replaced, so they can stay in the file. */
function commentsIn(node: unknown): string[] {
  const found: string[] = [];
  const take = (n: { commentBefore?: string | null; comment?: string | null }) => {
    if (n.commentBefore) found.push(n.commentBefore);
    if (n.comment) found.push(n.comment);
  };
  // visit calls Node for the node it starts from too.
  if (node && typeof node === 'object') visit(node as Node, { Node: (_key, n) => void take(n as Node) });
  return found;
}

/**
 * Puts a file name where the lines were. The comments that stood among the lines move above the key, since
 * they usually explain the books and would otherwise be lost with the lines.
 */
function replaceLines(doc: Document, part: LedgerPart, fileName: string): void {
  const ledger = doc.get('ledger', true);
  const comments = commentsIn(doc.getIn(['ledger', part], true));
  doc.setIn(['ledger', part], fileName);
  if (comments.length === 0 || !isMap(ledger)) return;
  const key = ledger.items.find((pair) => isScalar(pair.key) && pair.key.value === part)?.key;
  if (isScalar(key)) key.commentBefore = [key.commentBefore, ...comments].filter(Boolean).join('\n');
}

/** The document and its data, or undefined when it does not parse (validation then says why). */
function parsedOrUndefined(source: DeclarationSource): { doc: Document; data: unknown } | undefined {
  try {
    const doc = documentOf(source);
    if (doc.errors.length > 0) return undefined;
    return { doc, data: doc.toJS({ maxAliasCount: MAX_ALIASES }) };
  } catch {
    return undefined;
  }
}

/** Refuses a ledger already kept in files: there are no lines in the declaration to write out. */
function refuseLedgerInFiles(data: unknown, name: string): void {
  const ledger = data !== null && typeof data === 'object' ? (data as { ledger?: unknown }).ledger : undefined;
  const inFile = (where: string, value: unknown) =>
    new MbcheckError('ledger-in-files', `${name}: ${where} is already kept in ${String(value)}; ledger export writes out lines written in the declaration itself`);
  if (typeof ledger === 'string') throw inFile('the ledger', ledger);
  if (ledger === null || typeof ledger !== 'object') return;
  for (const part of PARTS) {
    const lines = (ledger as Record<string, unknown>)[part];
    if (typeof lines === 'string') throw inFile(`ledger.${part}`, lines);
  }
}

export async function exportLedger(file: string, options: ExportOptions): Promise<number> {
  const print = options.print ?? ((text: string) => void process.stdout.write(text));
  const printError = options.printError ?? ((text: string) => void process.stderr.write(text));
  const source = await readSource(file, options.maxBytes);
  // A ledger already kept in files is told as such, before validation would report those files as not read.
  const early = parsedOrUndefined(source);
  if (early) refuseLedgerInFiles(early.data, source.name);
  const result = validateDeclaration(source);
  if (!result.valid || result.error || !early) {
    // Files written from a declaration that is wrong would carry its mistakes into the spreadsheet unseen.
    printError(formatters.text([result], { color: false }));
    printError(`mbcheck: ${source.name} is not a valid declaration; nothing was exported. Correct the problems above first.\n`);
    return EXIT.failed;
  }
  const { doc, data } = early;
  const lines = (data as { ledger?: Record<string, unknown> }).ledger;
  if (!lines) throw new MbcheckError('no-ledger', `${source.name}: the declaration has no ledger, so there are no lines to export`);

  const dir = options.output ?? (file === '-' ? '.' : dirname(file));
  const stem = file === '-' ? 'stdin' : stemOf(basename(file));
  const dataFiles = options.format === 'csv' ? { inputs: 'inputs.csv', outputs: 'outputs.csv' } : { inputs: 'ledger.xlsx', outputs: 'ledger.xlsx' };
  const references = options.format === 'csv' ? dataFiles : { inputs: 'ledger.xlsx#inputs', outputs: 'ledger.xlsx#outputs' };
  const declarationTarget = join(dir, `${stem}.ledger-files.yaml`);
  const targets = [...new Set([...Object.values(dataFiles).map((name) => join(dir, name)), declarationTarget])];
  refuseNonDirectory(dir);
  for (const target of targets) refuseInputAsOutput(target, [file]);
  refuseToOverwrite(targets, options.force);

  const tableOf = (part: LedgerPart): LedgerTable => {
    const partLines = lines[part] as LedgerLine[];
    return { columns: usedColumns(part, partLines), lines: partLines };
  };
  const tables: Record<LedgerPart, LedgerTable> = { inputs: tableOf('inputs'), outputs: tableOf('outputs') };
  for (const part of PARTS) replaceLines(doc, part, references[part]);
  // They described files of another shape: kept, they would make the loader misread the files written here.
  const dropped = FILE_SHAPE_SETTINGS.filter((field) => lines[field] !== undefined);
  for (const field of dropped) doc.deleteIn(['ledger', field]);
  // Every file is produced whole before the first is written, so that a failure leaves no half set behind.
  const contents: [string, string | Uint8Array][] =
    options.format === 'csv'
      ? [
          [join(dir, dataFiles.inputs), csvText(tables.inputs)],
          [join(dir, dataFiles.outputs), csvText(tables.outputs)],
        ]
      : [[join(dir, dataFiles.inputs), await workbookBytes(tables, ledgerSettings(lines))]];
  contents.push([declarationTarget, doc.toString({ lineWidth: 0 })]);
  for (const [path, content] of contents) writeAtomically(path, content);

  const count = (part: LedgerPart) => `${tables[part].lines.length} ${part === 'inputs' ? 'input' : 'output'} line(s)`;
  const written =
    options.format === 'csv'
      ? [`  ${join(dir, dataFiles.inputs)}  ${count('inputs')}`, `  ${join(dir, dataFiles.outputs)}  ${count('outputs')}`]
      : [`  ${join(dir, dataFiles.inputs)}  ${count('inputs')}, ${count('outputs')} and the ledger settings`];
  print([
    'mbcheck: wrote',
    ...written,
    `  ${declarationTarget}  the declaration, naming ${options.format === 'csv' ? 'these files' : 'its sheets'} for its ledger`,
    ...(dropped.length > 0 ? [`  (${dropped.map((field) => `ledger.${field}`).join(' and ')} left out: the files are written with "," between fields, "." decimals and dates YYYY-MM-DD)`] : []),
    '',
    'Check it with:',
    `  mbcheck check ${shellWord(declarationTarget)}`,
    '',
  ].join('\n'));
  return EXIT.ok;
}
