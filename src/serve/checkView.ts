// The parts POST /v1/check adds when asked (include=places, include=view): types only, shared by the service and the
// workbench page, so this file imports nothing that needs Node.
import type { OutputsChart, WindowsChart } from '../report/charts.js';
import type { CheckResult, Finding } from '../result.js';

/** The values of `include`, each an opt-in part of the answer. */
export const INCLUDES = ['places', 'view'] as const;
export type Include = (typeof INCLUDES)[number];

/**
 * Where a failing or cannot-tell finding is: the JSON pointer of the value it is about and where that value is
 * written. With `file`, line and column are the row and column of that ledger file (sheet and header when known),
 * and `namedAt` is where the declaration names the file.
 */
export interface PlaceView {
  pointer: string;
  line: number;
  column: number;
  file?: string;
  sheet?: string;
  header?: string;
  namedAt?: { line: number; column: number };
}

export interface ProfileOptionView {
  value: string;
  label: string;
  integrity: 'higher' | 'medium' | 'lower';
  note: string;
  chosen: boolean;
}

/** One of the seven decisions as the report's method profile shows it. */
export interface ProfileDecisionView {
  decision: number;
  name: string;
  question: string;
  options: ProfileOptionView[];
  /** What the declaration says at this decision, in a few words. */
  declared: string | undefined;
  /** Rule ids failing here at level shall, and failing at should or may (warnings and notes). */
  failing: string[];
  warning: string[];
}

export interface FigureRowView {
  label: string;
  value: string;
  unit: string;
  how: string;
}

/** The figures of a pool the report's pools table shows, in its column order. */
export const POOL_COLUMNS = ['stockCarriedIn', 'inputMass', 'averageEmissionFactor', 'lowestInputEmissionFactor', 'outputMass', 'creditsCarriedIn', 'creditsWithStock', 'creditsEarned', 'creditsUsed', 'closingBalance', 'creditsToStock', 'creditsExpired', 'creditsForfeited', 'overdraft'] as const;
export type PoolColumn = (typeof POOL_COLUMNS)[number];

/** A pool's row of the report's pools table: its figures formatted as the report formats them. */
export interface PoolRowView {
  id: string;
  boundaryKey: string;
  window: { start: string; end: string };
  fmt: Record<PoolColumn, string>;
  /** Whether the reductions its outputs carry are backed by as much reduction of what entered: backed, short, n/a. */
  volume: string;
}

/** An output attributed below the lowest factor that entered its pool, its figures formatted as the report prints them. */
export interface StackedOutputView {
  outputId: string;
  pool: string;
  emissionFactor: string;
  lowestInputEmissionFactor: string;
  stackingFactor: string;
}

/** Credits by site in a multi-site pool, as the report's "Credits by site" states them. */
export interface CrossSiteView {
  /** The credits used across sites, in the report's words and figures. */
  explanation: string;
  sites: Array<{ site: string; creditsEarned: string; creditsUsed: string; creditsImported: string; creditsImportedWithoutPhysicalLink: string }>;
}

export interface LedgerView {
  unit: string;
  emissionsUnit: string;
  /** What a pool is and how its row reconciles, as the report says it beside the same table. */
  poolsExplanation: string;
  figures: FigureRowView[];
  pools: PoolRowView[];
  windowsChart: WindowsChart | null;
  outputsChart: OutputsChart | null;
  /** The first 50, as the report lists them. */
  stackedOutputs: StackedOutputView[];
  /** Null unless the ledger has a multi-site pool. */
  crossSite: CrossSiteView | null;
}

/** The report's method profile and ledger metrics, computed by the report's own model (src/report/model.ts). */
export interface CheckView {
  /** The ISO 22095-2 model the declaration uses, in words. */
  isoModel: string;
  methodProfile: ProfileDecisionView[];
  /** What the claim says and what the books show of it, sentence by sentence. */
  claim: string[];
  /** Null when the declaration has no ledger. */
  ledger: LedgerView | null;
  /** How figures are compared (the tolerance), as the report states it. */
  tolerance: string | undefined;
}

export type PlacedFinding = Finding & { place?: PlaceView };

/** A check's answer with the parts asked for: `view` is null when the declaration was not valid. */
export type CheckAnswerBody = Omit<CheckResult, 'findings'> & { findings?: PlacedFinding[]; view?: CheckView | null };

/**
 * The check's own result, as `mbcheck check --format json` writes it: the parts include= asked for left out. The
 * page's JSON download and the service's SARIF log both state the result alone.
 */
export function plainResult(answer: CheckAnswerBody): CheckResult {
  const { view: _view, findings, ...rest } = answer;
  return { ...rest, ...(findings ? { findings: findings.map(({ place: _place, ...finding }) => finding) } : {}) };
}
