/* Generated from schemas/metrics.schema.json by scripts/generate-types.mjs. Do not edit: change the schema and run npm run gen:types. */

/**
 * The derived figures of a declaration (docs/books.md): the `metrics` of a check result, and the fact `metrics` the rules read. Masses are in ledger.unit, factors in tCO2e/t (numerically kgCO2e/kg), emissions and credits in emissionsUnit (mass x factor: tCO2e for a ledger in t, kgCO2e for one in kg). Symbols: q and e an input's quantity and factor, m and a an output's quantity and attributed factor, B the baseline, S and s the stock carried in and its factor, Q and E a pool's mass and emissions, e_avg = E / Q, M a pool's output mass, L a lot's amount of credits.
 */
export interface Metrics {
  /**
   * The one numeric tolerance of the books (docs/books.md section 6).
   */
  tolerance: {
    /**
     * Two figures agree when they differ by at most this fraction of the larger of them (1e-6), a ratio.
     */
    relative: number;
    /**
     * The tolerance in words.
     */
    statement: string;
  };
  /**
   * True when the declaration has a ledger.
   */
  hasLedger: boolean;
  /**
   * Which declared sites are physically connected.
   */
  connectivity: Connectivity;
  /**
   * Distinct decisions listed in reporting.disclosure.decisionsDisclosed when the disclosure is published, else 0, a count.
   */
  decisionsDisclosed: number;
  /**
   * What the declaration's claim says, as the claim reader reads its label, wording and reductionPercent.
   */
  claimReading: ClaimReading;
  /**
   * The evidence the declaration offers, judged on the as-of date.
   */
  evidence: Evidence;
  /**
   * The EUDR commodity the declaration's commodity names (src/commodities.ts, docs/books.md section 7): by a name of the commodity or of one of its products in any case, spacing, hyphenation or plural (English, German, French or Spanish), or by an HS code of Annex I of Regulation (EU) 2023/1115; null when it names none.
   */
  eudrCommodity: {
    /**
     * The canonical EUDR commodity.
     */
    commodity: 'cattle' | 'cocoa' | 'coffee' | 'oil-palm' | 'rubber' | 'soya' | 'wood';
    /**
     * How it was recognised: a name of the commodity or of one of its products, or an HS code.
     */
    matchedBy: 'name' | 'hs-code';
    /**
     * The name as mbcheck's table writes it (cocoa beans), or the HS code as digits (1801).
     */
    matched: string;
  } | null;
  /**
   * The books of the ledger; null for a declaration without one.
   */
  ledger: LedgerMetrics | null;
}
/**
 * Physical connectivity between the declared sites, read from connectedTo.
 *
 * This interface was referenced by `Metrics`'s JSON-Schema
 * via the `definition` "connectivity".
 */
export interface Connectivity {
  /**
   * The declared transfer boundary (method.transferBoundary.level), which sets the unit in which attributes may be exchanged.
   */
  level: 'batch' | 'process' | 'site' | 'multi-site';
  /**
   * Sites declared under method.transferBoundary.sites, a count.
   */
  sites: number;
  /**
   * Groups of physically connected declared sites (connectedTo, both ways, and through other sites), each sorted by id, largest group first.
   */
  components: string[][];
  /**
   * True when every declared site is reachable from every other through physical links (at most one group; also true with no sites or one).
   */
  connected: boolean;
}
/**
 * What the declaration's claim says, read by the claim reader (src/claims/reader.ts) from its label, wording and reductionPercent: the text normalised (Unicode NFKC, dashes, spacing, 'percent' words), split into clauses, a negated phrase, a target or a percentage about something else counted as a mention, not a claim.
 *
 * This interface was referenced by `Metrics`'s JSON-Schema
 * via the `definition` "claimReading".
 */
export interface ClaimReading {
  /**
   * The declaration states a claim: a label, a wording or a reductionPercent.
   */
  stated: boolean;
  /**
   * What the claim is: it presents the product as fully reduced; it states a reduction percentage; it states an (allocated) factor; a label with none of these; no claim at all.
   */
  kind: 'full-reduction' | 'percentage' | 'factor' | 'label-only' | 'none';
  /**
   * The claim presents the product as fully reduced (zero-carbon, CO2-free, climate-neutral, 100% reduced, a factor of 0 ... in English, German, French or Spanish, or reductionPercent 100), not negated and not as a target.
   */
  fullReduction: boolean;
  /**
   * The first phrase that makes it a full-reduction claim, and where (null when it is not one).
   */
  fullReductionBy: {
    /**
     * Where it was found: the claim's label, its wording, or reductionPercent.
     */
    source: 'label' | 'wording' | 'reductionPercent';
    /**
     * The phrase, as written.
     */
    text: string;
  } | null;
  /**
   * Every reduction percentage the claim states for the product's emissions, with where it was found; percentages about something else, negated or stated as targets are mentions.
   */
  percentages: {
    /**
     * The percentage, in %.
     */
    value: number;
    /**
     * Where it was found: the claim's label, its wording, or reductionPercent.
     */
    source: 'label' | 'wording' | 'reductionPercent';
    /**
     * The words around it, as normalised.
     */
    text: string;
    /**
     * Stated as a maximum ('up to 90%'): judged as stated all the same.
     */
    upTo: boolean;
    /**
     * What it is a reduction against: the physical average ('66% below the site's physical average'), or otherwise the baseline.
     */
    against: 'baseline' | 'average';
  }[];
  /**
   * The highest reduction percentage the claim states anywhere (label, wording or reductionPercent): what every claimed output must support (null when none is stated), in %.
   */
  statedPercent: number | null;
  /**
   * The highest percentage stated against the physical average, in % (null when none is).
   */
  statedPercentVsAverage: number | null;
  /**
   * Every emission factor the claim states (0.7 tCO2e/t, 700 kg CO2e per tonne), converted to tCO2e/t, with where it was found and whether it is said to be the physical footprint.
   */
  factors: {
    /**
     * The factor, in tCO2e/t.
     */
    value: number;
    /**
     * Where it was found: the claim's label or its wording.
     */
    source: 'label' | 'wording';
    /**
     * The figure as written, normalised.
     */
    text: string;
    /**
     * Words around it say it is the physical (average, actual, unallocated) footprint.
     */
    physical: boolean;
  }[];
  /**
   * The physical footprint the claim discloses: claim.physicalFootprint when declared, else a factor the wording says is physical (a weaker signal); null when neither.
   */
  physicalFootprint: {
    /**
     * The disclosed physical factor, in tCO2e/t.
     */
    value: number;
    /**
     * Declared in claim.physicalFootprint, or read from the label or the wording.
     */
    source: 'declared' | 'label' | 'wording';
    /**
     * As written.
     */
    text: string;
  } | null;
  /**
   * Phrases and percentages that look like claims but are not: negated, stated as a target, qualified as less than full ('near-zero'), or about something else (renewable electricity, recycled content, a feedstock, a share of output).
   */
  mentions: {
    /**
     * Where it was found: the claim's label or its wording.
     */
    source: 'label' | 'wording';
    /**
     * The words, as normalised.
     */
    text: string;
    /**
     * Why it is no claim: negated, stated as a target, qualified as less than full (near-zero), or about something else.
     */
    reason: 'negated' | 'target' | 'qualified' | 'other subject';
  }[];
  /**
   * The claim's label or wording names the mass-balance model (mass balance, Massenbilanz, bilan massique, balance de masas).
   */
  namesMassBalance: boolean;
  /**
   * The ISO 22095-2 method the claim names: the credit method, the rolling average percentage method, both, or none (null).
   */
  namesMethod: 'credit' | 'rolling-average' | 'both' | null;
}
/**
 * The evidence the declaration offers, judged: its verification and its transitional use, against the period and the as-of date of the check.
 *
 * This interface was referenced by `Metrics`'s JSON-Schema
 * via the `definition` "evidence".
 */
