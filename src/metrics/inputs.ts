// The inputs that bring a reduction into a pool (decision 1): below the baseline or flagged low-carbon, the
// benchmark they must meet, and the low-carbon input mass (below the unit's conventional route, or flagged).
import type { Declaration, Ledger, LedgerInput } from '../generated/declaration.js';
import { boundaryKeyOf } from './pools.js';
import { isLowCarbonInput, type UnitRoute } from './technology.js';
import { clearlyLess, Sum, tidy } from './tolerance.js';
import type { LedgerMetrics } from './types.js';

export interface InputFigures {
  inputs: LedgerMetrics['inputs'];
  lowCarbonInputMass: number;
  lowestInputFactor: number | null;
}

/** Over the inputs in canonical order, so that "the lowest" and "the worst" name the same line whatever the export. */
export function inputFigures(declaration: Declaration, ledger: Ledger, baseline: number, routes: readonly UnitRoute[], lowCarbonFlagged: number): InputFigures {
  const { inputBoundary } = declaration.method;
  const routeOf = new Map(routes.map((r) => [r.unit, r]));
  const reducing = ledger.inputs.filter((i) => i.lowCarbon === true || clearlyLess(i.emissionFactor, baseline));
  const lowestReducing = reducing.reduce<LedgerInput | null>((w, i) => (!w || i.emissionFactor < w.emissionFactor ? i : w), null);
  const benchmark = inputBoundary.control === 'benchmark' ? inputBoundary.benchmark : undefined;
  const overBenchmark = benchmark ? reducing.filter((i) => clearlyLess(benchmark.maxEmissionFactor, i.emissionFactor)) : [];
  const worstOverBenchmark = overBenchmark.reduce<LedgerInput | null>((w, i) => (!w || i.emissionFactor > w.emissionFactor ? i : w), null);
  const lowCarbonInputMass = new Sum();
  let lowest = Infinity;
  for (const input of ledger.inputs) {
    if (isLowCarbonInput(input, routeOf.get(boundaryKeyOf(declaration, input)) ?? null)) lowCarbonInputMass.add(input.quantity);
    if (input.emissionFactor < lowest) lowest = input.emissionFactor;
  }
  const lowestInputFactor = lowest === Infinity ? null : lowest;
  return {
    inputs: {
      reducing: reducing.length,
      lowCarbonFlagged,
      largestReductionBelowBaselinePercent: baseline > 0 && lowestInputFactor !== null ? tidy(Math.max(0, (100 * (baseline - lowestInputFactor)) / baseline)) : 0,
      lowestReducingInput: lowestReducing && { inputId: lowestReducing.id, emissionFactor: lowestReducing.emissionFactor },
      benchmark: benchmark
        ? {
            maxEmissionFactor: benchmark.maxEmissionFactor,
            failing: overBenchmark.length,
            worst: worstOverBenchmark && { inputId: worstOverBenchmark.id, emissionFactor: worstOverBenchmark.emissionFactor, maxEmissionFactor: benchmark.maxEmissionFactor },
          }
        : null,
    },
    lowCarbonInputMass: lowCarbonInputMass.value,
    lowestInputFactor,
  };
}
