// derive metrics: the arithmetic of DOMAIN.md section 3 over a valid declaration. Pure: same input, same figures.
import type { Declaration, Ledger, LedgerInput, LedgerOutput } from '../generated/declaration.js';
import { carryOverRules, creditsEarnedBy, keepBooks, unlimitedCarryOver, type WindowBooks } from './books.js';
import { connectivityOf, siteComponents } from './connectivity.js';
import { layOutPools, physicsOfRow, type PoolPhysics } from './pools.js';
import { approxEqual, clearlyLess, RELATIVE_TOLERANCE, tidy, toleranceStatement } from './tolerance.js';
import { tableOnFirstRead } from '../lazyTable.js';
import type { GroupAllocation, LedgerMetrics, Metrics, OutputMetrics, PoolMetrics, StackedOutput } from './types.js';

export function deriveMetrics(declaration: Declaration): Metrics {
  const { transferBoundary, reporting } = declaration.method;
  return {
    tolerance: { relative: RELATIVE_TOLERANCE, statement: toleranceStatement },
    hasLedger: declaration.ledger !== undefined,
    connectivity: connectivityOf(transferBoundary.level, transferBoundary.sites ?? []),
    decisionsDisclosed: reporting.disclosure?.published ? new Set(reporting.disclosure.decisionsDisclosed ?? []).size : 0,
    ledger: declaration.ledger ? deriveLedgerMetrics(declaration, declaration.ledger) : null,
  };
}

/** min over a list without spreading it into arguments (a year of lots would overflow the stack). */
const minOf = (values: Iterable<number>): number => {
  let min = Infinity;
  for (const v of values) if (v < min) min = v;
  return min;
};
/** Between two equally bad lines, the one with the smaller id: the result must not depend on ledger order. */
const byId = (a: { id?: string; outputId?: string; inputId?: string }, b: { id?: string; outputId?: string; inputId?: string }): boolean =>
  (a.id ?? a.outputId ?? a.inputId ?? '') < (b.id ?? b.outputId ?? b.inputId ?? '');
const ratio = (part: number, whole: number): number | null => (whole > 0 ? tidy(part / whole) : null);

function isReducing(input: LedgerInput, baseline: number): boolean {
  return input.lowCarbon === true || clearlyLess(input.emissionFactor, baseline);
}

/**
 * Per site of a multi-site pool: credits used beyond those earned there, alone and per group of physically
 * connected sites. Counted over the whole ledger, not per window, so that a site using its own credits
 * carried over from an earlier window is not mistaken for a transfer; timing is the balance rules' business.
 */
function crossSiteFlows(ledger: Ledger, baseline: number, components: string[][]) {
  const earned = new Map<string, number>();
  const used = new Map<string, number>();
  for (const i of ledger.inputs) earned.set(i.site, (earned.get(i.site) ?? 0) + creditsEarnedBy(i.quantity, i.emissionFactor, baseline));
  for (const o of ledger.outputs) used.set(o.site, (used.get(o.site) ?? 0) + creditsEarnedBy(o.quantity, o.emissionFactor, baseline));
  const sites = new Set([...earned.keys(), ...used.keys()]);
  const perSite = [...sites].map((site) => {
    const e = earned.get(site) ?? 0;
    const u = used.get(site) ?? 0;
    return { site, creditsEarned: e, creditsUsed: u, creditsImported: Math.max(0, u - e) };
  });
  const componentOf = new Map<string, number>();
  components.forEach((group, index) => group.forEach((site) => componentOf.set(site, index)));
  const byComponent = new Map<number | string, { earned: number; used: number }>();
  for (const s of perSite) {
    const key = componentOf.get(s.site) ?? s.site;
    const acc = byComponent.get(key) ?? { earned: 0, used: 0 };
    acc.earned += s.creditsEarned;
    acc.used += s.creditsUsed;
    byComponent.set(key, acc);
  }
  const transferred = perSite.reduce((sum, s) => sum + s.creditsImported, 0);
  const withoutLink = [...byComponent.values()].reduce((sum, c) => sum + Math.max(0, c.used - c.earned), 0);
  return { perSite, transferred, withoutLink };
}

