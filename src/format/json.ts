// Machine-readable output: the CheckResult objects as JSON, or as JSON Lines for streaming batch runs. Both are
// written piece by piece (jsonWriter.ts), so a large ledger's result never has to exist as one string.
import type { CheckResult } from '../result.js';
import { writeJson } from './jsonWriter.js';
import type { Formatter } from './types.js';

type Write = (chunk: Uint8Array) => void;

const NEWLINE = Buffer.from('\n');

export function writeJsonDocument(results: CheckResult[], write: Write): void {
  // A single result stays an object so `mbcheck check one.yaml --format json | jq .verdict` works without indexing.
  writeJson(results.length === 1 ? results[0] : results, write, '  ');
  write(NEWLINE);
}

export function writeJsonLines(results: CheckResult[], write: Write): void {
  for (const result of results) {
    writeJson(result, write);
    write(NEWLINE);
  }
}

const gathered = (writeTo: (results: CheckResult[], write: Write) => void): Formatter => (results) => {
  const parts: Uint8Array[] = [];
  writeTo(results, (chunk) => parts.push(chunk));
  return Buffer.concat(parts).toString('utf8');
};

export const formatJson: Formatter = gathered(writeJsonDocument);
export const formatJsonl: Formatter = gathered(writeJsonLines);
