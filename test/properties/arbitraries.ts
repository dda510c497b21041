// Generators of random VALID declarations (schema and cross-field checks) for the property tests, and the
// small helpers the properties share. A declaration is drawn as a plan of small integers and choices, then
// built deterministically, so that fast-check shrinks a counterexample to a few readable ledger lines.
//
// The generator keeps its own calendar (windowsOf below) instead of importing src/metrics/windows.ts: it is
// the test's oracle of which balancing window and pool a line belongs to (README: "windows start at
// period.start and step by balancingPeriod", keeping the day of month, or the month's last day when it lacks it).
import fc from 'fast-check';
import type {
  Allocation,
  Attribution,
  Declaration,
  InputBoundary,
  LedgerInput,
  LedgerOutput,
  Origin,
  Reporting,
  Site,
  TemporalBoundary,
  TransferBoundary,
} from '../../src/generated/declaration.js';
import { oracleBooks } from '../oracle/books.js';

/** A fixed as-of date on which iso-22095-2, ghg-protocol, integrity, worldsteel and eudr@2.0.0 are in force. */
export const AS_OF = '2026-11-29';

/**
 * numRuns, modest so the suite stays fast on a slow 2-core machine: metric-only properties are cheap, full checks
 * and reports are not. PROPERTY_RUNS_SCALE=20 npx vitest run test/properties searches harder.
 */
const scale = Math.max(0.05, Number(process.env['PROPERTY_RUNS_SCALE'] ?? 1) || 1);
export const RUNS = { cheap: Math.ceil(100 * scale), check: Math.ceil(25 * scale), report: Math.ceil(20 * scale) } as const;

// ---------------------------------------------------------------------------------------------- calendar

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');
export const dayNumber = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
export const isoOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

