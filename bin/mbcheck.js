#!/usr/bin/env node
// The mbcheck executable: runs the bundled CLI, or says how to build it from a checkout.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/bundle/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('mbcheck: the compiled code is missing (dist/). From a checkout run: npm ci && npm run build\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
