// Per-declaration time of `check` with every ruleset in force over a batch of typical declarations (100 ledger
// lines), after warm-up, through the same batch runner the CLI uses.
import { declarationWithLedger } from '../ledger.mjs';

const lib = await import('../../dist/index.js');
const { mapInOrder } = await import('../../dist/batch.js');
const [count, asOf] = [Number(process.argv[2]), process.argv[3]];
// Each declaration differs (its own seed), as a registry's batch would.
const texts = Array.from({ length: 50 }, (_, i) => JSON.stringify(declarationWithLedger(100, i + 1)));
const rulesets = lib.resolveRulesets({ asOf });
const one = (i) => lib.checkSource(lib.sourceFromText(`d${i}.json`, texts[i % texts.length]), { asOf }, rulesets);
for (let i = 0; i < 500; i++) await one(i);
let verdicts = 0;
const start = performance.now();
for await (const result of mapInOrder(Array.from({ length: count }, (_, i) => i), 4, one)) verdicts += result.verdict ? 1 : 0;
const ms = performance.now() - start;
process.stdout.write(JSON.stringify({ msPerDeclaration: ms / count, count: verdicts, rulesets: rulesets.length }));
