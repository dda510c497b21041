// Bundles the compiled command line (dist/cli/main.js) into dist/bundle/, so that `mbcheck check` starts from a
// few files instead of the hundreds that Node would otherwise resolve and compile one by one. The commands that
// load the report, authoring and service code keep loading it on demand (one chunk each); Puppeteer and Fastify
// stay outside the bundle, loaded from node_modules as published.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist', 'bundle');
const external = [/^puppeteer(-core)?(\/|$)/, /^fastify(\/|$)/, /^@fontsource\//];

rmSync(outDir, { recursive: true, force: true });
await build({
  input: join(root, 'dist', 'cli', 'main.js'),
  platform: 'node',
  external,
  logLevel: 'warn',
  output: { dir: outDir, format: 'esm', entryFileNames: 'main.js', chunkFileNames: '[name]-[hash].js' },
});