export interface Evidence {
  /**
   * The date the evidence is judged on: the check's as-of date.
   */
  asOf: string;
  /**
   * The third-party verification (method.reporting.verification).
   */
  verification: {
    /**
     * A verification body is named (a placeholder such as TBD or "to be appointed" names none).
     */
    stated: boolean;
    /**
     * The body named (null when none).
     */
    body: string | null;
    /**
     * The body as given when it is a placeholder that names no verifier (TBD, none, to be appointed); null otherwise.
     */
    placeholderBody: string | null;
    /**
     * Nothing says the body is the declarant or its own internal or self-assessment (null when no body is named).
     */
    independent: boolean | null;
    /**
     * Why it is not independent: it names the declarant (compared without legal forms, punctuation or spacing: A.C.M.E. Steel GmbH is ACME Steel AG), it is an internal or self-assessment, or it bears the declarant's first distinctive name (Acme Holding for Acme Steel Europe: the same group); null when independent, or none.
     */
    notIndependentBecause: string | null;
    /**
     * An accreditation of the body is stated, and it does not say there is none or none valid (none, n/a, pending, applied for, self-accredited, expired).
     */
    accredited: boolean;
    /**
     * The accreditation as given when it says there is none or none valid; null otherwise.
     */
    accreditationNotValid: string | null;
    /**
     * The verification's date (null when none).
     */
    date: string | null;
    /**
     * done: dated after the period's end and not after the as-of date; planned: dated after the as-of date; before-period-end: dated before the period ended, so it cannot cover it; undated; not-stated.
     */
    status: 'done' | 'planned' | 'before-period-end' | 'undated' | 'not-stated';
    /**
     * Done, by an independent body, with its accreditation stated: what the verification rules ask.
     */
    judged: boolean;
  };
  /**
   * The planned end of the transitional use (method.reporting.transition).
   */
  transition: {
    /**
     * The declared end of the transitional use (null when none).
     */
    endDate: string | null;
    /**
     * A roadmap is published (roadmapUrl).
     */
    roadmap: boolean;
    /**
     * The end lies after the period's end: a transition that 'ended' before the period is none (null without an end date).
     */
    afterPeriod: boolean | null;
  };
}
/**
 * The books of a declaration's ledger (docs/books.md), unit by unit and window by window.
 *
 * This interface was referenced by `Metrics`'s JSON-Schema
 * via the `definition` "ledgerMetrics".
 */
