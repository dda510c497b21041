// derive metrics: the books of docs/books.md over a valid declaration, unit by unit and window by window.
// Pure: the same declaration gives the same figures, whatever the order of its lines or keys.
import type { Declaration, Ledger, LedgerOutput } from '../generated/declaration.js';
import { readClaim } from '../claims/reader.js';
import { matchEudrCommodity } from '../commodities.js';
import type { ClaimReading } from '../generated/metrics.js';
import { tableOnFirstRead } from '../lazyTable.js';
import { AllocationBooks } from './allocation.js';
import { CertificateBooks, claimSelector, ClaimBooks, reductionPercent, type ClaimSelector } from './claims.js';
import { connectivityOf, siteComponents } from './connectivity.js';
import { carryOverRules, creditsOf, creditWindow, emptyCreditState, poolDemand, runningLow, unlimitedCarryOver, type SiteLinks } from './credits.js';
import { evidenceOf } from './evidence.js';
import { inputFigures } from './inputs.js';
import { originCompleteness } from './origin.js';
import { atAverage, NO_STOCK, physicalAccount, type Stock } from './physical.js';
import { inCanonicalOrder, layOutPools } from './pools.js';
import { isStacked, lowestEntered, stackingFactorOf, volumeTest } from './stacking.js';
import { baselineAboveConventional, hasTechnologyChange, routeSummary, unitRoute, type UnitRoute } from './technology.js';
import { TransferBooks } from './transfers.js';
import { agree, clearlyLess, excessOf, RELATIVE_TOLERANCE, Sum, tidy, toleranceStatement } from './tolerance.js';
import type { LedgerMetrics, Metrics, OutputMetrics, PoolMetrics, StackedOutput, VolumeShortfall } from './types.js';

export interface DeriveOptions {
  /** The date evidence is judged on (a verification dated later is planned, not done); default today (UTC). */
  asOf?: string;
}

export function deriveMetrics(declaration: Declaration, options: DeriveOptions = {}): Metrics {
  const { transferBoundary, reporting } = declaration.method;
  const claimReading = readClaim(reporting.claim, { periodEnd: declaration.period.end });
  return {
    tolerance: { relative: RELATIVE_TOLERANCE, statement: toleranceStatement },
    hasLedger: declaration.ledger !== undefined,
    connectivity: connectivityOf(transferBoundary.level, transferBoundary.sites ?? []),
    decisionsDisclosed: reporting.disclosure?.published ? new Set(reporting.disclosure.decisionsDisclosed ?? []).size : 0,
    claimReading,
    evidence: evidenceOf(declaration, options.asOf ?? new Date().toISOString().slice(0, 10)),
    eudrCommodity: matchEudrCommodity(declaration.commodity),
    ledger: declaration.ledger ? deriveLedgerMetrics(declaration, declaration.ledger, claimReading) : null,
  };
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? tidy(part / whole) : null);
const nullableTidy = (v: number | null): number | null => (v === null ? null : tidy(v));
/** What the figures of a pool's outputs depend on, kept to compute the per-output table when it is read. */
interface OutputContext {
  pool: string;
  average: number | null;
  lowest: number | null;
  outputs: LedgerOutput[];
}

function outputMetricsOf(output: LedgerOutput, c: OutputContext, baseline: number, claims: ClaimSelector): OutputMetrics {
  const a = output.emissionFactor;
  const stacked = isStacked(a, c.lowest);
  return {
    id: output.id,
    pool: c.pool,
    date: output.date,
    site: output.site,
    productGroup: output.productGroup ?? null,
    quantity: output.quantity,
    emissionFactor: a,
    poolAverage: nullableTidy(c.average),
    lowestInputEmissionFactor: c.lowest,
    creditsUsed: tidy(creditsOf(output.quantity, a, baseline)),
    reductionVsBaselinePercent: nullableTidy(reductionPercent(baseline, a)),
    reductionVsPoolAveragePercent: c.average ? tidy(reductionPercent(c.average, a)!) : null,
    claimed: claims.isClaimed(output, c.average, baseline),
    stacked,
    stackingFactor: stacked ? nullableTidy(stackingFactorOf(a, c.lowest!, baseline)) : null,
    atPoolAverage: c.average === null ? null : atAverage(a, c.average),
    certificateId: output.certificateId ?? null,
  };
}

