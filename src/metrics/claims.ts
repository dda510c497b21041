// Claims and certificates (docs/books.md section 5): which outputs are sold under the claim, what their factors
// support against the baseline and the pool average, and certificates that repeat a reduction.
import type { Declaration, LedgerOutput } from '../generated/declaration.js';
import { byDateThenId } from './pools.js';
import type { ClaimReading } from '../generated/metrics.js';
import { clearlyLess, excessOf, Sum, tidy } from './tolerance.js';
import type { CarryOverRules } from './credits.js';
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

/** What rounding a figure to three significant figures may take off it: half a unit of the third (0.005 for 1.932). */
const roundingOf = (value: number): number => (value > 0 ? 0.5 * 10 ** (Math.floor(Math.log10(value)) - 2) : 0);

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
    // Every footprint the claim states: the declared one and the physical factors its label and wording give.
    const statedFigures = [...(footprint?.source === 'declared' ? [footprint.value] : []), ...reading.factors.filter((f) => f.physical).map((f) => f.value)];
    const lowestStated = statedFigures.length > 0 ? Math.min(...statedFigures) : null;
    // One figure stated for the product must not be below what any of it physically carries, the highest pool
    // average, by more than rounding it to the three significant figures a footprint is commonly given to takes
    // off (1.93 for 1.932; 2 or 2.0 is not 2.41).
    let understatedFigure: number | null = null;
    let understatedAgainst: number | null = null;
    if (footprint !== null && comparedWith !== null) {
      const highest = compared.highest!;
      const lowest = compared.lowest!;
      if (clearlyLess(footprint.value, highest - roundingOf(highest))) [understatedFigure, understatedAgainst] = [footprint.value, highest];
      // Beside a declared footprint, a lower one in the wording contradicts it (the wording alone may list one per
      // quarter or per site, and the highest is the one held up).
      else if (footprint.source === 'declared' && lowestStated !== null && clearlyLess(lowestStated, lowest - roundingOf(lowest))) [understatedFigure, understatedAgainst] = [lowestStated, lowest];
    }
    const understated = footprint === null || comparedWith === null ? null : understatedFigure !== null;
    return {
      reductionPercent: declared,
      statedPercent: stated,
      statedExcessPercent: stated === null ? null : tidy(Math.max(0, stated - supported)),
      physicalFootprint: {
        stated: footprint?.value ?? null,
        source: footprint?.source ?? null,
        lowestStated,
        comparedWith,
        highestPoolAverage: comparedWith === null ? null : tidy(compared.highest!),
        lowestPoolAverage: comparedWith === null ? null : tidy(compared.lowest!),
        averageOfCompared: comparedWith === null ? null : tidy(compared.average!),
        understatedFigure,
        understatedAgainst: understatedAgainst === null ? null : tidy(understatedAgainst),
        roundingAllowed: understatedAgainst === null ? null : tidy(roundingOf(understatedAgainst)),
        understated,
      },
      claimedBy,
      claimedOutputs: this.count,
      supportedReductionPercent: supported,
      supportedReductionVsPoolAveragePercent: this.supportedVsAverage === null ? null : tidy(this.supportedVsAverage),
      excessPercent: declared === null ? null : tidy(Math.max(0, declared - supported)),
      // A percentage stated against the physical average is held to what the outputs show against their pools' averages too.
      reductionSupported:
        stated === null
          ? null
          : this.count > 0 &&
            !clearlyLess(supported, stated) &&
            (reading.statedPercentVsAverage === null || (this.supportedVsAverage !== null && !clearlyLess(this.supportedVsAverage, reading.statedPercentVsAverage))),
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
  // Window by window, as the credit lots are: what the window's certificates and factors take, against the credits
  // earned in it and those carried in from earlier windows under the carry-over rules, oldest first.
  private rules: CarryOverRules = { allowed: false, maxPeriods: 0 };
  private lots: Array<{ amount: number; window: number }> = [];
  private windowIssued = new Sum();
  private windowInFactors = new Sum();
  private readonly overByWindow = new Sum();
  private worstWindow: NonNullable<LedgerMetrics['certificates']['overIssuedWorst']> | null = null;
  private stacked = 0;
  private stackedExample: NonNullable<LedgerMetrics['certificates']['stackedByCertificateExample']> | null = null;

  startUnit(rules: CarryOverRules): void {
    this.rules = rules;
    this.lots = [];
  }

  /**
   * `lowest`: the lowest factor that entered the output's pool. A certificate represents a reduction against the
   * baseline, as the credits it draws on do: per tonne it may be no more than the baseline less that lowest factor.
   */
  add(output: LedgerOutput, average: number | null, lowest: number | null, baseline: number): void {
    const reduced = average !== null && clearlyLess(output.emissionFactor, average);
    if (reduced) {
      // What the factor gives beyond the output's physical share: that reduction cannot also be certified.
      this.windowInFactors.add(output.quantity * (average! - output.emissionFactor));
      this.inFactors.add(output.quantity * (average! - output.emissionFactor));
      this.belowAverage++;
      if (!this.belowAverageExample || byDateThenId(output, this.belowAverageExample.output) < 0) this.belowAverageExample = { output, average: average! };
    }
    if (!output.certificateId) return;
    this.counts.set(output.certificateId, (this.counts.get(output.certificateId) ?? 0) + 1);
    if (output.certificateQuantity !== undefined) {
      this.issued.add(output.certificateQuantity);
      this.windowIssued.add(output.certificateQuantity);
      this.withQuantity++;
      // 1400 tCO2e certified on 100 t is 14 t/t off the baseline: below what entered its pool, stacking by certificate.
      const effective = output.quantity > 0 ? baseline - output.certificateQuantity / output.quantity : null;
      if (effective !== null && lowest !== null && clearlyLess(effective, lowest)) {
        this.stacked++;
        if (!this.stackedExample || effective < this.stackedExample.effectiveFactor) {
          this.stackedExample = {
            outputId: output.id,
            certificateId: output.certificateId,
            quantity: output.quantity,
            emissionFactor: output.emissionFactor,
            certificateQuantity: output.certificateQuantity,
            effectiveFactor: tidy(effective),
            lowestEntered: lowest,
          };
        }
      }
    } else this.withoutQuantity++;
    if (reduced) {
      this.alsoInFactor++;
      if (!this.example || byDateThenId(output, this.example.output) < 0) this.example = { output, average: average! };
    }
  }

  /** At a window's close: its certificates and factors draw on the credits it earned and those carried into it. */
  closeWindow(pool: string, window: number, earned: number): void {
    if (earned > 0) this.lots.push({ amount: earned, window });
    this.lots = this.lots.filter((lot) => window - lot.window <= this.rules.maxPeriods);
    const need = new Sum().add(this.windowIssued.value).add(this.windowInFactors.value).value;
    const available = this.lots.reduce((sum, lot) => sum.add(lot.amount), new Sum()).value;
    let left = need;
    for (const lot of this.lots) {
      const taken = Math.min(lot.amount, left);
      lot.amount -= taken;
      left -= taken;
    }
    this.lots = this.lots.filter((lot) => lot.amount > 0);
    const excess = excessOf(need, available);
    if (excess > 0) {
      this.overByWindow.add(excess);
      if (!this.worstWindow || excess > this.worstWindow.excess) {
        this.worstWindow = { pool, issued: tidy(this.windowIssued.value), inFactors: tidy(this.windowInFactors.value), available: tidy(available), excess: tidy(excess) };
      }
    }
    this.windowIssued = new Sum();
    this.windowInFactors = new Sum();
  }

  /** `earned`: the credits earned over the period, what the certificates and the factors may share between them. */
  result(earned: number): LedgerMetrics['certificates'] {
    const duplicateIds = [...this.counts].filter(([, n]) => n > 1).map(([id]) => id).sort();
    const issued = this.withQuantity > 0 ? this.issued.value : null;
    const inFactors = this.inFactors.value;
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
      overIssued: issued === null ? null : tidy(this.overByWindow.value),
      overIssuedWorst: issued === null ? null : this.worstWindow,
      stackedByCertificate: this.stacked,
      stackedByCertificateExample: this.stackedExample,
    };
  }
}
