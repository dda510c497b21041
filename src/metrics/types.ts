// The derived figures of a declaration (DOMAIN.md section 3): the `metrics` of a result and a fact for the rules.
// Masses are in ledger.unit, factors in tCO2e/t, credits and emissions in tCO2e-equivalents of ledger.unit x factor.
import type { Connectivity } from './connectivity.js';
import type { BalancingWindow } from './windows.js';

export interface PoolMetrics {
  id: string;
  boundaryKey: string;
  window: BalancingWindow;
  inputs: number;
  outputs: number;
  inputMass: number;
  inputEmissions: number;
  /** The window's E / Q or, for a window without inputs, the average of the stock carried in (see averageBasis). */
  averageEmissionFactor: number | null;
  lowestInputEmissionFactor: number | null;
  averageBasis: 'inputs' | 'stock carried in' | null;
  outputMass: number;
  attributedEmissions: number;
  /** M x pool average - A: the physical emissions of the output mass not found in the attributed factors. */
  unattributedEmissions: number | null;
  stockCarriedIn: number;
  /** M - (Q + stock carried in) when positive. */
  massExcess: number;
  creditsCarriedIn: number;
  creditsEarned: number;
  creditsUsed: number;
  creditsExpired: number;
  creditsForfeited: number;
  closingBalance: number;
  overdraft: number;
  lowestRunningBalance: number;
  lowestRunningBalanceDate: string | null;
  /** Every output at the pool average (null: no outputs, or no inputs to average). */
  proportional: boolean | null;
  stackedOutputs: number;
}

export interface OutputMetrics {
  id: string;
  pool: string;
  date: string;
  site: string;
  productGroup: string | null;
  quantity: number;
  emissionFactor: number;
  poolAverage: number | null;
  lowestInputEmissionFactor: number | null;
  creditsUsed: number;
  /** 100 x (B - a) / B. */
  reductionVsBaselinePercent: number | null;
  /** 100 x (pool average - a) / pool average. */
  reductionVsPoolAveragePercent: number | null;
  /** Carries a reduction against the baseline: sold as lower-carbon than conventional. */
  claimed: boolean;
  stacked: boolean;
  /** (B - a) / (B - lowest input): how many inputs' worth of reduction it carries. */
  stackingFactor: number | null;
  atPoolAverage: boolean | null;
  certificateId: string | null;
}

export interface StackedOutput {
  outputId: string;
  pool: string;
  emissionFactor: number;
  lowestInputEmissionFactor: number;
  stackingFactor: number | null;
}

export interface GroupAllocation {
  id: string;
  share: number;
  outputMass: number;
  attributedEmissions: number;
  /** The group's share of the attributed emissions of all grouped outputs. */
  emissionsShare: number | null;
  /** emissionsShare - share. */
  deviation: number | null;
}

