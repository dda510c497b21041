// Expands the FILE arguments of check, validate and report: files, directories (their YAML and JSON files), globs and "-".
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { glob } from 'tinyglobby';
import { MbcheckError } from '../errors.js';
import { isDeclarationFileName } from '../declaration/formats.js';


/**
 * The declaration files under a directory, sorted. Every entry with a declaration's name is listed, whatever it
 * is (a FIFO, a device, a dangling link), so that reading it gives that name an answer instead of silence.
 */
function declarationsUnder(directory: string, prefix = ''): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(directory, prefix), { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...declarationsUnder(directory, relative));
    else if (isDeclarationFileName(entry.name)) found.push(relative);
  }
  return found;
}

/** One input of a batch: a path to read, or an argument that named nothing, kept so that it is reported, not dropped. */
export interface InputEntry {
  name: string;
  problem?: MbcheckError;
}

export async function expandInputs(args: string[]): Promise<InputEntry[]> {
  const out: InputEntry[] = [];
  for (const arg of args) {
    if (arg === '-') out.push({ name: arg });
    else if (existsSync(arg) && statSync(arg).isDirectory()) {
      const found = declarationsUnder(arg).sort();
      if (found.length === 0) out.push({ name: arg, problem: new MbcheckError('no-input', `${arg}: the directory holds no .yaml, .yml or .json file`, 'io') });
      out.push(...found.map((f) => ({ name: `${arg.replace(/\/$/, '')}/${f}` })));
    } else if (/[*?[\]{}]/.test(arg) && !existsSync(arg)) {
      const matches = (await glob(arg, { ignore: ['**/node_modules/**'] })).sort();
      if (matches.length === 0) out.push({ name: arg, problem: new MbcheckError('no-input', `${arg}: no file matches the pattern`, 'io') });
      out.push(...matches.map((name) => ({ name })));
    } else out.push({ name: arg });
  }
  if (out.filter((f) => f.name === '-').length > 1) throw new MbcheckError('usage', 'standard input (-) can be read only once');
  return out;
}

/** The paths only, for commands that need real files (ruleset diff --corpus): an argument naming nothing is an error. */
export async function expandPaths(args: string[]): Promise<string[]> {
  const entries = await expandInputs(args);
  const problem = entries.find((e) => e.problem)?.problem;
  if (problem) throw problem;
  return entries.map((e) => e.name);
}
