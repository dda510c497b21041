// Allocation between product groups (docs/books.md section 5), judged pool by pool against each group's key.
import type { Allocation, LedgerOutput } from '../generated/declaration.js';
import { decimalsOf } from './physical.js';
import { byDateThenId } from './pools.js';
import { agree, clearlyLess, Sum, tidy } from './tolerance.js';
import type { GroupAllocation, LedgerMetrics, PoolGroupAllocation } from './types.js';

interface GroupInPool {
  mass: Sum;
  /** Attributed emissions, and the same mass at the pool average. */
  emissions: Sum;
  atAverage: Sum;
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
const byIdThen = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Gathers the grouped outputs pool by pool during the pass over the pools, and judges them at the end. */
export class AllocationBooks {
  private readonly declared: NonNullable<Allocation['productGroups']>;
  private readonly pools: Array<{ pool: string; groups: Map<string, GroupInPool>; proportional: boolean }> = [];
  private current: Map<string, GroupInPool> | null = null;
  private readonly periodMass = new Map<string, Sum>();
  private readonly periodEmissions = new Map<string, Sum>();
  private ungrouped = 0;
  private readonly ungroupedMass = new Sum();
  private firstUngrouped: LedgerOutput | null = null;

  constructor(private readonly allocation: Allocation) {
    this.declared = allocation.productGroups ?? [];
    for (const g of this.declared) {
      this.periodMass.set(g.id, new Sum());
      this.periodEmissions.set(g.id, new Sum());
    }
  }

  startPool(pool: string): void {
    if (this.declared.length === 0) return;
    this.current = new Map();
    this.pools.push({ pool, groups: this.current, proportional: false });
  }

  /** Whether every output of the pool just seen is at its average: then its groups count at it. */
  endPool(proportional: boolean): void {
    const last = this.pools[this.pools.length - 1];
    if (this.declared.length > 0 && last) last.proportional = proportional;
  }

  /**
   * An output of the current pool, with its factor and the pool average it counts at when the whole pool turns
   * out to be at its average (decided once the pool's outputs are all seen: `endPool`).
   */
  addOutput(output: LedgerOutput, average: number | null): void {
    if (this.declared.length === 0) return;
    const group = output.productGroup;
    if (group === undefined || !this.periodMass.has(group)) {
      this.ungrouped++;
      this.ungroupedMass.add(output.quantity);
      if (!this.firstUngrouped || byDateThenId(output, this.firstUngrouped) < 0) this.firstUngrouped = output;
      return;
    }
    let entry = this.current!.get(group);
    if (!entry) this.current!.set(group, (entry = { mass: new Sum(), emissions: new Sum(), atAverage: new Sum() }));
    entry.mass.add(output.quantity);
    entry.emissions.add(output.quantity * output.emissionFactor);
    if (average !== null) entry.atAverage.add(output.quantity * average);
    this.periodMass.get(group)!.add(output.quantity);
    this.periodEmissions.get(group)!.add(output.quantity * output.emissionFactor);
  }