export interface LedgerMetrics {
  unit: 't' | 'kg';
  /** Emissions and credits are mass x factor: tCO2e when the ledger is in tonnes, kgCO2e in kilograms. */
  emissionsUnit: 'tCO2e' | 'kgCO2e';
  baseline: { emissionFactor: number; basis: string | null; declared: boolean };
  windows: BalancingWindow[];
  totals: {
    inputs: number;
    outputs: number;
    inputMass: number;
    inputEmissions: number;
    averageEmissionFactor: number | null;
    lowestInputEmissionFactor: number | null;
    highestInputEmissionFactor: number | null;
    outputMass: number;
    attributedEmissions: number;
    averageAttributedEmissionFactor: number | null;
    unattributedEmissions: number;
    creditsEarned: number;
    creditsUsed: number;
    creditsExpired: number;
    creditsForfeited: number;
    lowCarbonInputMass: number;
    lowCarbonInputShare: number | null;
    claimedOutputMass: number;
    claimedLowCarbonOutputShare: number | null;
  };
  pools: PoolMetrics[];
  outputs: OutputMetrics[];
  balance: {
    poolsOverdrawn: number;
    overdraft: number;
    worstOverdraft: { pool: string; window: BalancingWindow; creditsAvailable: number; creditsUsed: number; overdraft: number } | null;
    poolsWithNegativeRunningBalance: number;
    worstRunningBalance: { pool: string; balance: number; date: string } | null;
    /** Overdraft that would vanish if credits could be carried without the declared limits. */
    creditsBeyondCarryOverRules: number;
    worstBeyondCarryOverRules: { pool: string; window: BalancingWindow; overdraft: number; overdraftWithoutLimits: number } | null;
  };
  massBalance: {
    poolsExceeding: number;
    worst: { pool: string; outputMass: number; inputMass: number; stockCarriedIn: number; excess: number } | null;
  };
  stacking: { count: number; worst: StackedOutput | null; outputs: StackedOutput[] };
  proportionality: {
    allProportional: boolean | null;
    poolsNotProportional: number;
    outputsOffAverage: number;
    worst: { outputId: string; pool: string; emissionFactor: number; poolAverage: number; deviation: number } | null;
  };
  allocation: {
    groups: GroupAllocation[];
    /** Every group's emissions share equals its allocation share (null: no product groups declared). */
    proportional: boolean | null;
    worst: GroupAllocation | null;
    ungroupedOutputMass: number;
    summary: string;
  };
  crossSite: {
    multiSite: boolean;
    creditsUsed: number;
    creditsTransferred: number;
    transferShare: number | null;
    creditsTransferredWithoutPhysicalLink: number;
    withoutPhysicalLinkShare: number | null;
    sites: Array<{ site: string; creditsEarned: number; creditsUsed: number; creditsImported: number }>;
  };
  inputs: {
    /** Inputs that bring a reduction into the pool: factor below the baseline, or flagged low-carbon. */
    reducing: number;
    lowCarbonFlagged: number;
    largestReductionBelowBaselinePercent: number;
    lowestReducingInput: { inputId: string; emissionFactor: number } | null;
    benchmark: {
      maxEmissionFactor: number;
      failing: number;
      worst: { inputId: string; emissionFactor: number; maxEmissionFactor: number } | null;
    } | null;
  };
  claim: {
    reductionPercent: number | null;
    claimedOutputs: number;
    /** The smallest reduction against the baseline among the outputs that carry one (0 if none does). */
    supportedReductionPercent: number;
    supportedReductionVsPoolAveragePercent: number | null;
    excessPercent: number | null;
    /** Over the claimed outputs, the highest of their pools' lowest input factors: 0 when every claimed pool had a zero input. */
    highestLowestInputOfClaimedPools: number | null;
    worstClaimedPool: { outputId: string; pool: string; lowestInputEmissionFactor: number | null } | null;
  };
  certificates: {
    count: number;
    duplicateIds: string[];
    duplicateIdCount: number;
    /** Outputs holding a certificate whose own factor is also below their pool's average. */
    alsoInFactor: number;
    alsoInFactorExample: { outputId: string; certificateId: string; emissionFactor: number; poolAverage: number } | null;
  };
  origin: {
    inputs: number;
    complete: number;
    completeShare: number | null;
    missingCountry: number;
    missingGeolocation: number;
    deforestationUnknown: number;
    notDeforestationFree: number;
    legalityUnknown: number;
    notLegal: number;
    missingDueDiligenceRef: number;
    /** The first input (by date, then id) whose origin data is incomplete, and what it lacks. */
    firstIncomplete: { inputId: string; missing: string[] } | null;
    /** Per field, the first input (by date, then id) that lacks it or does not meet it. */
    firstMissing: { country: string | null; geolocation: string | null; deforestationFree: string | null; legal: string | null; dueDiligenceRef: string | null };
  };
}

export interface Metrics {
  tolerance: { relative: number; statement: string };
  hasLedger: boolean;
  connectivity: Connectivity;
  decisionsDisclosed: number;
  ledger: LedgerMetrics | null;
}
