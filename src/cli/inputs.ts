// Expands the FILE arguments of check and validate: files, directories (their YAML and JSON files), globs and "-".
import { existsSync, statSync } from 'node:fs';
import { glob } from 'tinyglobby';
import { MbcheckError } from '../errors.js';

const declarationPattern = '**/*.{yaml,yml,json}';

export async function expandInputs(args: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const arg of args) {
    if (arg === '-') out.push(arg);
    else if (existsSync(arg) && statSync(arg).isDirectory()) {
      const found = (await glob(declarationPattern, { cwd: arg, absolute: false, ignore: ['**/node_modules/**', '**/.*/**'] })).sort();
      if (found.length === 0) throw new MbcheckError('no-input', `${arg}: the directory holds no .yaml, .yml or .json file`);
      out.push(...found.map((f) => `${arg.replace(/\/$/, '')}/${f}`));
    } else if (/[*?[\]{}]/.test(arg) && !existsSync(arg)) {
      const matches = (await glob(arg, { ignore: ['**/node_modules/**'] })).sort();
      if (matches.length === 0) throw new MbcheckError('no-input', `${arg}: no file matches the pattern`);
      out.push(...matches);
    } else out.push(arg);
  }
  if (out.filter((f) => f === '-').length > 1) throw new MbcheckError('usage', 'standard input (-) can be read only once');
  return out;
}
