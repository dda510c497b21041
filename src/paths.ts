// Where the data folders shipped with the package live, whether run from src/ (tests), dist/ (the library) or
// dist/bundle/ (the bundled command line): the nearest folder above this module that holds package.json.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

function packageRootAbove(folder: string): string {
  for (let at = folder; ; at = dirname(at)) {
    if (existsSync(join(at, 'package.json'))) return at;
    if (dirname(at) === at) throw new Error(`mbcheck: no package.json above ${folder}; the package is incomplete, install it again`);
  }
}

const packageRoot = packageRootAbove(dirname(fileURLToPath(import.meta.url)));

export const paths = {
  root: packageRoot,
  schemas: join(packageRoot, 'schemas'),
  rulesets: join(packageRoot, 'rulesets'),
  templates: join(packageRoot, 'templates'),
  examples: join(packageRoot, 'examples'),
  /** The browser workbench, bundled by scripts/bundle.mjs (npm run build). */
  workbench: join(packageRoot, 'dist', 'workbench'),
  packageJson: join(packageRoot, 'package.json'),
};
