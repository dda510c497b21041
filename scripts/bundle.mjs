// Bundles the compiled command line (dist/cli/main.js) into dist/bundle/, so that `mbcheck check` starts from a
// few files instead of the hundreds that Node would otherwise resolve and compile one by one. The commands that
// load the report, authoring and service code keep loading it on demand (one chunk each); Puppeteer and Fastify
// stay outside the bundle, loaded from node_modules as published.
// It also bundles the browser workbench (src/workbench/, served at GET /) into dist/workbench/: one script with
// CodeMirror inside, its style and its page, so that the page loads nothing from anywhere but the service.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
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

const workbenchSource = join(root, 'src', 'workbench');
const workbenchOut = join(root, 'dist', 'workbench');
rmSync(workbenchOut, { recursive: true, force: true });
await build({
  input: join(workbenchSource, 'main.ts'),
  platform: 'browser',
  tsconfig: join(workbenchSource, 'tsconfig.json'),
  logLevel: 'warn',
  output: { file: join(workbenchOut, 'workbench.js'), format: 'esm', minify: true },
});
mkdirSync(workbenchOut, { recursive: true });
for (const name of ['index.html', 'workbench.css']) copyFileSync(join(workbenchSource, name), join(workbenchOut, name));