function missingOrigin(input: LedgerInput): string[] {
  const o = input.origin;
  const missing: string[] = [];
  if (!o?.country) missing.push('country');
  if (!o?.geolocation) missing.push('geolocation');
  if (o?.deforestationFree !== true) missing.push(o?.deforestationFree === false ? 'deforestationFree is false' : 'deforestationFree unknown');
  if (o?.legal !== true) missing.push(o?.legal === false ? 'legal is false' : 'legality unknown');
  if (!o?.dueDiligenceRef) missing.push('dueDiligenceRef');
  return missing;
}

/** EUDR origin data of the inputs (and the low-carbon flags), counted in one pass: a year of lots must not be walked once per field. */
function originCompleteness(inputs: readonly LedgerInput[]) {
  let complete = 0;
  let lowCarbonFlagged = 0;
  const missing = { country: 0, geolocation: 0, deforestationUnknown: 0, notDeforestationFree: 0, legalityUnknown: 0, notLegal: 0, dueDiligenceRef: 0 };
  const firstMissing: Record<'country' | 'geolocation' | 'deforestationFree' | 'legal' | 'dueDiligenceRef', string | null> = { country: null, geolocation: null, deforestationFree: null, legal: null, dueDiligenceRef: null };
  let firstIncomplete: { inputId: string; missing: string[] } | null = null;
  for (const input of inputs) {
    const o = input.origin;
    if (input.lowCarbon === true) lowCarbonFlagged++;
    if (!o?.country) {
      missing.country++;
      firstMissing.country ??= input.id;
    }
    if (!o?.geolocation) {
      missing.geolocation++;
      firstMissing.geolocation ??= input.id;
    }
    if (o?.deforestationFree === undefined || o.deforestationFree === null) missing.deforestationUnknown++;
    if (o?.deforestationFree === false) missing.notDeforestationFree++;
    if (o?.deforestationFree !== true) firstMissing.deforestationFree ??= input.id;
    if (o?.legal === undefined || o.legal === null) missing.legalityUnknown++;
    if (o?.legal === false) missing.notLegal++;
    if (o?.legal !== true) firstMissing.legal ??= input.id;
    if (!o?.dueDiligenceRef) {
      missing.dueDiligenceRef++;
      firstMissing.dueDiligenceRef ??= input.id;
    }
    if (o?.country && o.geolocation && o.deforestationFree === true && o.legal === true && o.dueDiligenceRef) complete++;
    else firstIncomplete ??= { inputId: input.id, missing: missingOrigin(input) };
  }
  const origin = {
    inputs: inputs.length,
    complete,
    completeShare: ratio(complete, inputs.length),
    missingCountry: missing.country,
    missingGeolocation: missing.geolocation,
    deforestationUnknown: missing.deforestationUnknown,
    notDeforestationFree: missing.notDeforestationFree,
    legalityUnknown: missing.legalityUnknown,
    notLegal: missing.notLegal,
    missingDueDiligenceRef: missing.dueDiligenceRef,
    firstIncomplete,
    firstMissing,
  };
  return { origin, lowCarbonFlagged };
}

/** One output's figures in its pool (DOMAIN.md section 3): the same function reads them for the totals and for the table. */
function outputMetricsOf(output: LedgerOutput, pool: string, f: Pick<PoolPhysics, 'averageEmissionFactor' | 'lowestInputEmissionFactor'>, baseline: number): OutputMetrics {
  const a = output.emissionFactor;
  const average = f.averageEmissionFactor;
  const lowest = f.lowestInputEmissionFactor;
  const stacked = lowest !== null && clearlyLess(a, lowest);
  return {
    id: output.id,
    pool,
    date: output.date,
    site: output.site,
    productGroup: output.productGroup ?? null,
    quantity: output.quantity,
    emissionFactor: a,
    poolAverage: average === null ? null : tidy(average),
    lowestInputEmissionFactor: lowest,
    creditsUsed: tidy(creditsEarnedBy(output.quantity, a, baseline)),
    reductionVsBaselinePercent: baseline > 0 ? tidy((100 * (baseline - a)) / baseline) : null,
    reductionVsPoolAveragePercent: average ? tidy((100 * (average - a)) / average) : null,
    claimed: clearlyLess(a, baseline),
    stacked,
    stackingFactor: stacked && baseline > lowest ? tidy((baseline - a) / (baseline - lowest)) : null,
    atPoolAverage: average === null ? null : approxEqual(a, average),
    certificateId: output.certificateId ?? null,
  };
}