export interface LedgerMetrics {
  /**
   * The ledger's mass unit (ledger.unit): every mass is in it.
   */
  unit: 't' | 'kg';
  /**
   * The unit of every emission and credit figure: mass x factor, tCO2e for a ledger in t, kgCO2e for one in kg.
   */
  emissionsUnit: 'tCO2e' | 'kgCO2e';
  /**
   * The baseline B the credits are counted against (docs/books.md section 0).
   */
  baseline: {
    /**
     * B: ledger.baselineEmissionFactor or, when it is not declared, the highest input factor of the ledger, in tCO2e/t.
     */
    emissionFactor: number;
    /**
     * ledger.baselineBasis as declared, or null.
     */
    basis: 'site-historical' | 'route-average' | 'regional-average' | 'other' | null;
    /**
     * True when ledger.baselineEmissionFactor is declared.
     */
    declared: boolean;
  };
  /**
   * The balancing windows of the period, in time order.
   */
  windows: BalancingWindow[];
  /**
   * Sums over the whole ledger.
   */
  totals: {
    /**
     * Input lines of the ledger, a count.
     */
    inputs: number;
    /**
     * Output lines of the ledger, a count.
     */
    outputs: number;
    /**
     * Sum of the quantities q of the ledger's inputs, stock not included, in ledger.unit.
     */
    inputMass: number;
    /**
     * Sum of q x e over the ledger's inputs, stock not included, in emissionsUnit.
     */
    inputEmissions: number;
    /**
     * Sum of q x e over sum of q, over the ledger's inputs: their average factor over the period, stock not included (null when the input mass is 0), in tCO2e/t.
     */
    averageEmissionFactor: number | null;
    /**
     * The lowest input factor of the ledger (null without inputs), in tCO2e/t.
     */
    lowestInputEmissionFactor: number | null;
    /**
     * The highest input factor of the ledger, in tCO2e/t.
     */
    highestInputEmissionFactor: number;
    /**
     * Sum of the quantities m of the ledger's outputs, in ledger.unit.
     */
    outputMass: number;
    /**
     * Sum of m x a over the ledger's outputs, in emissionsUnit.
     */
    attributedEmissions: number;
    /**
     * Sum of m x a over sum of m, over the ledger's outputs (null without output mass), in tCO2e/t.
     */
    averageAttributedEmissionFactor: number | null;
    /**
     * Sum of the pools' unattributedEmissions (M x e_avg minus attributed), netting pools against each other, shown and never judged, in emissionsUnit.
     */
    unattributedEmissions: number;
    /**
     * Credits the ledger's inputs earn: sum of q x max(0, B - e), in emissionsUnit.
     */
    creditsEarned: number;
    /**
     * Credits the ledger's outputs use: sum of m x max(0, B - a), in emissionsUnit.
     */
    creditsUsed: number;
    /**
     * Sum of the pools' expired credits: what was left of lots more than maxPeriods windows after the window they were earned in, in emissionsUnit.
     */
    creditsExpired: number;
    /**
     * Sum of the pools' forfeited credits: what was left at a close, after the stock's share, where carry-over is not allowed, in emissionsUnit.
     */
    creditsForfeited: number;
    /**
     * Credits that went with the closing stock of each unit's last window, in emissionsUnit.
     */
    creditsInClosingStock: number;
    /**
     * Credits carried over out of each unit's last window, in emissionsUnit.
     */
    creditsCarriedBeyondPeriod: number;
    /**
     * Sum of the closing stock S' of each unit's last window, in ledger.unit.
     */
    closingStock: number;
    /**
     * Mass of the inputs flagged lowCarbon or clearly below their unit's conventional route (its highest input factor over the period), in ledger.unit.
     */
    lowCarbonInputMass: number;
    /**
     * The mass of the inputs flagged lowCarbon or clearly below their unit's conventional route (its highest input factor over the period), over the ledger's input mass (null when that is 0), a share from 0 to 1.
     */
    lowCarbonInputShare: number | null;
    /**
     * Mass of the claimed outputs (docs/books.md section 5), in ledger.unit.
     */
    claimedOutputMass: number;
    /**
     * The mass of the claimed outputs (docs/books.md section 5) over the ledger's output mass (null without output mass), a share from 0 to 1.
     */
    claimedLowCarbonOutputShare: number | null;
  };
  /**
   * The pools in which something happens (a line, stock carried in, credits available or expiring), units in alphabetical order and windows in time order.
   */
  pools: PoolMetrics[];
  /**
   * One row per output line, pool by pool.
   */
  outputs: OutputMetrics[];
  /**
   * The credit balance, pool by pool (docs/books.md sections 2 and 3).
   */
  balance: {
    /**
     * Pools with an overdraft, a count.
     */
    poolsOverdrawn: number;
    /**
     * Sum of the pools' overdrafts: credits used beyond those available, pool by pool, a surplus in one pool never offsetting another, in emissionsUnit.
     */
    overdraft: number;
    /**
     * The pool with the largest overdraft (the first on ties), null when none is overdrawn.
     */
    worstOverdraft: {
      /**
       * The pool: `<unit>@<window start>`.
       */
      pool: string;
      /**
       * Its balancing window.
       */
      window: BalancingWindow;
      /**
       * Its credits available: carried in, with its stock and earned, in emissionsUnit.
       */
      creditsAvailable: number;
      /**
       * Of those, the lots carried in from earlier windows after expiry, in emissionsUnit.
       */
      creditsCarriedIn: number;
      /**
       * Of those, the lots that came with its stock (0 when the stock came without its reductions), in emissionsUnit.
       */
      creditsWithStock: number;
      /**
       * Of those, the lots its own inputs earned, in emissionsUnit.
       */
      creditsEarned: number;
      /**
       * Its credits used, in emissionsUnit.
       */
      creditsUsed: number;
      /**
       * Its overdraft, used - available, in emissionsUnit.
       */
      overdraft: number;
      /**
       * Its output mass M, in ledger.unit.
       */
      outputMass: number;
      /**
       * Its attributed emissions, in emissionsUnit.
       */
      attributedEmissions: number;
      /**
       * M x e_avg: what its outputs physically carry (null without an average), in emissionsUnit.
       */
      physicalEmissions: number | null;
    } | null;
    /**
     * Pools whose running balance is clearly below zero on some day, a count.
     */
    poolsWithNegativeRunningBalance: number;
    /**
     * The pool with the lowest negative running balance, null when none goes negative.
     */
    worstRunningBalance: {
      /**
       * The pool: `<unit>@<window start>`.
       */
      pool: string;
      /**
       * Its lowest running balance, negative, in emissionsUnit.
       */
      balance: number;
      /**
       * The day of it.
       */
      date: string;
    } | null;
    /**
     * Sum over pools of the overdraft that would vanish if lots could be carried without the declared limits (carry-over not allowed, or maxPeriods): overdraft minus the overdraft with unlimited carry-over, where clearly above, in emissionsUnit.
     */
    creditsBeyondCarryOverRules: number;
    /**
     * The pool where the declared carry-over limits cost most, null when they cost nothing.
     */
    worstBeyondCarryOverRules: {
      /**
       * The pool: `<unit>@<window start>`.
       */
      pool: string;
      /**
       * Its balancing window.
       */
      window: BalancingWindow;
      /**
       * Its overdraft under the declared carry-over rules, in emissionsUnit.
       */
      overdraft: number;
      /**
       * Its overdraft were carry-over unlimited, in emissionsUnit.
       */
      overdraftWithoutLimits: number;
    } | null;
  };
  /**
   * Output against mass, pool by pool (docs/books.md section 1).
   */
  massBalance: {
    /**
     * Pools whose output mass M is clearly above their mass Q, a count.
     */
    poolsExceeding: number;
    /**
     * The pool with the largest mass excess, null when none exceeds.
     */
    worst: {
      /**
       * The pool: `<unit>@<window start>`.
       */
      pool: string;
      /**
       * Its output mass M, in ledger.unit.
       */
      outputMass: number;
      /**
       * Its inputs' mass, stock not included, in ledger.unit.
       */
      inputMass: number;
      /**
       * Its stock carried in S, in ledger.unit.
       */
      stockCarriedIn: number;
      /**
       * M - Q, in ledger.unit.
       */
      excess: number;
    } | null;
  };
  /**
   * Stacking (docs/books.md section 4).
   */
  stacking: {
    /**
     * Outputs whose factor is clearly below the red line of their pool: the lowest factor that entered it (its inputs, its stock, the lots available to it), a count.
     */
    count: number;
    /**
     * The stacked output farthest below its red line (the first by id on ties), null when none is stacked.
     */
    worst: StackedOutput | null;
    /**
     * Every stacked output, in pool order.
     */
    outputs: StackedOutput[];
    /**
     * Stacking by volume (docs/books.md section 4).
     */
    volume: {
      /**
       * Pools in which some output uses credits (a below B), where stacking by volume is tested, a count.
       */
      poolsJudged: number;
      /**
       * Pools where stacking by volume fails, a count.
       */
      poolsShort: number;
      /**
       * The failing pool with the largest shortfall, null when none fails.
       */
      worst: VolumeShortfall | null;
    };
  };
  /**
   * Proportional attribution: outputs at their pool's physical average (docs/books.md section 1).
   */
  proportionality: {
    /**
     * True when every pool with outputs and an average has every output at its average; null when there is no such pool.
     */
    allProportional: boolean | null;
    /**
     * Pools with outputs and an average where some output is not at the average, a count.
     */
    poolsNotProportional: number;
    /**
     * Outputs not at their pool's average, a count.
     */
    outputsOffAverage: number;
    /**
     * The output off its pool's average by the most (either way), null when every output is at it.
     */
    worst: {
      /**
       * The output's id.
       */
      outputId: string;
      /**
       * The pool: `<unit>@<window start>`.
       */
      pool: string;
      /**
       * a: its attributed factor, in tCO2e/t.
       */
      emissionFactor: number;
      /**
       * e_avg of its pool, in tCO2e/t.
       */
      poolAverage: number;
      /**
       * a - e_avg, in tCO2e/t.
       */
      deviation: number;
    } | null;
  };
  /**
   * Allocation between product groups (docs/books.md section 5).
   */
  allocation: {
    /**
     * The declared allocation basis (method.allocation.basis).
     */
    basis: 'physical' | 'economic' | 'none';
    /**
     * Every declared product group, in the declared order.
     */
    groups: GroupAllocation[];
    /**
     * Over the whole period, every group's emissionsShare agrees with its declared share (to 1e-6, relative or absolute), kept because version 1 of the rulesets reads it while the books judge allocation pool by pool (null without groups, or when grouped outputs carry no emissions).
     */
    proportional: boolean | null;
    /**
     * Over the whole period, the group whose emissionsShare is farthest from its share, even when all agree (the first on ties); null when no group is judged.
     */
    worst: GroupAllocation | null;
    /**
     * Each group's share of the emissions against its declared share, in words, over the whole period (empty without groups).
     */
    summary: string;
    /**
     * Allocation judged pool by pool: each group's share of the pool's emissions against its key in the pool.
     */
    pools: {
      /**
       * Pools whose grouped outputs carry emissions and weight, judged when the basis is not none, a count.
       */
      judged: number;
      /**
       * Judged pools where some group's emissions share does not agree with its key, a count.
       */
      notProportional: number;
      /**
       * True when no judged pool is off; null without groups or without a judged pool.
       */
      proportional: boolean | null;
      /**
       * The group in a pool whose emissions share is farthest from its key, null when none is off.
       */
      worst: PoolGroupAllocation | null;
    };
    /**
     * With a physical basis, groups and grouped output mass: the declared shares against the ledger's mass split; null otherwise.
     */
    declaredShares: {
      /**
       * Every declared share agrees with the group's share of the grouped output mass over the period, within half a unit of the last decimal the share is written with.
       */
      agree: boolean;
      /**
       * The group whose declared share is farthest from its mass share, null when all agree.
       */
      worst: {
        /**
         * The product group's id.
         */
        group: string;
        /**
         * Its declared share, a share from 0 to 1.
         */
        share: number;
        /**
         * Its share of the grouped output mass over the period, a share from 0 to 1.
         */
        massShare: number;
        /**
         * massShare - share, a difference of shares.
         */
        deviation: number;
      } | null;
    } | null;
    /**
     * When groups are declared, outputs that name no declared group (0 without groups), a count.
     */
    ungroupedOutputs: number;
    /**
     * Mass of those outputs, in ledger.unit.
     */
    ungroupedOutputMass: number;
    /**
     * The id of the first of them by date then id, or null.
     */
    firstUngroupedOutput: string | null;
  };
  /**
   * Credits crossing sites in a multi-site unit (docs/books.md section 2, transfers).
   */
  crossSite: {
    /**
     * True at transfer level multi-site.
     */
    multiSite: boolean;
    /**
     * At multi-site, the credits the outputs use (totals.creditsUsed); 0 at other levels, in emissionsUnit.
     */
    creditsUsed: number;
    /**
     * Sum over windows and sites of the credits a site used from lots that originated at another site, never netted (0 unless multi-site), in emissionsUnit.
     */
    creditsTransferred: number;
    /**
     * creditsTransferred / creditsUsed, which may pass 1 within the tolerance (a need that agrees with a lot takes the lot whole, so a site can import a little more than it uses); null unless multi-site with credits used, a share from 0 to 1.
     */
    transferShare: number | null;
    /**
     * Of creditsTransferred, those from sites with no physical link to the using site, in emissionsUnit.
     */
    creditsTransferredWithoutPhysicalLink: number;
    /**
     * creditsTransferredWithoutPhysicalLink / creditsUsed, which may pass 1 within the tolerance as transferShare may; null unless multi-site with credits used, a share from 0 to 1.
     */
    withoutPhysicalLinkShare: number | null;
    /**
     * At multi-site, each site that earned or used credits, in id order (empty at other levels).
     */
    sites: SiteFlows[];
    /**
     * The site in a pool that imported the most credits, null when none imported.
     */
    worst: {
      /**
       * The pool: `<unit>@<window start>`.
       */
      pool: string;
      /**
       * The importing site.
       */
      site: string;
      /**
       * Credits the site used in the pool, in emissionsUnit.
       */
      creditsUsed: number;
      /**
       * Of those, credits from lots of other sites, in emissionsUnit.
       */
      creditsImported: number;
      /**
       * Of those, credits from sites with no physical link to it, in emissionsUnit.
       */
      creditsImportedWithoutPhysicalLink: number;
    } | null;
    /**
     * Site-windows whose outputs used credits while no lot of their own site was available, a count.
     */
    sitesWithoutOwnReductions: number;
    /**
     * The largest such site-window, null when there is none.
     */
    worstWithoutOwnReductions: {
      /**
       * The pool: `<unit>@<window start>`.
       */
      pool: string;
      /**
       * The site.
       */
      site: string;
      /**
       * Credits its outputs used in the pool, all from elsewhere, in emissionsUnit.
       */
      creditsUsed: number;
    } | null;
  };
  /**
   * The inputs that bring a reduction, and the input boundary (decision 1).
   */
  inputs: {
    /**
     * Inputs that bring a reduction: factor clearly below B, or flagged lowCarbon, a count.
     */
    reducing: number;
    /**
     * Inputs flagged lowCarbon: true, a count.
     */
    lowCarbonFlagged: number;
    /**
     * max(0, 100 x (B - lowest input factor) / B) (0 when B = 0), in %.
     */
    largestReductionBelowBaselinePercent: number;
    /**
     * The reducing input with the lowest factor (the first by date then id on ties), null without one.
     */
    lowestReducingInput: {
      /**
       * Its id.
       */
      inputId: string;
      /**
       * Its factor e, in tCO2e/t.
       */
      emissionFactor: number;
    } | null;
    /**
     * The benchmark the reducing inputs must meet, when the input boundary control is benchmark; null otherwise.
     */
    benchmark: {
      /**
       * The declared benchmark (method.inputBoundary.benchmark.maxEmissionFactor), in tCO2e/t.
       */
      maxEmissionFactor: number;
      /**
       * Reducing inputs whose factor is clearly above the benchmark, a count.
       */
      failing: number;
      /**
       * The failing input with the highest factor, null when none fails.
       */
      worst: {
        /**
         * Its id.
         */
        inputId: string;
        /**
         * Its factor e, in tCO2e/t.
         */
        emissionFactor: number;
        /**
         * The benchmark, in tCO2e/t.
         */
        maxEmissionFactor: number;
      } | null;
    } | null;
  };
  /**
   * Technology change (docs/books.md section 5).
   */
  technology: {
    /**
     * Each unit with inputs, in alphabetical order.
     *
     * Items: A unit with inputs.
     */
    units: {
      /**
       * The unit (batch, site, or all).
       */
      unit: string;
      /**
       * C: the unit's conventional route, its highest input factor over the period, in tCO2e/t.
       */
      conventionalEmissionFactor: number;
      /**
       * The unit's lowest input factor over the period, in tCO2e/t.
       */
      lowestInputEmissionFactor: number;
      /**
       * 100 x (C - lowest input factor) / C (0 when C = 0), in %.
       */
      reductionBelowConventionalPercent: number;
      /**
       * Over the period, some input of the unit is at least 10% below C, or is flagged lowCarbon and clearly below C.
       */
      change: boolean;
    }[];
    /**
     * Pools with an output clearly below the pool average, a count.
     */
    poolsWithFreeAttribution: number;
    /**
     * Of those, pools without a technology change, a count.
     */
    poolsFreeWithoutChange: number;
    /**
     * The first pool, in pool order, with free attribution and no technology change; null when there is none.
     */
    worst: {
      /**
       * The pool: `<unit>@<window start>`.
       */
      pool: string;
      /**
       * The conventional route of its unit (null for a unit without inputs), in tCO2e/t.
       */
      conventionalEmissionFactor: number | null;
      /**
       * The red line of the pool: the lowest factor that entered it, in tCO2e/t.
       */
      lowestInputEmissionFactor: number | null;
      /**
       * Its output with the lowest factor clearly below the pool average.
       */
      outputId: string;
      /**
       * That output's factor a, in tCO2e/t.
       */
      emissionFactor: number;
      /**
       * e_avg of the pool, in tCO2e/t.
       */
      poolAverage: number;
    } | null;
    /**
     * A baseline clearly above a unit's conventional route lets conventional material earn credits.
     */
    baselineAboveConventional: {
      /**
       * Units whose conventional route C is clearly below B, a count.
       */
      units: number;
      /**
       * Sum over those units of their input mass x (B - C): the credits conventional material earns only because B is above C, in emissionsUnit.
       */
      creditsCreated: number;
      /**
       * creditsCreated / totals.creditsEarned (null when no credits are earned), a share from 0 to 1.
       */
      share: number | null;
      /**
       * The unit where the baseline creates the most credits, null when there is none.
       */
      worst: {
        /**
         * The unit.
         */
        unit: string;
        /**
         * Its conventional route C, in tCO2e/t.
         */
        conventionalEmissionFactor: number;
        /**
         * B, in tCO2e/t.
         */
        baseline: number;
        /**
         * Its input mass over the period, in ledger.unit.
         */
        inputMass: number;
        /**
         * Its input mass x (B - C), in emissionsUnit.
         */
        creditsCreated: number;
      } | null;
    };
  };
  /**
   * The claim and what the claimed outputs support (docs/books.md section 5).
   */
  claim: {
    /**
     * The declared reporting.claim.reductionPercent, or null, in %.
     */
    reductionPercent: number | null;
    /**
     * The highest reduction the claim states anywhere, as metrics.claimReading reads its label, wording and reductionPercent (null when none is stated), in %.
     */
    statedPercent: number | null;
    /**
     * statedPercent minus supportedReductionPercent when positive, else 0 (null when no percentage is stated), in %.
     */
    statedExcessPercent: number | null;
    /**
     * The physical footprint the claim discloses (claim.physicalFootprint, or the highest physical factor the label or wording states) against the physical averages of the claimed outputs' pools.
     */
    physicalFootprint: {
      /**
       * The disclosed physical factor held up for the product: claim.physicalFootprint, or else the highest physical factor the label or wording states (null when none is), in tCO2e/t.
       */
      stated: number | null;
      /**
       * Where it was disclosed: claim.physicalFootprint, or read from the label or the wording (a weaker signal).
       */
      source: 'declared' | 'label' | 'wording' | null;
      /**
       * The lowest footprint the claim states: the declared one and every physical factor of its label and wording, in tCO2e/t (null when none is).
       */
      lowestStated: number | null;
      /**
       * Whose pools the footprint is held against: the claimed outputs', or, when the ledger shows no claimed output with a pool average (certificates on outputs at the average, say), every output's (outputs); null when no output has a pool average.
       */
      comparedWith: 'claimed outputs' | 'outputs' | null;
      /**
       * The highest physical average (stock included) among those pools, in tCO2e/t: what the most emitting of the claimed product physically carries.
       */
      highestPoolAverage: number | null;
      /**
       * The lowest physical average among those pools, in tCO2e/t.
       */
      lowestPoolAverage: number | null;
      /**
       * Those outputs' physical average: their mass at their pools' averages over their mass, in tCO2e/t.
       */
      averageOfCompared: number | null;
      /**
       * The stated figure that understates: `stated` when it is below the highest pool average by clearly more than roundingAllowed, else, beside a declared footprint, `lowestStated` when it is that far below the lowest pool average; in tCO2e/t, null when none does.
       */
      understatedFigure: number | null;
      /**
       * The pool average, in tCO2e/t, that understatedFigure falls below (null when none).
       */
      understatedAgainst: number | null;
      /**
       * What rounding that average to three significant figures may take off it, half a unit of its third significant figure (0.005 for 1.932), in tCO2e/t (null when none).
       */
      roundingAllowed: number | null;
      /**
       * A stated footprint understates what buyers physically get (understatedFigure is set); null when nothing is disclosed or no output has a pool average.
       */
      understated: boolean | null;
    };
    /**
     * How the claimed outputs are chosen: named by the claim (productGroups, outputs, or both), or, without names, by the attribution.
     */
    claimedBy:
      'productGroups' | 'outputs' | 'productGroups and outputs' | 'proportional attribution' | 'below pool average';
    /**
     * Claimed outputs, a count.
     */
    claimedOutputs: number;
    /**
     * The smallest 100 x (B - a) / B among the claimed outputs (0 without claimed outputs, or when B = 0), in %.
     */
    supportedReductionPercent: number;
    /**
     * The smallest 100 x (e_avg - a) / e_avg among the claimed outputs whose pool has an average above 0 (null without one), in %.
     */
    supportedReductionVsPoolAveragePercent: number | null;
    /**
     * max(0, reductionPercent - supportedReductionPercent) (null without a declared reductionPercent), in %.
     */
    excessPercent: number | null;
    /**
     * True when some output is claimed, supportedReductionPercent is not clearly below statedPercent, and, when a percentage is stated against the physical average, supportedReductionVsPoolAveragePercent is not clearly below claimReading.statedPercentVsAverage; null when the claim states no percentage.
     */
    reductionSupported: boolean | null;
    /**
     * For a full-reduction claim: claimed outputs above zero, and pools where zero-emission input does not back, by volume, the claimed outputs at zero.
     */
    fullReduction: {
      /**
       * Claimed outputs with a factor above 0, a count.
       */
      claimedAboveZero: number;
      /**
       * The first of them by date then id, null when there is none.
       */
      firstAboveZero: {
        /**
         * The output's id.
         */
        outputId: string;
        /**
         * The pool: `<unit>@<window start>`.
         */
        pool: string;
        /**
         * a: its attributed factor, in tCO2e/t.
         */
        emissionFactor: number;
      } | null;
      /**
       * Pools whose claimed outputs at 0 use clearly more credits (m x B) than the lots of origin factor 0 available to the pool hold, a count.
       */
      poolsShort: number;
      /**
       * The pool with the largest shortfall, null when none is short.
       */
      worst: {
        /**
         * The pool: `<unit>@<window start>`.
         */
        pool: string;
        /**
         * Credits its claimed outputs at 0 use: sum of m x B, in emissionsUnit.
         */
        zeroOutputCredits: number;
        /**
         * Credits of the lots of origin factor 0 available to it, in emissionsUnit.
         */
        zeroInputCredits: number;
        /**
         * zeroOutputCredits - zeroInputCredits, in emissionsUnit.
         */
        shortfall: number;
      } | null;
    };
    /**
     * The highest red line (lowest factor that entered) among the pools of the claimed outputs: 0 when a zero factor entered every claimed pool; null without claimed outputs, or when nothing entered one of their pools, in tCO2e/t.
     */
    highestLowestInputOfClaimedPools: number | null;
    /**
     * The claimed pool with the highest red line, a pool into which nothing entered ranking highest and the earliest claimed output deciding between pools that tie; null without claimed outputs.
     */
    worstClaimedPool: {
      /**
       * The first claimed output, by date then id, among those whose pool has that red line.
       */
      outputId: string;
      /**
       * The pool: `<unit>@<window start>`.
       */
      pool: string;
      /**
       * The pool's red line (null when nothing entered it), in tCO2e/t.
       */
      lowestInputEmissionFactor: number | null;
    } | null;
  };
  /**
   * Certificates (decision 7): ids used twice, and reductions claimed both in a certificate and in the factor.
   */
  certificates: {
    /**
     * Distinct certificate ids named by outputs, a count.
     */
    count: number;
    /**
     * Certificate ids named by more than one output, sorted.
     */
    duplicateIds: string[];
    /**
     * Of those ids, how many, a count.
     */
    duplicateIdCount: number;
    /**
     * Outputs holding a certificate whose own factor is also clearly below their pool's average, a count.
     */
    alsoInFactor: number;
    /**
     * The first such output by date then id, null when there is none.
     */
    alsoInFactorExample: {
      /**
       * The output's id.
       */
      outputId: string;
      /**
       * Its certificate.
       */
      certificateId: string;
      /**
       * Its factor a, in tCO2e/t.
       */
      emissionFactor: number;
      /**
       * e_avg of its pool, in tCO2e/t.
       */
      poolAverage: number;
    } | null;
    /**
     * Outputs, with a certificate or without, whose factor is clearly below their pool's physical average: a reduction in the factor, which a certificate model keeps out of the factors, a count.
     */
    outputsBelowAverage: number;
    /**
     * The first such output by date then id (null when none).
     */
    outputsBelowAverageExample: {
      /**
       * Its id.
       */
      outputId: string;
      /**
       * Its certificate, or null without one.
       */
      certificateId: string | null;
      /**
       * Its attributed factor, in tCO2e/t.
       */
      emissionFactor: number;
      /**
       * Its pool's physical average, in tCO2e/t.
       */
      poolAverage: number;
    } | null;
    /**
     * The sum of the certificateQuantity of the outputs that state one (null when none does), in emissionsUnit.
     */
    issued: number | null;
    /**
     * Outputs whose certificate states its quantity, a count.
     */
    withQuantity: number;
    /**
     * Outputs with a certificate that states no quantity, a count.
     */
    withoutQuantity: number;
    /**
     * The credits earned over the period, what certificates and factors may share between them, in emissionsUnit.
     */
    creditsEarned: number;
    /**
     * What the outputs' factors give beyond their physical share: sum of m x (pool average - a) over outputs clearly below their pool's average, in emissionsUnit.
     */
    reductionInFactors: number;
    /**
     * Certificates issued beyond the credits there were to back them, in emissionsUnit: window by window, the certificates' quantities plus reductionInFactors of the window's outputs against the credits earned in the window and those carried in from earlier windows under the carry-over rules (oldest first, expired ones gone), summed over the windows; null when no certificate states a quantity.
     */
    overIssued: number | null;
    /**
     * The window with the largest such excess (null when none, or when no certificate states a quantity).
     */
    overIssuedWorst: {
      /**
       * The pool (window) id.
       */
      pool: string;
      /**
       * Certificate quantities on its outputs, in emissionsUnit.
       */
      issued: number;
      /**
       * What its outputs' factors give beyond their physical share, in emissionsUnit.
       */
      inFactors: number;
      /**
       * Credits earned in it and carried into it, in emissionsUnit.
       */
      available: number;
      /**
       * issued + inFactors beyond available, in emissionsUnit.
       */
      excess: number;
    } | null;
    /**
     * Outputs whose certificate claims more per tonne than the pool could give: the baseline less certificateQuantity / quantity clearly below the lowest factor that entered their pool (a certificate, like the credits it draws on, is a reduction against the baseline), a count.
     */
    stackedByCertificate: number;
    /**
     * The output taken lowest by its certificate (null when none).
     */
    stackedByCertificateExample: {
      /**
       * Its id.
       */
      outputId: string;
      /**
       * Its certificate.
       */
      certificateId: string;
      /**
       * Its quantity, in ledger.unit.
       */
      quantity: number;
      /**
       * Its factor, in tCO2e/t.
       */
      emissionFactor: number;
      /**
       * The certificate's quantity, in emissionsUnit.
       */
      certificateQuantity: number;
      /**
       * The baseline less certificateQuantity / quantity: the factor the certificate claims for the output, in tCO2e/t.
       */
      effectiveFactor: number;
      /**
       * The lowest factor that entered its pool, in tCO2e/t.
       */
      lowestEntered: number;
    } | null;
  };
  /**
   * EUDR origin data of the inputs (docs/books.md section 7): how many carry complete, compliant origin data, and whether their geolocation has the form the Regulation asks for.
   */
  origin: {
    /**
     * Input lines, a count.
     */
    inputs: number;
    /**
     * Inputs with a country, a geolocation, deforestationFree true, legal true and a dueDiligenceRef, a count.
     */
    complete: number;
    /**
     * complete / inputs (null without inputs), a share from 0 to 1.
     */
    completeShare: number | null;
    /**
     * Inputs without origin.country, a count.
     */
    missingCountry: number;
    /**
     * Inputs without origin.geolocation, a count.
     */
    missingGeolocation: number;
    /**
     * Inputs without origin.deforestationFree, a count.
     */
    deforestationUnknown: number;
    /**
     * Inputs with origin.deforestationFree false, a count.
     */
    notDeforestationFree: number;
    /**
     * Inputs without origin.legal, a count.
     */
    legalityUnknown: number;
    /**
     * Inputs with origin.legal false, a count.
     */
    notLegal: number;
    /**
     * Inputs without origin.dueDiligenceRef, a count.
     */
    missingDueDiligenceRef: number;
    /**
     * The first input, by date then id, whose origin data is incomplete, and what it lacks; null when all are complete.
     */
    firstIncomplete: {
      /**
       * Its id.
       */
      inputId: string;
      /**
       * What it lacks or does not meet, in this order and these words: country, geolocation, deforestationFree unknown or deforestationFree is false, legality unknown or legal is false, dueDiligenceRef.
       */
      missing: string[];
    } | null;
    /**
     * Per field, the id of the first input (by date then id) that lacks it or does not meet it.
     */
    firstMissing: {
      /**
       * The first input lacking origin.country, or null.
       */
      country: string | null;
      /**
       * The first input lacking origin.geolocation, or null.
       */
      geolocation: string | null;
      /**
       * The first input whose origin.deforestationFree is not true, or null.
       */
      deforestationFree: string | null;
      /**
       * The first input whose origin.legal is not true, or null.
       */
      legal: string | null;
      /**
       * The first input lacking origin.dueDiligenceRef, or null.
       */
      dueDiligenceRef: string | null;
      /**
       * The first input with neither origin.geolocation nor a postal address that may stand in for it, or null.
       */
      location: string | null;
    };
    /**
     * Inputs with origin.geolocation, a count.
     */
    geolocated: number;
    /**
     * Inputs with origin.geolocation of which some plot is not given to six decimal digits: the most decimals any coordinate describing the plot shows (a point's latitude and longitude, a polygon's vertices) is below 6, a count.
     */
    impreciseGeolocation: number;
    /**
     * The first input, by date then id, with such a plot, and its first such plot; null when every geolocation is precise.
     */
    firstImprecise: {
      /**
       * Its id.
       */
      inputId: string;
      /**
       * The plot as written: point 2 (lat 6.82, lon -5.27), Polygon (5 positions), or polygon 2 of a MultiPolygon.
       */
      plot: string;
      /**
       * The most decimals its coordinates show, a count.
       */
      decimals: number;
    } | null;
    /**
     * Inputs geolocated by points only (a list of points, a Point or a MultiPoint), a count.
     */
    pointsOnly: number;
    /**
     * Inputs geolocated by points only that state no origin.plotAreaHectares, a count.
     */
    pointsOnlyWithoutArea: number;
    /**
     * Inputs geolocated by points only whose origin.plotAreaHectares is clearly above 4 (docs/books.md section 6), a count.
     */
    pointsOnlyAboveFourHectares: number;
    /**
     * The first such input, by date then id; null when there is none.
     */
    firstPointsOnlyAboveFourHectares: {
      /**
       * Its id.
       */
      inputId: string;
      /**
       * Its origin.plotAreaHectares, in ha.
       */
      plotAreaHectares: number;
      /**
       * The points its geolocation gives, a count.
       */
      points: number;
    } | null;
    /**
     * Inputs without origin.geolocation that give origin.postalAddress and come from a micro or small primary operator (origin.microOrSmallPrimaryOperator true), a count.
     */
    postalAddressInstead: number;
    /**
     * Inputs without origin.geolocation that give origin.postalAddress but are not marked as coming from a micro or small primary operator, a count.
     */
    postalAddressNotAllowed: number;
    /**
     * Inputs with neither origin.geolocation nor a postal address that may stand in for it (those of postalAddressInstead), a count.
     */
    missingLocation: number;
    /**
     * Inputs complete as for complete, a postal address of a micro or small primary operator standing in for the geolocation, a count.
     */
    completeAllowingPostalAddress: number;
    /**
     * completeAllowingPostalAddress / inputs (null without inputs), a share from 0 to 1.
     */
    completeAllowingPostalAddressShare: number | null;
    /**
     * The first input, by date then id, that is incomplete even with a postal address standing in for the geolocation, and what it lacks; null when there is none.
     */
    firstIncompleteAllowingPostalAddress: {
      /**
       * Its id.
       */
      inputId: string;
      /**
       * What it lacks or does not meet, in the words of firstIncomplete (geolocation meaning: neither a geolocation nor a postal address that may stand in for it).
       */
      missing: string[];
    } | null;
  };
}
/**
 * A balancing window (docs/books.md section 0): the period cut into steps of balancingPeriod; without a balancing period the whole period is one window.
 *
 * This interface was referenced by `Metrics`'s JSON-Schema
 * via the `definition` "balancingWindow".
 */