function addMonthsClamped(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${pad(month + 1)}-${pad(Math.min(d, lastDay))}`;
}

export interface Window {
  start: string;
  end: string;
}

/** The balancing windows of a period: from period.start, stepping by the balancing period in whole months. */
export function windowsOf(period: { start: string; end: string }, balancingPeriod: string | undefined): Window[] {
  if (balancingPeriod === undefined) return [{ start: period.start, end: period.end }];
  const match = /^P(\d+)([MY])$/.exec(balancingPeriod)!;
  const months = Number(match[1]) * (match[2] === 'Y' ? 12 : 1);
  const windows: Window[] = [];
  for (let k = 0; ; k++) {
    const start = addMonthsClamped(period.start, k * months);
    if (start > period.end) break;
    const next = addMonthsClamped(period.start, (k + 1) * months);
    windows.push({ start, end: next > period.end ? period.end : isoOfDay(dayNumber(next) - 1) });
  }
  return windows;
}

export function windowIndexOf(windows: readonly Window[], date: string): number {
  let index = 0;
  windows.forEach((w, k) => {
    if (w.start <= date) index = k;
  });
  return index;
}

/** The transfer-boundary key of a line (DOMAIN.md section 3): batch, site, or the whole declaration. */
export function boundaryOf(level: TransferBoundary['level'], line: { site: string; batch?: string }): string {
  return level === 'batch' ? line.batch ?? '(no batch)' : level === 'multi-site' ? 'all' : line.site;
}

// ---------------------------------------------------------------------------------------------- plans

const SITE_IDS = ['duisburg', 'hamburg', 'sestao', 'site:4', 'plant_5.b'] as const;
const COUNTRIES = ['DE', 'ES', 'FR', 'SE', 'CI'] as const;
const BATCHES = ['b-1', 'b-2', 'b-3'] as const;
const PERIOD_STARTS = ['2026-01-01', '2026-01-31', '2025-12-15', '2026-02-28', '2024-02-29', '2025-03-31'] as const;
export const BALANCING_PERIODS = ['P1M', 'P2M', 'P3M', 'P6M', 'P12M', 'P1Y', 'P2Y'] as const;
const TEXTS = ['Low-CO2 hot-rolled coil', 'Coil <A&B> "green" \'25', 'Stahl für Autos', '低碳钢卷', 'x'] as const;

/** Emission factors in tCO2e/t with two decimals, biased towards the few values real ledgers repeat (ties). */
const factorArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0, 0.7, 1.4, 2.1, 2.2) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 300 }).map((n) => n / 100) },
);
const quantityArb = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 20_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 20_000 }).map((n) => n / 10) },
);

const sectorArb = fc.constantFrom(
  { sector: 'steel', commodity: 'crude-steel' },
  { sector: 'steel', commodity: 'hot-rolled-coil' },
  { sector: 'chemicals', commodity: 'ethylene' },
  { sector: 'aluminium', commodity: 'primary-aluminium' },
  { sector: 'agri-food', commodity: 'cocoa' },
) as fc.Arbitrary<{ sector: Declaration['sector']; commodity: string }>;

const inputBoundaryArb: fc.Arbitrary<InputBoundary> = fc.oneof(
  fc.constant<InputBoundary>({ control: 'none' }),
  fc.record({ max: fc.integer({ min: 20, max: 160 }), source: fc.boolean() }).map(({ max, source }): InputBoundary => ({
    control: 'benchmark',
    benchmark: { maxEmissionFactor: max / 100, ...(source ? { source: 'worldsteel low-CO2 threshold' } : {}) },
  })),
  fc.constant<InputBoundary>({ control: 'certification', certification: { scheme: 'ResponsibleSteel' } }),
);

const temporalArb: fc.Arbitrary<TemporalBoundary> = fc
  .record({
    balancingPeriod: fc.option(fc.constantFrom(...BALANCING_PERIODS), { nil: undefined }),
    carryOver: fc.option(
      fc.oneof(
        fc.constant({ allowed: false }),
        fc.constant({ allowed: true }),
        fc.integer({ min: 1, max: 4 }).map((maxPeriods) => ({ allowed: true, maxPeriods })),
      ),
      { nil: undefined },
    ),
    negativeBalanceAllowed: fc.option(fc.boolean(), { nil: undefined }),
  })
  .map(compact);

const GROUP_SHARES: number[][] = [[], [1], [0.5, 0.5], [0.25, 0.75], [0.125, 0.375, 0.5]];

const attributionArb: fc.Arbitrary<Attribution> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Attribution>({ model: 'credit', proportional: false }) },
  { weight: 3, arbitrary: fc.constant<Attribution>({ model: 'rolling-average-percentage', proportional: true }) },
  { weight: 1, arbitrary: fc.constant<Attribution>({ model: 'credit', proportional: true }) },
  { weight: 1, arbitrary: fc.constant<Attribution>({ model: 'rolling-average-percentage', proportional: false }) },
);

const reportingArb: fc.Arbitrary<Reporting> = fc
  .record({
    certificate: fc.option(fc.record({ bundled: fc.boolean(), registry: fc.option(fc.constant('Example Registry'), { nil: undefined }) }).map(compact), { nil: undefined }),
    inventories: fc.option(fc.subarray(['physical', 'market-based', 'supplementary'] as const) as fc.Arbitrary<NonNullable<Reporting['inventories']>>, { nil: undefined }),
    claim: fc.option(
      fc
        .record({
          label: fc.option(fc.constantFrom(...TEXTS), { nil: undefined }),
          wording: fc.option(fc.constantFrom('Mass balance, ISO 22095-2 credit method: 66% lower CO2.', 'Say "less" & <mean> it', '100% CO2 reduced'), { nil: undefined }),
          reductionPercent: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
        })
        .map(compact),
      { nil: undefined },
    ),
    disclosure: fc.option(
      fc
        .record({
          published: fc.boolean(),
          url: fc.option(fc.constant('https://example.com/mass-balance-method'), { nil: undefined }),
          decisionsDisclosed: fc.option(fc.subarray([1, 2, 3, 4, 5, 6, 7]) as fc.Arbitrary<NonNullable<NonNullable<Reporting['disclosure']>['decisionsDisclosed']>>, { nil: undefined }),
        })
        .map(compact),
      { nil: undefined },
    ),
    verification: fc.option(
      fc
        .record({
          body: fc.constant('Example Verification GmbH'),
          standard: fc.option(fc.constant('ISO 14064-3'), { nil: undefined }),
          assurance: fc.option(fc.constantFrom('limited', 'reasonable') as fc.Arbitrary<'limited' | 'reasonable'>, { nil: undefined }),
          date: fc.option(fc.constant('2026-08-15'), { nil: undefined }),
        })
        .map(compact),
      { nil: undefined },
    ),
    transition: fc.option(
      fc.record({ endDate: fc.option(fc.constant('2032-12-31'), { nil: undefined }), roadmapUrl: fc.option(fc.constant('https://example.com/roadmap'), { nil: undefined }) }).map(compact),
      { nil: undefined },
    ),
  })
  .map(({ certificate, ...rest }): Reporting => compact(certificate ? { instrument: 'certificate', certificate, ...rest } : { instrument: 'emission-factor', ...rest }));

const originArb: fc.Arbitrary<Origin> = fc
  .record({
    country: fc.option(fc.constantFrom('CI', 'GH'), { nil: undefined }),
    geolocation: fc.option(fc.constant([{ lat: 6.82, lon: -5.27 }] as Origin['geolocation']), { nil: undefined }),
    deforestationFree: fc.option(fc.constantFrom(true, false, null), { nil: undefined }),
    legal: fc.option(fc.constantFrom(true, false, null), { nil: undefined }),
    dueDiligenceRef: fc.option(fc.constant('DDS-2026-0001'), { nil: undefined }),
  })
  .map(compact);

interface InputPlan {
  day: number;
  site: number;
  batch: number;
  quantity: number;
  factor: number;
  lowCarbon: boolean | undefined;
  material: string;
  origin: Origin | undefined;
}

const inputPlanArb: fc.Arbitrary<InputPlan> = fc.record({
  day: fc.nat({ max: 1000 }),
  site: fc.nat({ max: 4 }),
  batch: fc.nat({ max: 2 }),
  quantity: quantityArb,
  factor: factorArb,
  lowCarbon: fc.option(fc.boolean(), { nil: undefined, freq: 3 }),
  material: fc.constantFrom('bf-bof-slab', 'dri-eaf-slab', 'scrap'),
  origin: fc.option(originArb, { nil: undefined, freq: 2 }),
});

/** How an output's attributed factor is chosen, relative to the pool it lands in. */
export type FactorKind = 'average' | 'poolLowest' | 'baseline' | 'zero' | 'random' | 'aboveBaseline';

interface OutputPlan {
  /** An input whose pool (boundary and window) the output joins; null: anywhere in the period. */
  anchor: number | null;
  day: number;
  site: number;
  batch: number;
  quantity: number;
  kind: FactorKind;
  randomFactor: number;
  group: number | null;
  certificate: number | null;
  /** The certificate's quantity per tonne of the output, in tCO2e/t (null: none stated). */
  certificatePerTonne: number | null;
}

const outputPlanArb: fc.Arbitrary<OutputPlan> = fc.record({
  anchor: fc.option(fc.nat({ max: 20 }), { nil: null, freq: 4 }),
  day: fc.nat({ max: 1000 }),
  site: fc.nat({ max: 4 }),
  batch: fc.nat({ max: 2 }),
  quantity: quantityArb,
  kind: fc.constantFrom<FactorKind>('average', 'poolLowest', 'baseline', 'zero', 'random', 'aboveBaseline'),
  randomFactor: factorArb,
  group: fc.option(fc.nat({ max: 3 }), { nil: null }),
  certificate: fc.option(fc.nat({ max: 5 }), { nil: null }),
  certificatePerTonne: fc.option(fc.integer({ min: 1, max: 30 }).map((n) => n / 10), { nil: null }),
});

export interface DeclarationPlan {
  sector: { sector: Declaration['sector']; commodity: string };
  title: string;
  periodStart: string;
  periodDays: number;
  inputBoundary: InputBoundary;
  temporal: TemporalBoundary;
  level: TransferBoundary['level'];
  siteCount: number;
  links: Array<[number, number]>;
  basis: Allocation['basis'];
  groupShares: number[];
  attribution: Attribution;
  stackingAllowed: boolean;
  reporting: Reporting;
  unit: 't' | 'kg';
  baseline: number | undefined;
  baselineBasis: 'site-historical' | 'route-average' | 'regional-average' | 'other' | undefined;
  inputs: InputPlan[];
  outputs: OutputPlan[];
  /** All inputs in the second half of the period: early outputs meet pools with no input and no stock. */
  lateInputs: boolean;
  hasLedger: boolean;
}

export interface PlanOptions {
  /** Let one declaration in ten have no ledger (method only). */
  withoutLedger?: boolean;
  /** Force one attribution (e.g. the proportional one). */
  attribution?: fc.Arbitrary<Attribution>;
  maxInputs?: number;
  maxOutputs?: number;
}

export function planArb(options: PlanOptions = {}): fc.Arbitrary<DeclarationPlan> {
  return fc.record({
    sector: sectorArb,
    title: fc.constantFrom(...TEXTS),
    periodStart: fc.constantFrom(...PERIOD_STARTS),
    periodDays: fc.oneof(fc.integer({ min: 0, max: 800 }), fc.constantFrom(30, 89, 180, 364, 365)),
    inputBoundary: inputBoundaryArb,
    temporal: temporalArb,
    level: fc.constantFrom('batch', 'process', 'site', 'multi-site') as fc.Arbitrary<TransferBoundary['level']>,
    siteCount: fc.integer({ min: 1, max: 4 }),
    links: fc.array(fc.tuple(fc.nat({ max: 3 }), fc.nat({ max: 3 })), { maxLength: 4 }),
    basis: fc.constantFrom('physical', 'economic', 'none') as fc.Arbitrary<Allocation['basis']>,
    groupShares: fc.constantFrom(...GROUP_SHARES),
    attribution: options.attribution ?? attributionArb,
    stackingAllowed: fc.boolean(),
    reporting: reportingArb,
    unit: fc.constantFrom('t', 'kg') as fc.Arbitrary<'t' | 'kg'>,
    baseline: fc.option(fc.oneof(fc.constantFrom(2.1, 2.2), fc.integer({ min: 50, max: 300 }).map((n) => n / 100)), { nil: undefined, freq: 4 }),
    baselineBasis: fc.option(fc.constantFrom('site-historical', 'route-average', 'regional-average', 'other') as fc.Arbitrary<DeclarationPlan['baselineBasis'] & string>, { nil: undefined }),
    inputs: fc.array(inputPlanArb, { minLength: 1, maxLength: options.maxInputs ?? 10 }),
    outputs: fc.array(outputPlanArb, { maxLength: options.maxOutputs ?? 10 }),
    lateInputs: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    hasLedger: options.withoutLedger ? fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }) : fc.constant(true),
  });
}

// ---------------------------------------------------------------------------------------------- building

/** The average and lowest input factor of each pool (boundary x window) of a list of inputs, by `key@index`. */
export function poolsOfInputs(level: TransferBoundary['level'], windows: readonly Window[], inputs: readonly LedgerInput[]) {
  const pools = new Map<string, { mass: number; emissions: number; lowest: number }>();
  for (const i of inputs) {
    const key = `${boundaryOf(level, i)}@${windowIndexOf(windows, i.date)}`;
    const p = pools.get(key) ?? { mass: 0, emissions: 0, lowest: Infinity };
    p.mass += i.quantity;
    p.emissions += i.quantity * i.emissionFactor;
    p.lowest = Math.min(p.lowest, i.emissionFactor);
    pools.set(key, p);
  }
  return pools;
}

export function buildDeclaration(plan: DeclarationPlan): Declaration {
  const start = plan.periodStart;
  const end = isoOfDay(dayNumber(start) + plan.periodDays);
  const period = { start, end };
  const windows = windowsOf(period, plan.temporal.balancingPeriod);
  const eudr = plan.sector.commodity === 'cocoa';

  const siteIds = SITE_IDS.slice(0, plan.siteCount);
  const connected = new Map<string, Set<string>>();
  if (plan.level === 'multi-site') {
    for (const [a, b] of plan.links) {
      if (a === b || a >= plan.siteCount || b >= plan.siteCount) continue;
      const set = connected.get(siteIds[a]!) ?? new Set<string>();
      set.add(siteIds[b]!);
      connected.set(siteIds[a]!, set);
    }
  }
  const sites: Site[] = siteIds.map((id, k) => {
    const links = connected.get(id);
    return { id, country: COUNTRIES[k]!, ...(k === 0 ? { name: 'Integrated works' } : {}), ...(links ? { connectedTo: [...links] } : {}) };
  });
  const groupIds = plan.groupShares.map((_, k) => `group-${String.fromCharCode(97 + k)}`);

  const firstInputDay = plan.lateInputs ? Math.floor(plan.periodDays / 2) : 0;
  const inputs: LedgerInput[] = plan.inputs.map((p, k) =>
    compact({
      id: `in-${k + 1}`,
      date: isoOfDay(dayNumber(start) + firstInputDay + (p.day % (plan.periodDays - firstInputDay + 1))),
      site: siteIds[p.site % siteIds.length]!,
      batch: plan.level === 'batch' ? BATCHES[p.batch % BATCHES.length] : undefined,
      material: p.material,
      quantity: p.quantity,
      emissionFactor: p.factor,
      lowCarbon: p.lowCarbon,
      origin: eudr ? p.origin : undefined,
    }),
  );
  const baseline = plan.baseline ?? inputs.reduce((max, i) => Math.max(max, i.emissionFactor), 0);
  const pools = poolsOfInputs(plan.level, windows, inputs);
  const inputBatches = [...new Set(inputs.map((i) => i.batch).filter((b): b is string => b !== undefined))];
  const proportional = plan.attribution.proportional;

  /** Outputs that carry their pool's average: set below, once the pools' averages (stock included) are known. */
  const averaged: Array<{ index: number; pool: string }> = [];
  const outputs: LedgerOutput[] = plan.outputs.map((p, k) => {
    // A proportional method's ledger puts every output at its pool's average, so each joins a pool with inputs.
    const anchorIndex = p.anchor ?? (proportional ? k : null);
    let date: string;
    let site: string;
    let batch: string | undefined;
    if (anchorIndex !== null) {
      const anchor = inputs[anchorIndex % inputs.length]!;
      const w = windows[windowIndexOf(windows, anchor.date)]!;
      const length = dayNumber(w.end) - dayNumber(w.start) + 1;
      date = isoOfDay(dayNumber(w.start) + (p.day % length));
      site = plan.level === 'site' || plan.level === 'process' ? anchor.site : siteIds[p.site % siteIds.length]!;
      batch = anchor.batch;
    } else {
      date = isoOfDay(dayNumber(start) + (p.day % (plan.periodDays + 1)));
      site = siteIds[p.site % siteIds.length]!;
      batch = plan.level === 'batch' ? inputBatches[p.batch % inputBatches.length] : undefined;
    }
    const pool = pools.get(`${boundaryOf(plan.level, { site, batch })}@${windowIndexOf(windows, date)}`);
    const kind: FactorKind = proportional ? 'average' : p.kind;
    if (kind === 'average') averaged.push({ index: k, pool: `${boundaryOf(plan.level, { site, batch })}@${windows[windowIndexOf(windows, date)]!.start}` });
    const factor =
      kind === 'poolLowest' && pool ? pool.lowest
      : kind === 'zero' ? 0
      : kind === 'random' ? p.randomFactor
      : kind === 'aboveBaseline' ? Math.round((baseline + 0.15) * 100) / 100
      : baseline;
    const certified = plan.reporting.instrument === 'certificate' && p.certificate !== null;
    return compact({
      id: `out-${k + 1}`,
      date,
      site,
      batch,
      productGroup: p.group !== null && p.group < groupIds.length ? groupIds[p.group] : undefined,
      quantity: p.quantity,
      emissionFactor: factor,
      certificateId: certified ? `cert-${p.certificate}` : undefined,
      certificateQuantity: certified && p.certificatePerTonne !== null ? Math.round(p.quantity * p.certificatePerTonne * 1000) / 1000 : undefined,
    });
  });

  const method = {
    inputBoundary: plan.inputBoundary,
    temporalBoundary: plan.temporal,
    transferBoundary: { level: plan.level, sites },
    allocation: compact({ basis: plan.basis, productGroups: groupIds.length ? groupIds.map((id, k) => ({ id, share: plan.groupShares[k]! })) : undefined }),
    attribution: plan.attribution,
    stacking: { allowed: plan.stackingAllowed },
    reporting: plan.reporting,
  };
  const declaration = compact({
    schemaVersion: '1' as const,
    id: `prop-${plan.level}-${plan.attribution.model}`,
    title: plan.title,
    organization: { name: 'Property Steel & Co', country: 'DE' },
    sector: plan.sector.sector,
    commodity: plan.sector.commodity,
    period,
    method,
    ledger: plan.hasLedger
      ? compact({ unit: plan.unit, baselineEmissionFactor: plan.baseline, baselineBasis: plan.baselineBasis, inputs: inputs as [LedgerInput, ...LedgerInput[]], outputs })
      : undefined,
  }) as Declaration;
  // A pool's physical average depends on the output masses only (through the stock), never on their factors, so
  // the oracle's averages of this very declaration are those of the final one. To 12 significant digits, as an
  // export would write them (within the books' tolerance of the average, whatever its size).
  if (averaged.length > 0 && declaration.ledger) {
    const averages = new Map(oracleBooks(declaration).pools.map((p) => [p.id, p.averageEmissionFactor]));
    for (const { index, pool } of averaged) {
      const average = averages.get(pool);
      if (average) outputs[index]!.emissionFactor = Number(average.toNumber().toPrecision(12));
    }
  }
  return declaration;
}

/** Random valid declarations; with `withoutLedger`, some have no ledger. */
export function declarationArb(options: PlanOptions = {}): fc.Arbitrary<Declaration> {
  return planArb(options).map(buildDeclaration);
}

/** Declarations whose method is proportional attribution and whose ledger follows it. */
export const proportionalDeclarationArb = declarationArb({
  attribution: fc.constantFrom<Attribution>({ model: 'rolling-average-percentage', proportional: true }, { model: 'credit', proportional: true }),
});

/**
 * Claimed outputs in pools that hold no input and no stock: all inputs late in the period, a balancing period to
 * split it, and every other output placed anywhere in the period and attributed 0 (a full reduction).
 */
export const earlyClaimsDeclarationArb = planArb()
  .map((p) => ({
    ...p,
    lateInputs: true,
    temporal: { ...p.temporal, balancingPeriod: p.temporal.balancingPeriod ?? 'P1M' },
    outputs: p.outputs.map((o, k) => (k % 2 === 0 ? { ...o, anchor: null, kind: 'zero' as const } : o)),
  }))
  .map(buildDeclaration);

// ---------------------------------------------------------------------------------------------- helpers

/** Drops keys whose value is undefined, so the declaration is what JSON.stringify would write. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The same declaration with every object's keys in reverse order (different bytes, same document). */
export function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
  return value;
}

/** A permutation of 0..n-1 as an arbitrary that shrinks towards the identity. */
export function permutationArb(n: number): fc.Arbitrary<number[]> {
  const identity = Array.from({ length: n }, (_, k) => k);
  return n <= 1 ? fc.constant(identity) : fc.shuffledSubarray(identity, { minLength: n, maxLength: n });
}

export const permute = <T>(items: readonly T[], order: readonly number[]): T[] => order.map((k) => items[k]!);
