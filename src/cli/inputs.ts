// Expands the FILE arguments of check and validate: files, directories (their YAML and JSON files), globs and "-".
import { existsSync, statSync } from 'node:fs';
import { glob } from 'tinyglobby';

const declarationPattern = '**/*.{yaml,yml,json}';

export async function expandInputs(args: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const arg of args) {
    if (arg === '-') out.push(arg);
    else if (existsSync(arg) && statSync(arg).isDirectory()) {
      out.push(...(await glob(declarationPattern, { cwd: arg, absolute: false, ignore: ['**/node_modules/**', '**/.*/**'] })).sort().map((f) => `${arg.replace(/\/$/, '')}/${f}`));
    } else if (/[*?[\]{}]/.test(arg) && !existsSync(arg)) {
      const matches = (await glob(arg, { ignore: ['**/node_modules/**'] })).sort();
      // A glob that matches nothing is kept, so it is reported as unreadable rather than silently dropped.
      out.push(...(matches.length ? matches : [arg]));
    } else out.push(arg);
  }
  return out;
}