export interface BalancingWindow {
  /**
   * Its position among the windows of the period, from 0, a count.
   */
  index: number;
  /**
   * Its first day, inclusive: period.start, then each next window balancingPeriod calendar months later (keeping the day of the month, or the month's last day where it has none).
   */
  start: string;
  /**
   * Its last day, inclusive: the day before the next window starts, or period.end for the last window.
   */
  end: string;
}
/**
 * One pool (docs/books.md section 0): one unit in one balancing window, with its physical account (section 1) and its credit account (section 2).
 *
 * This interface was referenced by `Metrics`'s JSON-Schema
 * via the `definition` "poolMetrics".
 */
export interface PoolMetrics {
  /**
   * The pool's id: `<unit>@<window start>`.
   */
  id: string;
  /**
   * The unit of the pool: the batch (`(no batch)` for lines without one) at transfer level batch, the site at process and site, `all` at multi-site.
   */
  boundaryKey: string;
  /**
   * The balancing window of the pool.
   */
  window: BalancingWindow;
  /**
   * Input lines of the pool, a count.
   */
  inputs: number;
  /**
   * Output lines of the pool, a count.
   */
  outputs: number;
  /**
   * Sum of the quantities q of the pool's inputs, stock not included, in ledger.unit.
   */
  inputMass: number;
  /**
   * Sum of q x e over the pool's inputs, stock not included, in emissionsUnit.
   */
  inputEmissions: number;
  /**
   * S: the physical stock carried in, the previous pool's closing stock S' of the same unit (0 in the first window), in ledger.unit.
   */
  stockCarriedIn: number;
  /**
   * s: the factor of the stock carried in, the previous pool's physical average (null without stock), in tCO2e/t.
   */
  stockEmissionFactor: number | null;
  /**
   * Q = S + sum of q: the pool's mass, stock included, in ledger.unit.
   */
  mass: number;
  /**
   * E = S x s + sum of q x e: the pool's emissions, stock included, in emissionsUnit.
   */
  emissions: number;
  /**
   * e_avg = E / Q: the physical average, stock included (null when Q = 0), in tCO2e/t.
   */
  averageEmissionFactor: number | null;
  /**
   * The red line: the lowest factor that entered the pool, the lowest of its inputs' factors, s when stock came in, and the origin factors of the lots available to it (null when nothing entered), in tCO2e/t.
   */
  lowestInputEmissionFactor: number | null;
  /**
   * M: sum of the quantities m of the pool's outputs, in ledger.unit.
   */
  outputMass: number;
  /**
   * Sum of m x a over the pool's outputs, in emissionsUnit.
   */
  attributedEmissions: number;
  /**
   * M x e_avg minus the attributed emissions, 0 when the two agree; shown and never judged (null without an average), in emissionsUnit.
   */
  unattributedEmissions: number | null;
  /**
   * M - Q when M is clearly above Q, else 0, in ledger.unit.
   */
  massExcess: number;
  /**
   * S' = max(0, Q - M): the closing stock, leaving at e_avg for the next window (0 when M agrees with Q), in ledger.unit.
   */
  stockCarriedOut: number;
  /**
   * Credits of the lots carried in from earlier windows, after what expired at the start of this one, in emissionsUnit.
   */
  creditsCarriedIn: number;
  /**
   * Credits of the lots that came with the stock carried in, in emissionsUnit.
   */
  creditsWithStock: number;
  /**
   * Credits the pool's inputs earn: sum of q x max(0, B - e), in emissionsUnit.
   */
  creditsEarned: number;
  /**
   * Credits carried in + with the stock + earned, in emissionsUnit.
   */
  creditsAvailable: number;
  /**
   * Credits the pool's outputs use: sum of m x max(0, B - a), in emissionsUnit.
   */
  creditsUsed: number;
  /**
   * What was left of carried lots earned more than maxPeriods windows earlier (a lot of the stock counting from the window it came into), expired at the start of this window, in emissionsUnit.
   */
  creditsExpired: number;
  /**
   * What was left at the close after the stock's share, forfeited because carry-over is not allowed, in emissionsUnit.
   */
  creditsForfeited: number;
  /**
   * What the closing stock took at the close, at most S' x max(0, B - e_avg), oldest lots first; it travels with the stock as lots at e_avg, in emissionsUnit.
   */
  creditsToStock: number;
  /**
   * What was left at the close after the stock's share, carried over as the lots it came from (carry-over allowed), in emissionsUnit.
   */
  creditsCarriedOut: number;
  /**
   * Credits available - used, 0 when the two agree; negative by the overdraft, in emissionsUnit.
   */
  closingBalance: number;
  /**
   * Credits used - available when used is clearly above available, else 0, in emissionsUnit.
   */
  overdraft: number;
  /**
   * The lowest day-close running balance: credits carried in + with the stock + earned so far - used so far, day by day, inputs before outputs on one day; when it is never clearly negative, the lowest of the opening and the day closes, each taken as at least 0, in emissionsUnit.
   */
  lowestRunningBalance: number;
  /**
   * The day of the lowest running balance when it is clearly negative, else null.
   */
  lowestRunningBalanceDate: string | null;
  /**
   * At multi-site: credits the pool's sites used from lots that originated at another site, summed site by site, never netted (0 at other levels), in emissionsUnit.
   */
  creditsTransferred: number;
  /**
   * Of creditsTransferred, those from sites with no physical link to the using site (0 at other levels), in emissionsUnit.
   */
  creditsTransferredWithoutPhysicalLink: number;
  /**
   * True when every output is at the pool average (agrees with e_avg, or is e_avg rounded up to the decimals it is written with); null without outputs or without an average.
   */
  proportional: boolean | null;
  /**
   * Outputs not at the pool average (0 without an average), a count.
   */
  outputsOffAverage: number;
  /**
   * Outputs whose factor is clearly below the red line (lowestInputEmissionFactor), a count.
   */
  stackedOutputs: number;
  /**
   * Stacking by volume holds: at every factor x below B, sum over outputs with a < x of m x (x - a) is at most sum over the lots with e < x of (L / (B - e)) x (x - e); null when no output uses credits.
   */
  volumeHolds: boolean | null;
  /**
   * Some output is clearly below the pool average.
   */
  freeAttribution: boolean;
  /**
   * Something at least 10% below the unit's conventional route entered the pool (an input, or a lot available to it), or an input flagged lowCarbon clearly below that route.
   */
  technologyChange: boolean;
}
/**
 * One output line with the figures of its pool it is judged against, in pool order and, within a pool, date then id.
 *
 * This interface was referenced by `Metrics`'s JSON-Schema
 * via the `definition` "outputMetrics".
 */
