// The bundled examples (examples/*.yaml, and the folders examples/NAME/ that keep a declaration with its CSV and
// XLSX ledger files), read once: what the workbench serves and what a ruleset diff judges.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { sourceFromText, type DeclarationSource } from '../declaration/source.js';
import { MbcheckError } from '../errors.js';
import { quoted } from '../quoting.js';

export interface ExampleListing {
  name: string;
  title: string;
  /** The ledger files an example folder holds beside its declaration, by the names the declaration gives them. */
  files?: string[];
}

export interface BundledExample extends ExampleListing {
  /** The declaration's file name: NAME.yaml, or NAME/DECLARATION.yaml in a folder. */
  path: string;
  text: string;
  ledgerFiles: Map<string, Buffer>;
}

export const LEDGER_MEDIA_TYPES: Record<string, string> = {
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export const ledgerExtension = (name: string) => Object.keys(LEDGER_MEDIA_TYPES).find((extension) => name.toLowerCase().endsWith(extension));

function titleOf(text: string, fallback: string): string {
  try {
    const data = parse(text) as { title?: unknown } | null;
    if (typeof data?.title === 'string') return data.title;
  } catch {
    // An example that does not parse is still offered: the workbench shows why.
  }
  return fallback;
}

/**
 * An example folder (examples/NAME/): the declaration NAME.yaml (or its only .yaml file) and the CSV and XLSX
 * files beside it, which it names as its ledger. Undefined for a folder that holds no single declaration.
 */
function readExampleFolder(folder: string, name: string): BundledExample | undefined {
  const entries = readdirSync(folder).sort();
  const declarations = entries.filter((entry) => entry.endsWith('.yaml'));
  const declaration = declarations.includes(`${name}.yaml`) ? `${name}.yaml` : declarations.length === 1 ? declarations[0] : undefined;
  if (!declaration) return undefined;
  const text = readFileSync(join(folder, declaration), 'utf8');
  const ledgerFiles = new Map(entries.filter((entry) => ledgerExtension(entry)).map((entry) => [entry, readFileSync(join(folder, entry))]));
  return { name, title: titleOf(text, name), path: `${name}/${declaration}`, text, files: [...ledgerFiles.keys()], ledgerFiles };
}

/** The bundled examples by name (a file's name, or a folder's). Only these can be served, whatever name is asked for. */
export function readExamples(folder: string): Map<string, BundledExample> {
  const examples = new Map<string, BundledExample>();
  if (!existsSync(folder)) return examples;
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isFile() && entry.name.endsWith('.yaml')) {
      const text = readFileSync(join(folder, entry.name), 'utf8');
      examples.set(entry.name, { name: entry.name, title: titleOf(text, entry.name), path: entry.name, text, ledgerFiles: new Map() });
    } else if (entry.isDirectory()) {
      const example = readExampleFolder(join(folder, entry.name), entry.name);
      if (example) examples.set(entry.name, example);
    }
  }
  return examples;
}

/**
 * An example as the library checks it: its ledger files come from those read from its folder, so a declaration
 * naming any other file (../, an absolute path) finds none and reads nothing else.
 */
export function exampleSource(example: BundledExample): DeclarationSource {
  const source = sourceFromText(example.path, example.text);
  source.readLedgerFile = (file) => {
    const bytes = example.ledgerFiles.get(file);
    if (bytes) return bytes;
    throw new MbcheckError('ledger-file-not-found', `${file}: the example ${quoted(example.name)} has no such file${example.files?.length ? `; it has ${example.files.join(', ')}` : ''}`, 'io');
  };
  return source;
}