  result(): LedgerMetrics['allocation'] {
    const basis = this.allocation.basis;
    const periodMass = new Map([...this.periodMass].map(([id, s]) => [id, s.value]));
    const groupedMass = sumValues(periodMass.values());
    const groupedEmissions = sumValues([...this.periodEmissions.values()].map((s) => s.value));
    const groups: GroupAllocation[] = this.declared.map((g) => {
      const mass = periodMass.get(g.id)!;
      const emissions = this.periodEmissions.get(g.id)!.value;
      const emissionsShare = ratio(emissions, groupedEmissions);
      return {
        id: g.id,
        share: g.share,
        outputMass: tidy(mass),
        massShare: nullableTidy(ratio(mass, groupedMass)),
        attributedEmissions: tidy(emissions),
        emissionsShare: nullableTidy(emissionsShare),
        deviation: emissionsShare === null ? null : tidy(emissionsShare - g.share),
      };
    });

    // The key of a group in a pool: its mass share (physical), or its declared share weighted by the mass it has
    // in the pool, the declared share over its period mass being its value per tonne (economic).
    const valuePerTonne = new Map(this.declared.map((g) => [g.id, periodMass.get(g.id)! > 0 ? g.share / periodMass.get(g.id)! : 0]));
    let poolsJudged = 0;
    let poolsNotProportional = 0;
    let worst: PoolGroupAllocation | null = null;
    if (basis !== 'none') {
      for (const { pool, groups: inPool, proportional } of this.pools) {
        if (inPool.size === 0) continue;
        const entries = [...inPool].sort(([a], [b]) => byIdThen(a, b));
        const weights = entries.map(([id, e]) => (basis === 'physical' ? e.mass.value : valuePerTonne.get(id)! * e.mass.value));
        const weightTotal = sumValues(weights);
        // Where every output is at the pool average, a factor rounded up must not tilt the split: count at it.
        const emissionsOf = (e: GroupInPool) => (proportional ? e.atAverage.value : e.emissions.value);
        const emissionsTotal = sumValues(entries.map(([, e]) => emissionsOf(e)));
        // Nothing to split: a pool whose grouped outputs carry no emissions, or no weight.
        if (!(emissionsTotal > 0) || !(weightTotal > 0)) continue;
        poolsJudged++;
        let off = false;
        entries.forEach(([group, e], k) => {
          const key = weights[k]! / weightTotal;
          const emissionsShare = emissionsOf(e) / emissionsTotal;
          if (agree(emissionsShare, key)) return;
          off = true;
          const deviation = emissionsShare - key;
          // With two groups the deviations are equal and opposite: float noise must not pick the one named.
          if (!worst || clearlyLess(Math.abs(worst.deviation), Math.abs(deviation))) {
            worst = { pool, group, key: tidy(key), emissionsShare: tidy(emissionsShare), deviation: tidy(deviation), outputMass: tidy(e.mass.value), attributedEmissions: tidy(emissionsOf(e)) };
          }
        });
        if (off) poolsNotProportional++;
      }
    }

    let declaredShares: LedgerMetrics['allocation']['declaredShares'] = null;
    if (basis === 'physical' && this.declared.length > 0 && groupedMass > 0) {
      let worstShare: NonNullable<LedgerMetrics['allocation']['declaredShares']>['worst'] = null;
      for (const g of this.declared) {
        const massShare = periodMass.get(g.id)! / groupedMass;
        // A share written with d decimals stands for the values that round to it.
        const halfStep = 0.5 * 10 ** -decimalsOf(g.share);
        const deviation = massShare - g.share;
        if (agree(massShare, g.share) || Math.abs(deviation) <= halfStep * (1 + 1e-9)) continue;
        if (!worstShare || clearlyLess(Math.abs(worstShare.deviation), Math.abs(deviation))) worstShare = { group: g.id, share: g.share, massShare: tidy(massShare), deviation: tidy(deviation) };
      }
      declaredShares = { agree: worstShare === null, worst: worstShare };
    }

    // The split over the whole period, as version 1 of the rulesets judged it (ghg-protocol@1.0.0 reads it):
    // shown, and judged only by rulesets released before the books judged allocation pool by pool.
    const judgedGroups = groups.filter((g) => g.deviation !== null);
    const periodWorst = judgedGroups.reduce<GroupAllocation | null>((w, g) => (!w || Math.abs(g.deviation!) > Math.abs(w.deviation!) ? g : w), null);
    const summary = groups
      .map((g) => `${g.id}: ${g.emissionsShare === null ? 'no emissions' : `${tidy(g.emissionsShare * 100).toFixed(2)}%`} of emissions against a share of ${tidy(g.share * 100).toFixed(2)}%`)
      .join('; ');
    return {
      basis,
      groups,
      proportional: judgedGroups.length === 0 ? null : judgedGroups.every((g) => agree(g.emissionsShare!, g.share) || Math.abs(g.emissionsShare! - g.share) <= 1e-6),
      worst: periodWorst,
      summary,
      pools: {
        judged: poolsJudged,
        notProportional: poolsNotProportional,
        proportional: this.declared.length === 0 || poolsJudged === 0 ? null : poolsNotProportional === 0,
        worst,
      },
      declaredShares,
      ungroupedOutputs: this.ungrouped,
      ungroupedOutputMass: tidy(this.ungroupedMass.value),
      firstUngroupedOutput: this.firstUngrouped?.id ?? null,
    };
  }
}

function sumValues(values: Iterable<number>): number {
  const sum = new Sum();
  for (const v of values) sum.add(v);
  return sum.value;
}

const nullableTidy = (v: number | null) => (v === null ? null : tidy(v));