export interface OutputMetrics {
  /**
   * The output line's id.
   */
  id: string;
  /**
   * The pool it belongs to: `<unit>@<window start>`.
   */
  pool: string;
  /**
   * The output line's date.
   */
  date: string;
  /**
   * The output line's site.
   */
  site: string;
  /**
   * The product group the output line names, or null.
   */
  productGroup: string | null;
  /**
   * m: the output line's quantity, in ledger.unit.
   */
  quantity: number;
  /**
   * a: the factor attributed to the output, in tCO2e/t.
   */
  emissionFactor: number;
  /**
   * e_avg of its pool (null when the pool's Q = 0), in tCO2e/t.
   */
  poolAverage: number | null;
  /**
   * The red line of its pool: the lowest factor that entered it (null when nothing entered), in tCO2e/t.
   */
  lowestInputEmissionFactor: number | null;
  /**
   * m x max(0, B - a), in emissionsUnit.
   */
  creditsUsed: number;
  /**
   * 100 x (B - a) / B, negative above the baseline (null when B = 0), in %.
   */
  reductionVsBaselinePercent: number | null;
  /**
   * 100 x (e_avg - a) / e_avg, negative above the pool average (null without a pool average above 0), in %.
   */
  reductionVsPoolAveragePercent: number | null;
  /**
   * Sold under the claim (docs/books.md section 5): named by reporting.claim, or, without names, every output under proportional attribution and, under free attribution, an output clearly below its pool's average (or below B in a pool into which nothing entered).
   */
  claimed: boolean;
  /**
   * a is clearly below the red line of its pool.
   */
  stacked: boolean;
  /**
   * (B - a) / (B - lowest factor that entered the pool), how many inputs' worth of reduction it carries, a ratio; null unless stacked and B is above the red line.
   */
  stackingFactor: number | null;
  /**
   * a agrees with e_avg, or is e_avg rounded up to the decimals a is written with (null without an average).
   */
  atPoolAverage: boolean | null;
  /**
   * The certificate the output line names, or null.
   */
  certificateId: string | null;
}
/**
 * An output whose factor is clearly below the lowest factor that entered its pool (docs/books.md section 4).
 *
 * This interface was referenced by `Metrics`'s JSON-Schema
 * via the `definition` "stackedOutput".
 */
