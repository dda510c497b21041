// Claims and certificates (docs/books.md section 5): which outputs are sold under the claim, what their factors
// support against the baseline and the pool average, and certificates that repeat a reduction.
import type { Declaration, LedgerOutput } from '../generated/declaration.js';
import { byDateThenId } from './pools.js';
import type { ClaimReading } from '../generated/metrics.js';
import { decimalsOf } from './physical.js';
import { clearlyLess, excessOf, Sum, tidy } from './tolerance.js';
import type { LedgerMetrics } from './types.js';

export type ClaimedBy = LedgerMetrics['claim']['claimedBy'];

export interface ClaimSelector {
  claimedBy: ClaimedBy;
  /** Whether an output, with its pool's physical average (null without one), is sold under the claim. */
  isClaimed(output: LedgerOutput, poolAverage: number | null, baseline: number): boolean;
}

export const isProportionalMethod = (declaration: Declaration): boolean =>
  declaration.method.attribution.proportional === true || declaration.method.attribution.model === 'rolling-average-percentage';

export function claimSelector(declaration: Declaration): ClaimSelector {
  const claim = declaration.method.reporting.claim;
  const groups = new Set(claim?.productGroups ?? []);
  const outputs = new Set(claim?.outputs ?? []);
  if (groups.size > 0 || outputs.size > 0) {
    return {
      claimedBy: groups.size > 0 && outputs.size > 0 ? 'productGroups and outputs' : groups.size > 0 ? 'productGroups' : 'outputs',
      isClaimed: (output) => outputs.has(output.id) || (output.productGroup !== undefined && groups.has(output.productGroup)),
    };
  }
  if (isProportionalMethod(declaration)) return { claimedBy: 'proportional attribution', isClaimed: () => true };
  return {
    claimedBy: 'below pool average',
    // Without a pool average (nothing entered the pool), an output below the baseline carries a reduction from nowhere.
    isClaimed: (output, average, baseline) => clearlyLess(output.emissionFactor, average ?? baseline),
  };
}

export const reductionPercent = (from: number, to: number): number | null => (from > 0 ? (100 * (from - to)) / from : null);

/** The physical averages of the pools a set of outputs came from: highest, lowest, and mass-weighted. */
class PoolAverages {
  private readonly mass = new Sum();
  private readonly emissions = new Sum();
  highest: number | null = null;
  lowest: number | null = null;

  add(output: LedgerOutput, average: number | null): void {
    if (average === null) return;
    this.mass.add(output.quantity);
    this.emissions.add(output.quantity * average);
    if (this.highest === null || average > this.highest) this.highest = average;
    if (this.lowest === null || average < this.lowest) this.lowest = average;
  }

  get any(): boolean {
    return this.highest !== null;
  }

  get average(): number | null {
    return this.mass.value > 0 ? this.emissions.value / this.mass.value : this.highest;
  }
}

/** Gathers the claimed outputs during the pass over the pools. */
export class ClaimBooks {
  private count = 0;
  private readonly mass = new Sum();
  private supported = Infinity;
  private supportedVsAverage: number | null = null;
  private worstPool: { output: LedgerOutput; pool: string; lowest: number | null } | null = null;
  private readonly claimedAverages = new PoolAverages();
  private readonly everyAverage = new PoolAverages();
  private aboveZero = 0;
  private firstAboveZero: { output: LedgerOutput; pool: string } | null = null;
  private zeroPoolsShort = 0;
  private worstZero: LedgerMetrics['claim']['fullReduction']['worst'] = null;

  add(output: LedgerOutput, pool: string, average: number | null, lowest: number | null, baseline: number): void {
    this.count++;
    this.mass.add(output.quantity);
    this.supported = Math.min(this.supported, reductionPercent(baseline, output.emissionFactor) ?? 0);
    this.claimedAverages.add(output, average);
    if (average !== null && average > 0) this.supportedVsAverage = Math.min(this.supportedVsAverage ?? Infinity, reductionPercent(average, output.emissionFactor)!);
    // A full-reduction claim needs a zero factor entering every claimed pool: the worst is the claimed pool whose
    // lowest factor is highest; a pool into which nothing entered is the worst of all.
    if (output.emissionFactor > 0) {
      this.aboveZero++;
      if (!this.firstAboveZero || byDateThenId(output, this.firstAboveZero.output) < 0) this.firstAboveZero = { output, pool };
    }
    const rank = lowest ?? Infinity;
    const w = this.worstPool;
    if (!w || rank > (w.lowest ?? Infinity) || (rank === (w.lowest ?? Infinity) && byDateThenId(output, w.output) < 0)) this.worstPool = { output, pool, lowest };
  }

  /**
   * A pool's claimed outputs at zero use m B of credits; zero-emission input (lots of origin factor 0) backs them
   * by volume only up to its own credits: each tonne at zero needs a tonne of zero-emission input.
   */
  addZeroBacking(pool: string, zeroOutputCredits: number, zeroLotCredits: number): void {
    if (!(zeroOutputCredits > 0) || !clearlyLess(zeroLotCredits, zeroOutputCredits)) return;
    this.zeroPoolsShort++;
    const shortfall = zeroOutputCredits - zeroLotCredits;
    if (!this.worstZero || shortfall > this.worstZero.shortfall) this.worstZero = { pool, zeroOutputCredits: tidy(zeroOutputCredits), zeroInputCredits: tidy(zeroLotCredits), shortfall: tidy(shortfall) };
  }

  /** Every output, claimed or not: what a disclosed footprint is held against when the ledger shows no claimed output. */
  see(output: LedgerOutput, average: number | null): void {
    this.everyAverage.add(output, average);
  }

  get claimedMass(): number {
    return this.mass.value;
  }

