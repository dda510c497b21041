// Builds a valid steel declaration with a ledger of N lines (inputs and outputs), deterministic, for benchmarks.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const base = parse(readFileSync(new URL('../examples/steel-credit-transition.yaml', import.meta.url), 'utf8'));

/** A pseudo-random sequence that is the same on every run, so runs compare. */
function sequence(seed) {
  let state = seed >>> 0;
  return () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export function declarationWithLedger(lines, seed = 1) {
  const random = sequence(seed);
  const start = Date.parse('2026-01-01T00:00:00Z');
  const days = 181;
  const dateOf = (i, n) => new Date(start + Math.floor((i / n) * days) * 86_400_000).toISOString().slice(0, 10);
  const inputCount = Math.ceil(lines / 2);
  const outputCount = lines - inputCount;
  const inputs = new Array(inputCount);
  let lowMass = 0;
  let highMass = 0;
  for (let i = 0; i < inputCount; i++) {
    const low = random() < 0.12;
    const quantity = Math.round(50 + random() * 150);
    if (low) lowMass += quantity;
    else highMass += quantity;
    inputs[i] = low
      ? { id: `in-${i}`, date: dateOf(i, inputCount), site: 'duisburg', material: 'dri-eaf-slab', quantity, emissionFactor: 0.7, lowCarbon: true }
      : { id: `in-${i}`, date: dateOf(i, inputCount), site: 'duisburg', material: 'bf-bof-slab', quantity, emissionFactor: 2.1 };
  }
  // Outputs take slightly less than the inputs, a low-carbon share a little below the low-carbon input share,
  // so that every quarter balances without overdraft.
  const total = lowMass + highMass;
  const perOutput = (total * 0.98) / outputCount;
  const lowShare = (lowMass / total) * 0.9;
  const outputs = new Array(outputCount);
  for (let i = 0; i < outputCount; i++) {
    const low = random() < lowShare;
    outputs[i] = { id: `out-${i}`, date: dateOf(i, outputCount), site: 'duisburg', productGroup: i % 10 < 7 ? 'hrc' : 'plate', quantity: Math.round(perOutput * 1000) / 1000, emissionFactor: low ? 0.7 : 2.1 };
  }
  return { ...base, id: `bench-${lines}`, ledger: { ...base.ledger, inputs, outputs } };
}