/** Running totals over the pools, compensated. */
class Totals {
  readonly inputMass = new Sum();
  readonly inputEmissions = new Sum();
  readonly outputMass = new Sum();
  readonly attributed = new Sum();
  readonly unattributed = new Sum();
  readonly earned = new Sum();
  readonly used = new Sum();
  readonly expired = new Sum();
  readonly forfeited = new Sum();
  readonly overdraft = new Sum();
  readonly beyondCarryOver = new Sum();
  readonly inClosingStock = new Sum();
  readonly carriedBeyond = new Sum();
  readonly closingStock = new Sum();
}

export function deriveLedgerMetrics(declaration: Declaration, asWritten: Ledger, claimReading: ClaimReading = readClaim(declaration.method.reporting.claim, { periodEnd: declaration.period.end })): LedgerMetrics {
  const ledger = inCanonicalOrder(asWritten);
  const { method } = declaration;
  const highestInput = ledger.inputs.reduce((max, i) => Math.max(max, i.emissionFactor), 0);
  const baseline = ledger.baselineEmissionFactor ?? highestInput;
  const layout = layOutPools(declaration, ledger);
  const rules = carryOverRules(method.temporalBoundary);
  const limited = !(rules.allowed && rules.maxPeriods === Infinity);
  const multiSite = method.transferBoundary.level === 'multi-site';
  const links: SiteLinks | null = multiSite
    ? { componentOf: new Map(siteComponents(method.transferBoundary.sites ?? []).flatMap((group, index) => group.map((site) => [site, index] as const))) }
    : null;
  const claims = claimSelector(declaration);

  const totals = new Totals();
  const pools: PoolMetrics[] = [];
  const outputContexts: OutputContext[] = [];
  const allocation = new AllocationBooks(method.allocation);
  const claimBooks = new ClaimBooks();
  const certificates = new CertificateBooks();
  const routes: UnitRoute[] = [];
  const unitChange = new Map<string, boolean>();
  const stacked: StackedOutput[] = [];
  const transfers = new TransferBooks();

  let worstOverdraft = null as PoolMetrics | null;
  let worstRunning = null as PoolMetrics | null;
  let worstBeyond = null as LedgerMetrics['balance']['worstBeyondCarryOverRules'];
  let worstBeyondAmount = 0;
  let worstExcess = null as PoolMetrics | null;
  let worstVolume = null as VolumeShortfall | null;
  let poolsJudgedByVolume = 0;
  let poolsShortByVolume = 0;
  let worstOffAverage = null as LedgerMetrics['proportionality']['worst'];
  let outputsOffAverage = 0;
  let poolsWithFreeAttribution = 0;
  let poolsFreeWithoutChange = 0;
  let worstWithoutChange = null as LedgerMetrics['technology']['worst'];

  for (const [unit, row] of layout.units) {
    const route = unitRoute(unit, row);
    if (route) {
      routes.push(route);
      unitChange.set(unit, hasTechnologyChange(route, row.flatMap((p) => p.inputs), new Map()));
    }
    let stock: Stock = NO_STOCK;
    certificates.startUnit(rules);
    const state = emptyCreditState();
    const stateWithoutLimits = emptyCreditState();
    row.forEach((pool, k) => {
      const physical = physicalAccount(pool, stock);
      stock = physical.stockOut;
      const demand = poolDemand(pool, k, baseline);
      const close = { mass: physical.stockOut.mass, average: physical.average };
      const credit = creditWindow(state, demand, k, pool.id, baseline, rules, close, links);
      const withoutLimits = limited ? creditWindow(stateWithoutLimits, demand, k, pool.id, baseline, unlimitedCarryOver, close, links) : credit;
      if (k === row.length - 1) {
        totals.inClosingStock.add(credit.toStock);
        totals.carriedBeyond.add(credit.carriedOut);
        totals.closingStock.add(physical.stockOut.mass);
      }
      const nothingHappened = pool.inputs.length === 0 && pool.outputs.length === 0 && physical.stockIn.mass === 0 && credit.available === 0 && credit.expired === 0;
      if (nothingHappened) return;

      const running = runningLow(demand, credit.carriedIn + credit.withStock);
      const average = physical.average;
      const lowest = lowestEntered(physical.lowestInputFactor, physical.stockIn.mass > 0 ? physical.stockIn.emissionFactor : null, credit.lotFactors);
      const volume = volumeTest(pool.outputs, credit.lotFactors, baseline, average);
      const technologyChange = hasTechnologyChange(route, pool.inputs, credit.lotFactors);

      allocation.startPool(pool.id);
      let zeroOutputCredits = 0;
      let offAverage = 0;
      let stackedHere = 0;
      let lowestBelowAverage = null as LedgerOutput | null;
      for (const output of pool.outputs) {
        const a = output.emissionFactor;
        const at = average === null ? null : atAverage(a, average);
        if (at === false) {
          offAverage++;
          const deviation = a - average!;
          if (!worstOffAverage || Math.abs(deviation) > Math.abs(worstOffAverage.deviation)) {
            worstOffAverage = { outputId: output.id, pool: pool.id, emissionFactor: a, poolAverage: tidy(average!), deviation: tidy(deviation) };
          }
          if (clearlyLess(a, average!) && (!lowestBelowAverage || a < lowestBelowAverage.emissionFactor)) lowestBelowAverage = output;
        }
        if (isStacked(a, lowest)) {
          stackedHere++;
          stacked.push({ outputId: output.id, pool: pool.id, emissionFactor: a, lowestInputEmissionFactor: lowest!, stackingFactor: nullableTidy(stackingFactorOf(a, lowest!, baseline)) });
        }
        allocation.addOutput(output, average);
        claimBooks.see(output, average);
        if (claims.isClaimed(output, average, baseline)) {
          claimBooks.add(output, pool.id, average, lowest, baseline);
          if (a === 0) zeroOutputCredits += creditsOf(output.quantity, 0, baseline);
        }
        certificates.add(output, average, lowest, baseline);
      }
      outputsOffAverage += offAverage;
      allocation.endPool(average !== null && pool.outputs.length > 0 && offAverage === 0);
      claimBooks.addZeroBacking(pool.id, zeroOutputCredits, credit.lotFactors.get(0) ?? 0);
      certificates.closeWindow(pool.id, k, credit.earned);
      const freeAttribution = lowestBelowAverage !== null;
      if (freeAttribution) {
        poolsWithFreeAttribution++;
        if (!technologyChange) {
          poolsFreeWithoutChange++;
          worstWithoutChange ??= {
            pool: pool.id,
            conventionalEmissionFactor: route?.conventional ?? null,
            lowestInputEmissionFactor: lowest,
            outputId: lowestBelowAverage!.id,
            emissionFactor: lowestBelowAverage!.emissionFactor,
            poolAverage: tidy(average!),
          };
        }
      }
      if (volume) {
        poolsJudgedByVolume++;
        if (!volume.holds) {
          poolsShortByVolume++;
          const w = volume.worst!;
          const shortfall = w.outputReduction - w.backedReduction;
          if (!worstVolume || shortfall > worstVolume.shortfall) {
            worstVolume = {
              byOrigin: w.byOrigin,
              pool: pool.id,
              window: pool.window,
              atEmissionFactor: w.atEmissionFactor,
              outputReduction: tidy(w.outputReduction),
              backedReduction: tidy(w.backedReduction),
              shortfall: tidy(shortfall),
              outputMassBelow: tidy(w.outputMassBelow),
              lowestOutput: volume.lowestOutput!,
              lowestLotEmissionFactor: volume.lowestLotFactor,
              creditsBelow: tidy(w.creditsBelow),
              creditsUsedBelow: tidy(w.creditsUsedBelow),
            };
          }
        }
      }

      // Shown, never judged; a difference of two amounts that agree is no amount at all (not float noise).
      const physicalEmissions = average === null ? null : physical.outputMass * average;
      const unattributed = physicalEmissions === null ? null : agree(physicalEmissions, physical.attributedEmissions) ? 0 : physicalEmissions - physical.attributedEmissions;
      const p: PoolMetrics = {
        id: pool.id,
        boundaryKey: pool.boundaryKey,
        window: pool.window,
        inputs: pool.inputs.length,
        outputs: pool.outputs.length,
        inputMass: tidy(physical.inputMass),
        inputEmissions: tidy(physical.inputEmissions),
        stockCarriedIn: tidy(physical.stockIn.mass),
        stockEmissionFactor: physical.stockIn.mass > 0 ? nullableTidy(physical.stockIn.emissionFactor) : null,
        mass: tidy(physical.mass),
        emissions: tidy(physical.emissions),
        averageEmissionFactor: nullableTidy(average),
        lowestInputEmissionFactor: lowest,
        outputMass: tidy(physical.outputMass),
        attributedEmissions: tidy(physical.attributedEmissions),
        unattributedEmissions: nullableTidy(unattributed),
        massExcess: tidy(physical.massExcess),
        stockCarriedOut: tidy(physical.stockOut.mass),
        creditsCarriedIn: tidy(credit.carriedIn),
        creditsWithStock: tidy(credit.withStock),
        creditsEarned: tidy(credit.earned),
        creditsAvailable: tidy(credit.available),
        creditsUsed: tidy(credit.used),
        creditsExpired: tidy(credit.expired),
        creditsForfeited: tidy(credit.forfeited),
        creditsToStock: tidy(credit.toStock),
        creditsCarriedOut: tidy(credit.carriedOut),
        closingBalance: tidy(credit.closingBalance),
        overdraft: tidy(credit.overdraft),
        lowestRunningBalance: tidy(running.low),
        lowestRunningBalanceDate: running.date,
        creditsTransferred: tidy(credit.transferred),
        creditsTransferredWithoutPhysicalLink: tidy(credit.transferredWithoutLink),
        proportional: pool.outputs.length === 0 || average === null ? null : offAverage === 0,
        outputsOffAverage: offAverage,
        stackedOutputs: stackedHere,
        volumeHolds: volume ? volume.holds : null,
        freeAttribution,
        technologyChange,
      };
      pools.push(p);
      outputContexts.push({ pool: pool.id, average, lowest, outputs: pool.outputs });

      totals.inputMass.add(physical.inputMass);
      totals.inputEmissions.add(physical.inputEmissions);
      totals.outputMass.add(physical.outputMass);
      totals.attributed.add(physical.attributedEmissions);
      if (unattributed !== null) totals.unattributed.add(unattributed);
      totals.earned.add(credit.earned);
      totals.used.add(credit.used);
      totals.expired.add(credit.expired);
      totals.forfeited.add(credit.forfeited);
      totals.overdraft.add(credit.overdraft);

      if (credit.overdraft > 0 && (!worstOverdraft || p.overdraft > worstOverdraft.overdraft)) worstOverdraft = p;
      if (running.date !== null && (!worstRunning || p.lowestRunningBalance < worstRunning.lowestRunningBalance)) worstRunning = p;
      const beyond = excessOf(credit.overdraft, withoutLimits.overdraft);
      if (beyond > 0) {
        totals.beyondCarryOver.add(beyond);
        if (beyond > worstBeyondAmount) {
          worstBeyondAmount = beyond;
          worstBeyond = { pool: pool.id, window: pool.window, overdraft: tidy(credit.overdraft), overdraftWithoutLimits: tidy(withoutLimits.overdraft) };
        }
      }
      if (physical.massExcess > 0 && (!worstExcess || p.massExcess > worstExcess.massExcess)) worstExcess = p;

      if (links) transfers.add(pool.id, demand, credit);
    });
  }

  const { origin, lowCarbonFlagged } = originCompleteness(ledger.inputs);
  const { inputs, lowCarbonInputMass, lowestInputFactor } = inputFigures(declaration, ledger, baseline, routes, lowCarbonFlagged);
  const inputMass = totals.inputMass.value;
  const outputMass = totals.outputMass.value;
  const creditsEarned = totals.earned.value;
  const creditsUsed = totals.used.value;
  const claim = claimBooks.result(claims.claimedBy, method.reporting.claim?.reductionPercent ?? null, claimReading);
  const overdrawn = pools.filter((p) => p.overdraft > 0);
  const judgedPools = pools.filter((p) => p.proportional !== null);
  const worstStacked = stacked.reduce<StackedOutput | null>((w, s) => {
    if (!w) return s;
    const [gap, worstGap] = [s.lowestInputEmissionFactor - s.emissionFactor, w.lowestInputEmissionFactor - w.emissionFactor];
    return gap > worstGap || (gap === worstGap && s.outputId < w.outputId) ? s : w;
  }, null);

  const metrics: LedgerMetrics = {
    unit: ledger.unit,
    emissionsUnit: ledger.unit === 't' ? 'tCO2e' : 'kgCO2e',
    baseline: { emissionFactor: baseline, basis: ledger.baselineBasis ?? null, declared: ledger.baselineEmissionFactor !== undefined },
    windows: layout.windows,
    totals: {
      inputs: ledger.inputs.length,
      outputs: ledger.outputs.length,
      inputMass: tidy(inputMass),
      inputEmissions: tidy(totals.inputEmissions.value),
      averageEmissionFactor: ratio(totals.inputEmissions.value, inputMass),
      lowestInputEmissionFactor: lowestInputFactor,
      highestInputEmissionFactor: highestInput,
      outputMass: tidy(outputMass),
      attributedEmissions: tidy(totals.attributed.value),
      averageAttributedEmissionFactor: ratio(totals.attributed.value, outputMass),
      unattributedEmissions: tidy(totals.unattributed.value),
      creditsEarned: tidy(creditsEarned),
      creditsUsed: tidy(creditsUsed),
      creditsExpired: tidy(totals.expired.value),
      creditsForfeited: tidy(totals.forfeited.value),
      creditsInClosingStock: tidy(totals.inClosingStock.value),
      creditsCarriedBeyondPeriod: tidy(totals.carriedBeyond.value),
      closingStock: tidy(totals.closingStock.value),
      lowCarbonInputMass: tidy(lowCarbonInputMass),
      lowCarbonInputShare: ratio(lowCarbonInputMass, inputMass),
      claimedOutputMass: tidy(claimBooks.claimedMass),
      claimedLowCarbonOutputShare: ratio(claimBooks.claimedMass, outputMass),
    },
    pools,
    outputs: [],
    balance: {
      poolsOverdrawn: overdrawn.length,
      overdraft: tidy(totals.overdraft.value),
      worstOverdraft: worstOverdraft && {
        pool: worstOverdraft.id,
        window: worstOverdraft.window,
        creditsAvailable: worstOverdraft.creditsAvailable,
        creditsCarriedIn: worstOverdraft.creditsCarriedIn,
        creditsWithStock: worstOverdraft.creditsWithStock,
        creditsEarned: worstOverdraft.creditsEarned,
        creditsUsed: worstOverdraft.creditsUsed,
        overdraft: worstOverdraft.overdraft,
        outputMass: worstOverdraft.outputMass,
        attributedEmissions: worstOverdraft.attributedEmissions,
        physicalEmissions: worstOverdraft.averageEmissionFactor === null ? null : tidy(worstOverdraft.outputMass * worstOverdraft.averageEmissionFactor),
      },
      poolsWithNegativeRunningBalance: pools.filter((p) => p.lowestRunningBalanceDate !== null).length,
      worstRunningBalance: worstRunning && { pool: worstRunning.id, balance: worstRunning.lowestRunningBalance, date: worstRunning.lowestRunningBalanceDate! },
      creditsBeyondCarryOverRules: tidy(totals.beyondCarryOver.value),
      worstBeyondCarryOverRules: worstBeyond,
    },
    massBalance: {
      poolsExceeding: pools.filter((p) => p.massExcess > 0).length,
      worst: worstExcess && { pool: worstExcess.id, outputMass: worstExcess.outputMass, inputMass: worstExcess.inputMass, stockCarriedIn: worstExcess.stockCarriedIn, excess: worstExcess.massExcess },
    },
    stacking: {
      count: stacked.length,
      worst: worstStacked,
      outputs: stacked,
      volume: { poolsJudged: poolsJudgedByVolume, poolsShort: poolsShortByVolume, worst: worstVolume },
    },
    proportionality: {
      allProportional: judgedPools.length === 0 ? null : judgedPools.every((p) => p.proportional),
      poolsNotProportional: judgedPools.filter((p) => !p.proportional).length,
      outputsOffAverage,
      worst: worstOffAverage,
    },
    allocation: allocation.result(),
    crossSite: transfers.result(multiSite, creditsUsed),
    inputs,
    technology: {
      units: routes.map((r) => routeSummary(r, unitChange.get(r.unit) ?? false)),
      poolsWithFreeAttribution,
      poolsFreeWithoutChange,
      worst: worstWithoutChange,
      baselineAboveConventional: baselineAboveConventional(routes, baseline, creditsEarned),
    },
    claim,
    certificates: certificates.result(creditsEarned),
    origin,
  };
  // The per-output table costs more memory than a large ledger itself, and the rules read only its totals: it is
  // computed for whoever reads it (the JSON result, the report), or walked row by row by the JSON writer.
  tableOnFirstRead(metrics, 'outputs', function* () {
    for (const context of outputContexts) for (const output of context.outputs) yield outputMetricsOf(output, context, baseline, claims);
  });
  return metrics;
}