  result(claimedBy: ClaimedBy, declared: number | null, reading: ClaimReading): LedgerMetrics['claim'] {
    const supported = this.count === 0 ? 0 : tidy(this.supported);
    const stated = reading.statedPercent;
    const footprint = reading.physicalFootprint;
    const comparedWith = this.claimedAverages.any ? 'claimed outputs' : this.everyAverage.any ? 'outputs' : null;
    const compared = comparedWith === 'claimed outputs' ? this.claimedAverages : this.everyAverage;
    const highest = comparedWith === null ? null : compared.highest;
    // A footprint written with d decimals stands for what rounds to it (1.9 for up to 1.95). One figure disclosed
    // for the claimed product must not be below what any of it physically carries: below the highest average of
    // their pools by more than the rounding, it understates what some buyers physically get.
    const readUpTo = footprint === null ? null : footprint.value + 0.5 * 10 ** -decimalsOf(footprint.value);
    const understated = readUpTo === null || highest === null ? null : clearlyLess(readUpTo, highest);
    return {
      reductionPercent: declared,
      statedPercent: stated,
      statedExcessPercent: stated === null ? null : tidy(Math.max(0, stated - supported)),
      physicalFootprint: {
        stated: footprint?.value ?? null,
        source: footprint?.source ?? null,
        readUpTo: readUpTo === null ? null : tidy(readUpTo),
        comparedWith,
        highestPoolAverage: highest === null ? null : tidy(highest),
        lowestPoolAverage: comparedWith === null ? null : tidy(compared.lowest!),
        averageOfCompared: comparedWith === null ? null : tidy(compared.average!),
        understated,
      },
      claimedBy,
      claimedOutputs: this.count,
      supportedReductionPercent: supported,
      supportedReductionVsPoolAveragePercent: this.supportedVsAverage === null ? null : tidy(this.supportedVsAverage),
      excessPercent: declared === null ? null : tidy(Math.max(0, declared - supported)),
      reductionSupported: stated === null ? null : this.count > 0 && !clearlyLess(supported, stated),
      fullReduction: {
        claimedAboveZero: this.aboveZero,
        firstAboveZero: this.firstAboveZero && { outputId: this.firstAboveZero.output.id, pool: this.firstAboveZero.pool, emissionFactor: this.firstAboveZero.output.emissionFactor },
        poolsShort: this.zeroPoolsShort,
        worst: this.worstZero,
      },
      highestLowestInputOfClaimedPools: this.worstPool ? this.worstPool.lowest : null,
      worstClaimedPool: this.worstPool && { outputId: this.worstPool.output.id, pool: this.worstPool.pool, lowestInputEmissionFactor: this.worstPool.lowest },
    };
  }
}

/** Certificates: ids used twice, reductions both in a factor and in a certificate, and quantities against credits. */
export class CertificateBooks {
  private readonly counts = new Map<string, number>();
  private alsoInFactor = 0;
  private example: { output: LedgerOutput; average: number } | null = null;
  private belowAverage = 0;
  private belowAverageExample: { output: LedgerOutput; average: number } | null = null;
  private readonly inFactors = new Sum();
  private readonly issued = new Sum();
  private withQuantity = 0;
  private withoutQuantity = 0;

  add(output: LedgerOutput, average: number | null): void {
    const reduced = average !== null && clearlyLess(output.emissionFactor, average);
    if (reduced) {
      // What the factor gives beyond the output's physical share: that reduction cannot also be certified.
      this.inFactors.add(output.quantity * (average! - output.emissionFactor));
      this.belowAverage++;
      if (!this.belowAverageExample || byDateThenId(output, this.belowAverageExample.output) < 0) this.belowAverageExample = { output, average: average! };
    }
    if (!output.certificateId) return;
    this.counts.set(output.certificateId, (this.counts.get(output.certificateId) ?? 0) + 1);
    if (output.certificateQuantity !== undefined) {
      this.issued.add(output.certificateQuantity);
      this.withQuantity++;
    } else this.withoutQuantity++;
    if (reduced) {
      this.alsoInFactor++;
      if (!this.example || byDateThenId(output, this.example.output) < 0) this.example = { output, average: average! };
    }
  }

  /** `earned`: the credits earned over the period, what the certificates and the factors may share between them. */
  result(earned: number): LedgerMetrics['certificates'] {
    const duplicateIds = [...this.counts].filter(([, n]) => n > 1).map(([id]) => id).sort();
    const issued = this.withQuantity > 0 ? this.issued.value : null;
    const inFactors = this.inFactors.value;
    const claimedTwice = issued === null ? null : new Sum().add(issued).add(inFactors).value;
    const example = (e: { output: LedgerOutput; average: number } | null) =>
      e && { outputId: e.output.id, certificateId: e.output.certificateId ?? null, emissionFactor: e.output.emissionFactor, poolAverage: tidy(e.average) };
    return {
      count: this.counts.size,
      duplicateIds,
      duplicateIdCount: duplicateIds.length,
      alsoInFactor: this.alsoInFactor,
      alsoInFactorExample: this.example && {
        outputId: this.example.output.id,
        certificateId: this.example.output.certificateId!,
        emissionFactor: this.example.output.emissionFactor,
        poolAverage: tidy(this.example.average),
      },
      outputsBelowAverage: this.belowAverage,
      outputsBelowAverageExample: example(this.belowAverageExample),
      issued: issued === null ? null : tidy(issued),
      withQuantity: this.withQuantity,
      withoutQuantity: this.withoutQuantity,
      creditsEarned: tidy(earned),
      reductionInFactors: tidy(inFactors),
      overIssued: claimedTwice === null ? null : tidy(excessOf(claimedTwice, earned)),
    };
  }
}
