// `mbcheck init`: a commented declaration and its ledger (CSV files and an XLSX workbook) to start from, written
// from the templates in templates/init/ so that their wording is edited as data, not in code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { chosenColumns, csvText, ledgerSettings, workbookBytes, type LedgerLine, type LedgerTable } from '../ledger/write.js';
import type { LedgerPart } from '../ledger/columns.js';
import { paths } from '../paths.js';
import { EXIT } from './batch.js';
import { refuseNonDirectory, refuseToOverwrite, shellWord } from './newFiles.js';
import { writeAtomically } from './output.js';

/** The example lines of templates/init/ledger.json, and the optional columns a new ledger shows. */
interface LedgerTemplate {
  columns: Record<LedgerPart, string[]>;
  inputs: LedgerLine[];
  outputs: LedgerLine[];
}

export const INIT_FILES = { declaration: 'declaration.yaml', inputs: 'inputs.csv', outputs: 'outputs.csv', workbook: 'ledger.xlsx' } as const;

const templateDir = () => join(paths.templates, 'init');

export function initTemplates(): { declarationText: string; ledger: LedgerTemplate } {
  return {
    declarationText: readFileSync(join(templateDir(), 'declaration.yaml'), 'utf8'),
    ledger: JSON.parse(readFileSync(join(templateDir(), 'ledger.json'), 'utf8')) as LedgerTemplate,
  };
}

export interface InitOptions {
  force: boolean;
  /** Where the summary goes (standard output from the command line). */
  print?: (text: string) => void;
}

export async function initProject(dir: string, options: InitOptions): Promise<number> {
  const { declarationText, ledger } = initTemplates();
  // Unit and baseline come from the template declaration, so the workbook's sheet "ledger" cannot disagree with it.
  const declaredLedger = (parse(declarationText) as { ledger: Record<string, unknown> }).ledger;
  const tables: Record<LedgerPart, LedgerTable> = {
    inputs: { columns: chosenColumns('inputs', ledger.columns.inputs), lines: ledger.inputs },
    outputs: { columns: chosenColumns('outputs', ledger.columns.outputs), lines: ledger.outputs },
  };
  const target = (name: string) => join(dir, name);
  refuseNonDirectory(dir);
  refuseToOverwrite(Object.values(INIT_FILES).map(target), options.force);
  // Everything is produced before the first write, so a failure leaves no half set behind.
  const workbook = await workbookBytes(tables, ledgerSettings(declaredLedger));
  writeAtomically(target(INIT_FILES.declaration), declarationText);
  writeAtomically(target(INIT_FILES.inputs), csvText(tables.inputs));
  writeAtomically(target(INIT_FILES.outputs), csvText(tables.outputs));
  writeAtomically(target(INIT_FILES.workbook), workbook);

  const rows: [string, string][] = [
    [target(INIT_FILES.declaration), 'the declaration: the seven decisions, each with its options explained'],
    [target(INIT_FILES.inputs), `${ledger.inputs.length} example input lines`],
    [target(INIT_FILES.outputs), `${ledger.outputs.length} example output lines`],
    [target(INIT_FILES.workbook), 'the same ledger as a workbook (sheets inputs, outputs, ledger); see the comment above ledger: to use it'],
  ];
  const width = Math.max(...rows.map(([path]) => path.length));
  const print = options.print ?? ((text: string) => void process.stdout.write(text));
  print(
    [
      'mbcheck: wrote',
      ...rows.map(([path, what]) => `  ${path.padEnd(width)}  ${what}`),
      '',
      'Replace the example figures with your own, then run:',
      `  mbcheck check ${shellWord(target(INIT_FILES.declaration))}`,
      '',
    ].join('\n'),
  );
  return EXIT.ok;
}
