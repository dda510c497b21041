// Where the bytes of a ledger file come from: beside the declaration on disk, or (for the service) the parts of
// its request. Kept apart from the readers of CSV and XLSX, which only a declaration naming files should load.
import { dirname, isAbsolute, resolve } from 'node:path';
import { readRegularFileSync } from '../regularFile.js';

/** Gives the bytes of a ledger file named by the declaration (relative to it), or throws an MbcheckError. */
export type LedgerFileReader = (file: string) => Uint8Array;

/** Ledger files are held in memory while they are read: a year of lots fits well below this. */
export const LEDGER_FILE_LIMIT = { what: 'the ledger file', maxBytes: 512 * 1024 * 1024 };

/** Reads ledger files from disk, relative to the declaration's folder (the working folder for standard input). */
export function ledgerFilesBeside(declarationPath: string): LedgerFileReader {
  const folder = declarationPath === '-' || declarationPath === '<stdin>' ? process.cwd() : dirname(declarationPath);
  return (file) => readRegularFileSync(isAbsolute(file) ? file : resolve(folder, file), LEDGER_FILE_LIMIT);
}

