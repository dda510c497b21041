#!/usr/bin/env node
// The mbcheck executable: runs the bundled CLI, or says how to build it from a checkout.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/bundle/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('mbcheck: the compiled code is missing (dist/). From a checkout run: npm ci && npm run build\n');
  process.exit(2);
}
// A reader that stops early (mbcheck check ... | head) closes the pipe: the rest of the output has nowhere to go,
// which is no error of the user's (and no stack trace); the exit code still says the verdict.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
});
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