export interface StackedOutput {
  /**
   * The stacked output's id.
   */
  outputId: string;
  /**
   * The pool: `<unit>@<window start>`.
   */
  pool: string;
  /**
   * a: the factor attributed to the output, in tCO2e/t.
   */
  emissionFactor: number;
  /**
   * The red line it is clearly below: the lowest factor that entered its pool, in tCO2e/t.
   */
  lowestInputEmissionFactor: number;
  /**
   * (B - a) / (B - red line), how many inputs' worth of reduction it carries, a ratio; null when B is not above the red line.
   */
  stackingFactor: number | null;
}
/**
 * The worst point of a pool that fails stacking by volume (docs/books.md section 4).
 *
 * This interface was referenced by `Metrics`'s JSON-Schema
 * via the `definition` "volumeShortfall".
 */
export interface VolumeShortfall {
  /**
   * Which test fails: true, by origin (the credits used by outputs clearly below the pool's physical average at or below x, against the credits of the lots of origin factor at or below x); false, as a blend (the reduction below x that outputs carry, against what entered below x could back).
   */
  byOrigin: boolean;
  /**
   * The pool: `<unit>@<window start>`.
   */
  pool: string;
  /**
   * Its balancing window.
   */
  window: BalancingWindow;
  /**
   * x: the factor at which the test fails worst (a failure by origin named first, then the largest outputReduction - backedReduction), one of the output and lot factors below B, in tCO2e/t.
   */
  atEmissionFactor: number;
  /**
   * By origin: the credits used by outputs clearly below the pool average with a at or below x; as a blend: sum over outputs with a below x of m x (x - a), in emissionsUnit.
   */
  outputReduction: number;
  /**
   * By origin: the credits of the lots with origin factor at or below x; as a blend: sum over the lots with origin factor e below x of (L / (B - e)) x (x - e); amounts as available to the pool before its own use, in emissionsUnit.
   */
  backedReduction: number;
  /**
   * outputReduction - backedReduction, in emissionsUnit.
   */
  shortfall: number;
  /**
   * By origin: mass of the outputs clearly below the pool average at or below x; as a blend: output mass attributed a factor below x, in ledger.unit.
   */
  outputMassBelow: number;
  /**
   * The pool's output with the lowest factor below B (first by id on ties).
   */
  lowestOutput: {
    /**
     * Its id.
     */
    outputId: string;
    /**
     * Its attributed factor a, in tCO2e/t.
     */
    emissionFactor: number;
  };
  /**
   * The lowest origin factor among the pool's lots below B (null without such a lot), in tCO2e/t.
   */
  lowestLotEmissionFactor: number | null;
  /**
   * Credits of the lots available to the pool whose origin factor is below x (at or below it, by origin), in emissionsUnit.
   */
  creditsBelow: number;
  /**
   * Credits used by the outputs whose factor is below x (by origin: those clearly below the pool average, at or below x), in emissionsUnit.
   */
  creditsUsedBelow: number;
}
/**
 * One declared product group over the whole period (docs/books.md section 5).
 *
 * This interface was referenced by `Metrics`'s JSON-Schema
 * via the `definition` "groupAllocation".
 */
