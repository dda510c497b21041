// The large-ledger benchmark: read, validate, derive the metrics and evaluate every ruleset in force, as
// `mbcheck check` does. The library and its rulesets are loaded (and warmed on the bundled example) before the
// clock and the memory baseline start, so both count the ledger's cost, not the start-up's.
import { readFileSync } from 'node:fs';

const lib = await import('../../dist/index.js');
const [file, asOf] = process.argv.slice(2);
const rulesets = lib.resolveRulesets({ asOf });
await lib.checkSource(lib.sourceFromText('warm-up.yaml', readFileSync(new URL('../../examples/steel-credit-transition.yaml', import.meta.url), 'utf8')), { asOf }, rulesets);
globalThis.gc?.();
const before = process.memoryUsage().rss;
const start = performance.now();
const result = await lib.checkSource(await lib.readSource(file), { asOf }, rulesets);
const ms = performance.now() - start;
const peak = process.resourceUsage().maxRSS * 1024;
if (!result.valid) throw new Error(`the generated ledger is invalid: ${JSON.stringify(result.validationErrors.slice(0, 3))}`);
process.stdout.write(JSON.stringify({ ms, peakBytes: peak - before, verdict: result.verdict, outputs: result.metrics.ledger.totals.outputs }));
