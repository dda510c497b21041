// Reference for the large-ledger benchmark: read the file and JSON.parse it, nothing else.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const before = process.memoryUsage().rss;
const start = performance.now();
const parsed = JSON.parse(readFileSync(file, 'utf8'));
const ms = performance.now() - start;
const peak = process.resourceUsage().maxRSS * 1024;
process.stdout.write(JSON.stringify({ ms, peakBytes: peak - before, lines: parsed.ledger.inputs.length + parsed.ledger.outputs.length }));