export interface GroupAllocation {
  /**
   * The product group's id, as declared.
   */
  id: string;
  /**
   * Its declared share (method.allocation.productGroups[].share), a share from 0 to 1.
   */
  share: number;
  /**
   * Mass of the outputs naming the group, over the period, in ledger.unit.
   */
  outputMass: number;
  /**
   * outputMass over the mass of all grouped outputs of the period (null when there is none), a share from 0 to 1.
   */
  massShare: number | null;
  /**
   * Sum of m x a over the group's outputs, over the period, at their own factors, in emissionsUnit.
   */
  attributedEmissions: number;
  /**
   * attributedEmissions over the attributed emissions of all grouped outputs of the period, shown and not judged (null when those are 0), a share from 0 to 1.
   */
  emissionsShare: number | null;
  /**
   * emissionsShare - share, a difference of shares (null when emissionsShare is).
   */
  deviation: number | null;
}
/**
 * One product group in one pool, where its emissions share does not agree with its key (docs/books.md section 5).
 *
 * This interface was referenced by `Metrics`'s JSON-Schema
 * via the `definition` "poolGroupAllocation".
 */
export interface PoolGroupAllocation {
  /**
   * The pool: `<unit>@<window start>`.
   */
  pool: string;
  /**
   * The product group's id.
   */
  group: string;
  /**
   * The group's allocation key in the pool: its share of the pool's grouped output mass (physical), or of the pool's grouped value, the declared share over the group's period mass being its value per tonne (economic), a share from 0 to 1.
   */
  key: number;
  /**
   * The group's share of the pool's grouped attributed emissions, counted at e_avg in a pool where every output is at the pool average (so rounding up does not tilt the shares), elsewhere at the outputs' own factors, a share from 0 to 1.
   */
  emissionsShare: number;
  /**
   * emissionsShare - key, a difference of shares.
   */
  deviation: number;
  /**
   * Mass of the group's outputs in the pool, in ledger.unit.
   */
  outputMass: number;
  /**
   * The group's emissions in the pool as the split counts them: sum of m x e_avg in a pool where every output is at the pool average, else sum of m x a at the outputs' own factors, in emissionsUnit.
   */
  attributedEmissions: number;
}
/**
 * The credits of one site of a multi-site unit over the period (docs/books.md section 2, transfers).
 *
 * This interface was referenced by `Metrics`'s JSON-Schema
 * via the `definition` "siteFlows".
 */
export interface SiteFlows {
  /**
   * The site's id.
   */
  site: string;
  /**
   * Credits the site's inputs earn: sum of q x max(0, B - e), over the period, in emissionsUnit.
   */
  creditsEarned: number;
  /**
   * Credits the site's outputs use: sum of m x max(0, B - a), over the period, in emissionsUnit.
   */
  creditsUsed: number;
  /**
   * Credits the site took from lots that originated at another site, summed window by window (within the tolerance of what it used: a need that agrees with a lot takes the lot whole), in emissionsUnit.
   */
  creditsImported: number;
  /**
   * Of creditsImported, those from sites with no physical link to this one, in emissionsUnit.
   */
  creditsImportedWithoutPhysicalLink: number;
}
