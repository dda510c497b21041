// Stacking (docs/books.md section 4): the red line against what entered the pool, and stacking by volume.
import type { LedgerOutput } from '../generated/declaration.js';
import { creditsOf } from './credits.js';
import { agree, clearlyLess } from './tolerance.js';

/** The lowest factor that entered a pool: its inputs, its stock at the blended factor, its lots' origin factors. */
export function lowestEntered(lowestInput: number | null, stockFactor: number | null, lotFactors: ReadonlyMap<number, number>): number | null {
  let lowest = lowestInput ?? Infinity;
  if (stockFactor !== null && stockFactor < lowest) lowest = stockFactor;
  for (const [factor, amount] of lotFactors) if (amount > 0 && factor < lowest) lowest = factor;
  return lowest === Infinity ? null : lowest;
}

export function isStacked(factor: number, lowest: number | null): boolean {
  return lowest !== null && clearlyLess(factor, lowest);
}

/** (B - a) / (B - lowest): how many inputs' worth of reduction an output carries (null when B <= lowest). */
export function stackingFactorOf(factor: number, lowest: number, baseline: number): number | null {
  return baseline > lowest ? (baseline - factor) / (baseline - lowest) : null;
}

export interface VolumeResult {
  holds: boolean;
  /** The worst failing factor x, with both sides of the failing test there; null when both tests hold. */
  worst: {
    /** Which test fails: by origin (credits against credits), or as a blend (reduction below x). */
    byOrigin: boolean;
    atEmissionFactor: number;
    outputReduction: number;
    backedReduction: number;
    outputMassBelow: number;
    creditsBelow: number;
    creditsUsedBelow: number;
  } | null;
  lowestOutput: { outputId: string; emissionFactor: number } | null;
  lowestLotFactor: number | null;
}

interface Point {
  factor: number;
  /** Output mass, or the tonnes a lot stands for, at this factor. */
  outputMass: number;
  lotMass: number;
  outputCredits: number;
  lotCredits: number;
  /** Credits used, and mass, of outputs clearly below their pool's physical average (given more than their share). */
  belowAverageCredits: number;
  belowAverageMass: number;
}

/**
 * Stacking by volume for one pool (docs/books.md section 4), two tests that an honest credit method and an
 * honest rolling average both hold:
 * - by origin (DOMAIN.md's inequality): for every factor x, the credits used by outputs given more than their
 *   share (clearly below the pool's physical average) at or below x are at most the credits of the lots whose
 *   origin factor is at or below x;
 * - as a blend: for every x below B, sum over outputs below x of m (x - a) is at most sum over lots below x of
 *   (L / (B - e)) (x - e): the outputs could be made by blending what entered.
 * Factors that agree within the tolerance are one point, so an output at a pool average computed a few units in
 * the last place away from its lot's is not "below" it. Both sides are compared at every point, accumulated
 * without subtraction. Null when no output uses credits.
 */
export function volumeTest(outputs: readonly LedgerOutput[], lotFactors: ReadonlyMap<number, number>, baseline: number, average: number | null): VolumeResult | null {
  const byFactor = new Map<number, Point>();
  const point = (factor: number): Point => {
    let p = byFactor.get(factor);
    if (!p) byFactor.set(factor, (p = { factor, outputMass: 0, lotMass: 0, outputCredits: 0, lotCredits: 0, belowAverageCredits: 0, belowAverageMass: 0 }));
    return p;
  };
  let lowestOutput: VolumeResult['lowestOutput'] = null;
  for (const output of outputs) {
    const a = output.emissionFactor;
    if (!(a < baseline)) continue;
    const p = point(a);
    p.outputMass += output.quantity;
    const credits = creditsOf(output.quantity, a, baseline);
    p.outputCredits += credits;
    // Without an average nothing entered: every reduction an output carries is more than its share.
    if (average === null || clearlyLess(a, average)) {
      p.belowAverageCredits += credits;
      p.belowAverageMass += output.quantity;
    }
    if (!lowestOutput || a < lowestOutput.emissionFactor || (a === lowestOutput.emissionFactor && output.id < lowestOutput.outputId)) lowestOutput = { outputId: output.id, emissionFactor: a };
  }
  if (!lowestOutput) return null;
  let lowestLotFactor: number | null = null;
  for (const [factor, amount] of lotFactors) {
    if (!(factor < baseline) || amount <= 0) continue;
    const p = point(factor);
    p.lotMass += amount / (baseline - factor);
    p.lotCredits += amount;
    if (lowestLotFactor === null || factor < lowestLotFactor) lowestLotFactor = factor;
  }
  const points = [...byFactor.values()].sort((a, b) => a.factor - b.factor);

  // Clusters of factors that agree, each at its lowest factor.
  const clusters: Point[] = [];
  for (const p of points) {
    const last = clusters[clusters.length - 1];
    if (last && agree(last.factor, p.factor)) {
      last.outputMass += p.outputMass;
      last.lotMass += p.lotMass;
      last.outputCredits += p.outputCredits;
      last.lotCredits += p.lotCredits;
      last.belowAverageCredits += p.belowAverageCredits;
      last.belowAverageMass += p.belowAverageMass;
    } else clusters.push({ ...p });
  }

  let outputSide = 0;
  let lotSide = 0;
  let outputMassBelow = 0;
  let lotMassBelow = 0;
  let creditsBelow = 0;
  let creditsUsedBelow = 0;
  let belowAverageCredits = 0;
  let belowAverageMass = 0;
  let worst: VolumeResult['worst'] = null;
  const consider = (candidate: NonNullable<VolumeResult['worst']>) => {
    // A failure by origin is named before one as a blend (it is DOMAIN.md's own form); then the larger shortfall.
    const gap = candidate.outputReduction - candidate.backedReduction;
    if (!worst || (candidate.byOrigin && !worst.byOrigin) || (candidate.byOrigin === worst.byOrigin && gap > worst.outputReduction - worst.backedReduction)) worst = candidate;
  };
  let previous: number | null = null;
  for (const c of clusters) {
    if (previous !== null) {
      const step = c.factor - previous;
      outputSide += step * outputMassBelow;
      lotSide += step * lotMassBelow;
    }
    if (clearlyLess(lotSide, outputSide)) consider({ byOrigin: false, atEmissionFactor: c.factor, outputReduction: outputSide, backedReduction: lotSide, outputMassBelow, creditsBelow, creditsUsedBelow });
    outputMassBelow += c.outputMass;
    lotMassBelow += c.lotMass;
    creditsBelow += c.lotCredits;
    creditsUsedBelow += c.outputCredits;
    belowAverageCredits += c.belowAverageCredits;
    belowAverageMass += c.belowAverageMass;
    // At or below x, both sides inclusive: the credits of outputs given more than their share, against the lots.
    if (clearlyLess(creditsBelow, belowAverageCredits)) {
      consider({ byOrigin: true, atEmissionFactor: c.factor, outputReduction: belowAverageCredits, backedReduction: creditsBelow, outputMassBelow: belowAverageMass, creditsBelow, creditsUsedBelow: belowAverageCredits });
    }
    previous = c.factor;
  }
  return { holds: worst === null, worst, lowestOutput, lowestLotFactor };
}