/** Date, then id: the order in which the metrics meet the lines, the same whatever order the ledger was written in. */
const byDateThenId = (a: { date: string; id: string }, b: { date: string; id: string }): number =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * The ledger with its lines in date-then-id order. Sums of floating-point figures depend on the order they are
 * added in, and "the first input lacking X" on which comes first: in this order every figure, every example a
 * result names and every list is the same for the same lines however an export ordered them. Exports are
 * usually in date order already, which the sort makes cheap.
 */
function inCanonicalOrder(ledger: Ledger): Ledger {
  return { ...ledger, inputs: [...ledger.inputs].sort(byDateThenId) as Ledger['inputs'], outputs: [...ledger.outputs].sort(byDateThenId) };
}

export function deriveLedgerMetrics(declaration: Declaration, asWritten: Ledger): LedgerMetrics {
  const ledger = inCanonicalOrder(asWritten);
  const { method } = declaration;
  const highestInput = ledger.inputs.reduce((max, i) => Math.max(max, i.emissionFactor), 0);
  const baseline = ledger.baselineEmissionFactor ?? highestInput;
  const layout = layOutPools(declaration, ledger);
  const rules = carryOverRules(method.temporalBoundary);
  const multiSite = method.transferBoundary.level === 'multi-site';
  const components = siteComponents(method.transferBoundary.sites ?? []);

  const pools: PoolMetrics[] = [];
  /** Each pool's outputs with what their figures depend on, to compute the per-output table when it is read. */
  const outputPools: Array<{ pool: string; physics: PoolPhysics; outputs: LedgerOutput[] }> = [];
  const stacked: StackedOutput[] = [];
  let worstBeyondCarry: LedgerMetrics['balance']['worstBeyondCarryOverRules'] = null;
  let creditsBeyondCarryOverRules = 0;
  let worstOffAverage: LedgerMetrics['proportionality']['worst'] = null;
  let outputsOffAverage = 0;

  // Over the outputs, in pool order: decision 4 (each product group's share of the attributed emissions),
  // decision 7 (what the claim says against what the attributed factors show) and the certificates.
  const declaredGroups = method.allocation.productGroups ?? [];
  const groupTotals = new Map(declaredGroups.map((g) => [g.id, { mass: 0, emissions: 0 }]));
  let ungroupedOutputMass = 0;
  let claimedOutputs = 0;
  let claimedMass = 0;
  let supported = Infinity;
  let supportedVsAverage = null as number | null;
  let worstClaimedPool = null as OutputMetrics | null;
  // A full-reduction claim needs a zero input in the pool of every claimed output: the worst is the claimed
  // output whose pool's lowest input is highest.
  // A claimed pool without any input (lowest null) is the worst of all: nothing in it could carry a reduction.
  const lowestOrWorst = (o: OutputMetrics) => o.lowestInputEmissionFactor ?? Infinity;
  let alsoInFactor = 0;
  let alsoInFactorFirst = null as OutputMetrics | null;

  for (const row of layout.boundaries.values()) {
    const books = keepBooks(row, baseline, rules);
    const physics = physicsOfRow(row);
    const booksWithoutLimits = rules.allowed && rules.maxPeriods === Infinity ? books : keepBooks(row, baseline, unlimitedCarryOver);
    row.forEach((pool, k) => {
      const b: WindowBooks = books[k]!;
      const beyond = Math.max(0, b.overdraft - booksWithoutLimits[k]!.overdraft);
      if (beyond > 0) {
        creditsBeyondCarryOverRules += beyond;
        if (!worstBeyondCarry || beyond > worstBeyondCarry.overdraft - worstBeyondCarry.overdraftWithoutLimits) {
          worstBeyondCarry = { pool: pool.id, window: pool.window, overdraft: tidy(b.overdraft), overdraftWithoutLimits: tidy(booksWithoutLimits[k]!.overdraft) };
        }
      }
      if (pool.inputs.length === 0 && pool.outputs.length === 0 && b.creditsCarriedIn === 0 && b.creditsExpired === 0) return;
      const f = physics[k]!;
      outputPools.push({ pool: pool.id, physics: f, outputs: pool.outputs });
      let offAverage = 0;
      let stackedHere = 0;
      for (const output of pool.outputs) {
        const o = outputMetricsOf(output, pool.id, f, baseline);
        const a = o.emissionFactor;
        if (o.atPoolAverage === false) {
          offAverage++;
          const deviation = a - f.averageEmissionFactor!;
          const candidate = { outputId: output.id, deviation: tidy(deviation) };
          const [size, worstSize] = [Math.abs(candidate.deviation), worstOffAverage ? Math.abs(worstOffAverage.deviation) : -1];
          if (size > worstSize || (size === worstSize && byId(candidate, worstOffAverage!))) {
            worstOffAverage = { outputId: output.id, pool: pool.id, emissionFactor: a, poolAverage: tidy(f.averageEmissionFactor!), deviation: tidy(deviation) };
          }
        }
        if (o.stacked) {
          stackedHere++;
          stacked.push({ outputId: output.id, pool: pool.id, emissionFactor: a, lowestInputEmissionFactor: o.lowestInputEmissionFactor!, stackingFactor: o.stackingFactor });
        }
        const group = o.productGroup === null ? undefined : groupTotals.get(o.productGroup);
        if (!group) ungroupedOutputMass += o.quantity;
        else {
          group.mass += o.quantity;
          group.emissions += o.quantity * a;
        }
        if (o.claimed) {
          claimedOutputs++;
          claimedMass += o.quantity;
          supported = Math.min(supported, o.reductionVsBaselinePercent ?? 0);
          if (o.reductionVsPoolAveragePercent !== null) supportedVsAverage = Math.min(supportedVsAverage ?? Infinity, o.reductionVsPoolAveragePercent);
          const w: OutputMetrics | null = worstClaimedPool;
          if (!w || lowestOrWorst(o) > lowestOrWorst(w) || (lowestOrWorst(o) === lowestOrWorst(w) && byId(o, w))) worstClaimedPool = o;
        }
        if (o.certificateId !== null && o.poolAverage !== null && clearlyLess(a, o.poolAverage)) {
          alsoInFactor++;
          if (!alsoInFactorFirst || byId(o, alsoInFactorFirst)) alsoInFactorFirst = o;
        }
      }
      outputsOffAverage += offAverage;
      const excess = f.outputMass - (f.inputMass + f.stockCarriedIn);
      pools.push({
        id: pool.id,
        boundaryKey: pool.boundaryKey,
        window: pool.window,
        inputs: pool.inputs.length,
        outputs: pool.outputs.length,
        inputMass: tidy(f.inputMass),
        inputEmissions: tidy(f.inputEmissions),
        averageEmissionFactor: f.averageEmissionFactor === null ? null : tidy(f.averageEmissionFactor),
        lowestInputEmissionFactor: f.lowestInputEmissionFactor,
        outputMass: tidy(f.outputMass),
        attributedEmissions: tidy(f.attributedEmissions),
        unattributedEmissions: f.averageEmissionFactor === null ? null : tidy(f.outputMass * f.averageEmissionFactor - f.attributedEmissions),
        averageBasis: f.averageBasis,
        stockCarriedIn: tidy(f.stockCarriedIn),
        massExcess: clearlyLess(f.inputMass + f.stockCarriedIn, f.outputMass) ? tidy(excess) : 0,
        creditsCarriedIn: tidy(b.creditsCarriedIn),
        creditsEarned: tidy(b.creditsEarned),
        creditsUsed: tidy(b.creditsUsed),
        creditsExpired: tidy(b.creditsExpired),
        creditsForfeited: tidy(b.creditsForfeited),
        closingBalance: tidy(b.closingBalance),
        overdraft: tidy(b.overdraft),
        lowestRunningBalance: tidy(b.lowestRunningBalance),
        lowestRunningBalanceDate: b.lowestRunningBalanceDate,
        proportional: pool.outputs.length === 0 || f.averageEmissionFactor === null ? null : offAverage === 0,
        stackedOutputs: stackedHere,
      });
    });
  }

  const sum = (pick: (p: PoolMetrics) => number) => tidy(pools.reduce((total, p) => total + pick(p), 0));
  const inputMass = sum((p) => p.inputMass);
  const outputMass = sum((p) => p.outputMass);
  const attributedEmissions = sum((p) => p.attributedEmissions);
  const creditsUsed = sum((p) => p.creditsUsed);

  const overdrawn = pools.filter((p) => p.overdraft > 0);
  const worstOverdrawn = overdrawn.reduce<PoolMetrics | null>((w, p) => (!w || p.overdraft > w.overdraft ? p : w), null);
  const dipping = pools.filter((p) => p.lowestRunningBalanceDate !== null && p.lowestRunningBalance < -RELATIVE_TOLERANCE * Math.max(p.creditsUsed, 1));
  const worstDip = dipping.reduce<PoolMetrics | null>((w, p) => (!w || p.lowestRunningBalance < w.lowestRunningBalance ? p : w), null);
  const exceeding = pools.filter((p) => p.massExcess > 0);
  const worstExcess = exceeding.reduce<PoolMetrics | null>((w, p) => (!w || p.massExcess > w.massExcess ? p : w), null);
  const judgedPools = pools.filter((p) => p.proportional !== null);

  const groupedEmissions = [...groupTotals.values()].reduce((total, g) => total + g.emissions, 0);
  const groups: GroupAllocation[] = declaredGroups.map((g) => {
    const t = groupTotals.get(g.id)!;
    const emissionsShare = ratio(t.emissions, groupedEmissions);
    return { id: g.id, share: g.share, outputMass: tidy(t.mass), attributedEmissions: tidy(t.emissions), emissionsShare, deviation: emissionsShare === null ? null : tidy(emissionsShare - g.share) };
  });
  const judgedGroups = groups.filter((g) => g.deviation !== null);
  const worstGroup = judgedGroups.reduce<GroupAllocation | null>((w, g) => (!w || Math.abs(g.deviation!) > Math.abs(w.deviation!) ? g : w), null);
  const allocationProportional = judgedGroups.length === 0 ? null : judgedGroups.every((g) => approxEqual(g.emissionsShare!, g.share));
  const allocationSummary = groups
    .map((g) => `${g.id}: ${g.emissionsShare === null ? 'no emissions' : `${tidy(g.emissionsShare * 100).toFixed(2)}%`} of emissions against a share of ${tidy(g.share * 100).toFixed(2)}%`)
    .join('; ');

  // Decision 1: the inputs that bring a reduction, and the benchmark they must meet.
  const reducing = ledger.inputs.filter((i) => isReducing(i, baseline));
  const lowestReducing = reducing.reduce<LedgerInput | null>((w, i) => (!w || i.emissionFactor < w.emissionFactor || (i.emissionFactor === w.emissionFactor && byId(i, w)) ? i : w), null);
  const benchmarkDeclared = method.inputBoundary.control === 'benchmark' ? method.inputBoundary.benchmark : undefined;
  const overBenchmark = benchmarkDeclared ? reducing.filter((i) => clearlyLess(benchmarkDeclared.maxEmissionFactor, i.emissionFactor)) : [];
  const worstOverBenchmark = overBenchmark.reduce<LedgerInput | null>((w, i) => (!w || i.emissionFactor > w.emissionFactor || (i.emissionFactor === w.emissionFactor && byId(i, w)) ? i : w), null);
  const lowCarbonInputMass = tidy(reducing.reduce((total, i) => total + i.quantity, 0));

  const claimedOutputMass = tidy(claimedMass);
  if (claimedOutputs === 0) supported = 0;
  const declaredReduction = method.reporting.claim?.reductionPercent ?? null;

  const certificateCounts = new Map<string, number>();
  for (const o of ledger.outputs) if (o.certificateId) certificateCounts.set(o.certificateId, (certificateCounts.get(o.certificateId) ?? 0) + 1);
  const duplicateCertificates = [...certificateCounts].filter(([, n]) => n > 1).map(([id]) => id).sort();

  const { origin, lowCarbonFlagged } = originCompleteness(ledger.inputs);

  const crossSiteUsed = multiSite ? sum((p) => p.creditsUsed) : 0;
  const flows = multiSite ? crossSiteFlows(ledger, baseline, components) : { perSite: [], transferred: 0, withoutLink: 0 };
  const transferredTotal = tidy(flows.transferred);
  const withoutLinkTotal = tidy(flows.withoutLink);

  const metrics: LedgerMetrics = {
    unit: ledger.unit,
    emissionsUnit: ledger.unit === 't' ? 'tCO2e' : 'kgCO2e',
    baseline: { emissionFactor: baseline, basis: ledger.baselineBasis ?? null, declared: ledger.baselineEmissionFactor !== undefined },
    windows: layout.windows,
    totals: {
      inputs: ledger.inputs.length,
      outputs: ledger.outputs.length,
      inputMass,
      inputEmissions: sum((p) => p.inputEmissions),
      averageEmissionFactor: ratio(sum((p) => p.inputEmissions), inputMass),
      lowestInputEmissionFactor: minOf(ledger.inputs.map((i) => i.emissionFactor)),
      highestInputEmissionFactor: highestInput,
      outputMass,
      attributedEmissions,
      averageAttributedEmissionFactor: ratio(attributedEmissions, outputMass),
      unattributedEmissions: sum((p) => p.unattributedEmissions ?? 0),
      creditsEarned: sum((p) => p.creditsEarned),
      creditsUsed,
      creditsExpired: sum((p) => p.creditsExpired),
      creditsForfeited: sum((p) => p.creditsForfeited),
      lowCarbonInputMass,
      lowCarbonInputShare: ratio(lowCarbonInputMass, inputMass),
      claimedOutputMass,
      claimedLowCarbonOutputShare: ratio(claimedOutputMass, outputMass),
    },
    pools,
    outputs: [],
    balance: {
      poolsOverdrawn: overdrawn.length,
      overdraft: sum((p) => p.overdraft),
      worstOverdraft: worstOverdrawn && {
        pool: worstOverdrawn.id,
        window: worstOverdrawn.window,
        creditsAvailable: tidy(worstOverdrawn.creditsCarriedIn + worstOverdrawn.creditsEarned),
        creditsUsed: worstOverdrawn.creditsUsed,
        overdraft: worstOverdrawn.overdraft,
      },
      poolsWithNegativeRunningBalance: dipping.length,
      worstRunningBalance: worstDip && { pool: worstDip.id, balance: worstDip.lowestRunningBalance, date: worstDip.lowestRunningBalanceDate! },
      creditsBeyondCarryOverRules: tidy(creditsBeyondCarryOverRules),
      worstBeyondCarryOverRules: worstBeyondCarry,
    },
    massBalance: {
      poolsExceeding: exceeding.length,
      worst: worstExcess && { pool: worstExcess.id, outputMass: worstExcess.outputMass, inputMass: worstExcess.inputMass, stockCarriedIn: worstExcess.stockCarriedIn, excess: worstExcess.massExcess },
    },
    stacking: {
      count: stacked.length,
      worst: stacked.reduce<StackedOutput | null>((w, s) => {
        if (!w) return s;
        const [gap, worstGap] = [s.lowestInputEmissionFactor - s.emissionFactor, w.lowestInputEmissionFactor - w.emissionFactor];
        return gap > worstGap || (gap === worstGap && byId(s, w)) ? s : w;
      }, null),
      outputs: stacked,
    },
    proportionality: {
      allProportional: judgedPools.length === 0 ? null : judgedPools.every((p) => p.proportional),
      poolsNotProportional: judgedPools.filter((p) => !p.proportional).length,
      outputsOffAverage,
      worst: worstOffAverage,
    },
    allocation: { groups, proportional: allocationProportional, worst: worstGroup, ungroupedOutputMass: tidy(ungroupedOutputMass), summary: allocationSummary },
    crossSite: {
      multiSite,
      creditsUsed: crossSiteUsed,
      creditsTransferred: transferredTotal,
      transferShare: multiSite ? ratio(transferredTotal, crossSiteUsed) : null,
      creditsTransferredWithoutPhysicalLink: withoutLinkTotal,
      withoutPhysicalLinkShare: multiSite ? ratio(withoutLinkTotal, crossSiteUsed) : null,
      sites: [...flows.perSite].sort((a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : 0)).map((s) => ({ site: s.site, creditsEarned: tidy(s.creditsEarned), creditsUsed: tidy(s.creditsUsed), creditsImported: tidy(s.creditsImported) })),
    },
    inputs: {
      reducing: reducing.length,
      lowCarbonFlagged,
      largestReductionBelowBaselinePercent: baseline > 0 ? tidy(Math.max(0, (100 * (baseline - minOf(ledger.inputs.map((i) => i.emissionFactor)))) / baseline)) : 0,
      lowestReducingInput: lowestReducing && { inputId: lowestReducing.id, emissionFactor: lowestReducing.emissionFactor },
      benchmark: benchmarkDeclared
        ? {
            maxEmissionFactor: benchmarkDeclared.maxEmissionFactor,
            failing: overBenchmark.length,
            worst: worstOverBenchmark && { inputId: worstOverBenchmark.id, emissionFactor: worstOverBenchmark.emissionFactor, maxEmissionFactor: benchmarkDeclared.maxEmissionFactor },
          }
        : null,
    },
    claim: {
      reductionPercent: declaredReduction,
      claimedOutputs,
      supportedReductionPercent: tidy(supported),
      supportedReductionVsPoolAveragePercent: supportedVsAverage === null ? null : tidy(supportedVsAverage),
      highestLowestInputOfClaimedPools: worstClaimedPool?.lowestInputEmissionFactor ?? null,
      worstClaimedPool: worstClaimedPool && { outputId: worstClaimedPool.id, pool: worstClaimedPool.pool, lowestInputEmissionFactor: worstClaimedPool.lowestInputEmissionFactor },
      excessPercent: declaredReduction === null ? null : tidy(Math.max(0, declaredReduction - supported)),
    },
    certificates: {
      count: certificateCounts.size,
      duplicateIds: duplicateCertificates,
      duplicateIdCount: duplicateCertificates.length,
      alsoInFactor,
      alsoInFactorExample: alsoInFactorFirst
        ? { outputId: alsoInFactorFirst.id, certificateId: alsoInFactorFirst.certificateId!, emissionFactor: alsoInFactorFirst.emissionFactor, poolAverage: alsoInFactorFirst.poolAverage! }
        : null,
    },
    origin,
  };
  // The per-output table costs more memory than a large ledger itself, and the rules read only its totals: it is
  // computed for whoever reads it (the JSON result, the report), or walked row by row by the JSON writer.
  tableOnFirstRead(metrics, 'outputs', function* () {
    for (const { pool, physics, outputs } of outputPools) for (const output of outputs) yield outputMetricsOf(output, pool, physics, baseline);
  });
  return metrics;
}
