// Where the data folders shipped with the package live, whether run from src/ (tests) or dist/ (built).
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export const paths = {
  root: packageRoot,
  schemas: join(packageRoot, 'schemas'),
  rulesets: join(packageRoot, 'rulesets'),
  templates: join(packageRoot, 'templates'),
  packageJson: join(packageRoot, 'package.json'),
};
