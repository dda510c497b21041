/* Generated from schemas/declaration.schema.json by scripts/generate-types.mjs. Do not edit: change the schema and run npm run gen:types. */

/**
 * an ISO 3166-1 alpha-2 country code such as DE or CI
 *
 * This interface was referenced by `Declaration`'s JSON-Schema
 * via the `definition` "countryCode".
 */
export type CountryCode = string;
/**
 * an ISO 8601 calendar date, YYYY-MM-DD
 *
 * This interface was referenced by `Declaration`'s JSON-Schema
 * via the `definition` "date".
 */
export type Date = string;
/**
 * tCO2e per tonne of product (numerically equal to kgCO2e/kg).
 *
 * This interface was referenced by `Declaration`'s JSON-Schema
 * via the `definition` "emissionFactor".
 */
export type EmissionFactor = number;
/**
 * This interface was referenced by `Declaration`'s JSON-Schema
 * via the `definition` "text".
 */
export type Text = string;
/**
 * an identifier of 1 to 80 letters, digits, dots, colons, underscores or hyphens
 *
 * This interface was referenced by `Declaration`'s JSON-Schema
 * via the `definition` "identifier".
 */
export type Identifier = string;
/**
 * an http or https URL
 *
 * This interface was referenced by `Declaration`'s JSON-Schema
 * via the `definition` "httpsUrl".
 */
export type HttpsUrl = string;
/**
 * a CSV or XLSX file relative to the declaration, such as inputs.csv or ledger.xlsx#inputs
 *
 * This interface was referenced by `Declaration`'s JSON-Schema
 * via the `definition` "ledgerFile".
 */
export type LedgerFile = string;
/**
 * an XLSX workbook relative to the declaration, with sheets inputs and outputs (and a sheet ledger giving unit)
 *
 * This interface was referenced by `Declaration`'s JSON-Schema
 * via the `definition` "ledgerWorkbook".
 */
export type LedgerWorkbook = string;

/**
 * A mass-balance methodology declaration: the seven decisions of the method and, optionally, the ledger of inputs and outputs it was applied to.
 */
export interface Declaration {
  /**
   * Version of this declaration format.
   */
  schemaVersion: '1';
  /**
   * an identifier of 1 to 80 letters, digits, dots, underscores or hyphens
   */
  id: string;
  title: string;
  organization: Organization;
  sector: 'steel' | 'aluminium' | 'cement' | 'chemicals' | 'plastics' | 'fuels' | 'agri-food' | 'forestry' | 'other';
  /**
   * Free text. The seven EUDR commodities (cattle, cocoa, coffee, oil-palm, rubber, soya, wood) are recognised in any case, spacing, hyphenation or plural, by the names of their products in English, German, French or Spanish (cocoa beans, Palmöl), or by an HS code of Annex I (HS 1801); a near miss of one (cocao) is a validation error.
   */
  commodity: string;
  period: Period;
  method: Method;
  ledger?: Ledger;
}
export interface Organization {
  name: string;
  country: CountryCode;
}
/**
 * This interface was referenced by `Declaration`'s JSON-Schema
 * via the `definition` "period".
 */
export interface Period {
  start: Date;
  end: Date;
}
/**
 * The seven decisions that shape a mass-balance method.
 *
 * This interface was referenced by `Declaration`'s JSON-Schema
 * via the `definition` "method".
 */
export interface Method {
  inputBoundary: InputBoundary;
  temporalBoundary: TemporalBoundary;
  transferBoundary: TransferBoundary;
  allocation: Allocation;
  attribution: Attribution;
  stacking: Stacking;
  reporting: Reporting;
}
/**
 * Decision 1: what may enter the pool.
 *
 * This interface was referenced by `Declaration`'s JSON-Schema
 * via the `definition` "inputBoundary".
 */
export interface InputBoundary {
  control: 'none' | 'benchmark' | 'certification';
  benchmark?: Benchmark;
  certification?: Certification;
}
export interface Benchmark {
  maxEmissionFactor: EmissionFactor;
  source?: Text;
}
export interface Certification {
  scheme: Text;
}
/**
 * Decision 2: balancing period, carry-over and negative balances.
 *
 * This interface was referenced by `Declaration`'s JSON-Schema
 * via the `definition` "temporalBoundary".
 */
export interface TemporalBoundary {
  /**
   * an ISO 8601 duration in whole months or years, such as P1M, P3M, P12M or P1Y
   */
  balancingPeriod?: string;
  carryOver?: CarryOver;
  /**
   * May the running balance dip below zero within a window?
   */
  negativeBalanceAllowed?: boolean;
}
export interface CarryOver {
  allowed: boolean;
  /**
   * Windows after which unused credits expire.
   */
  maxPeriods?: number;
}
/**
 * Decision 3: where a claim may travel.
 *
 * This interface was referenced by `Declaration`'s JSON-Schema
 * via the `definition` "transferBoundary".
 */
export interface TransferBoundary {
  level: 'batch' | 'process' | 'site' | 'multi-site';
  /**
   * @maxItems 10000
   */
  sites?: Site[];
}
/**
 * This interface was referenced by `Declaration`'s JSON-Schema
 * via the `definition` "site".
 */
export interface Site {
  id: Identifier;
  country: CountryCode;
  name?: Text;
  /**
   * Ids of physically connected sites.
   *
   * @maxItems 1000
   */
  connectedTo?: Identifier[];
}
/**
 * Decision 4: how emissions are split between product groups.
 *
 * This interface was referenced by `Declaration`'s JSON-Schema
 * via the `definition` "allocation".
 */
export interface Allocation {
  basis: 'physical' | 'economic' | 'none';
  /**
   * @maxItems 10000
   */
  productGroups?: ProductGroup[];
}
/**
 * This interface was referenced by `Declaration`'s JSON-Schema
 * via the `definition` "productGroup".
 */
export interface ProductGroup {
  id: Identifier;
  /**
   * The group's allocation key, 0..1.
   */
  share: number;
}
/**
 * Decision 5: how emissions are assigned within a product group.
 *
 * This interface was referenced by `Declaration`'s JSON-Schema
 * via the `definition` "attribution".
 */
export interface Attribution {
  model: 'rolling-average-percentage' | 'credit';
  /**
   * true: every output of a group carries the pool average.
   */
  proportional: boolean;
}
/**
 * Decision 6: may one output carry reductions so it ends below the lowest input?
 *
 * This interface was referenced by `Declaration`'s JSON-Schema
 * via the `definition` "stacking".
 */
export interface Stacking {
  allowed: boolean;
}
/**
 * Decision 7: what comes out, where it may be reported, how it is claimed, disclosed and verified.
 *
 * This interface was referenced by `Declaration`'s JSON-Schema
 * via the `definition` "reporting".
 */
export interface Reporting {
  instrument: 'emission-factor' | 'certificate';
  certificate?: CertificateTerms;
  /**
   * @maxItems 3
   */
  inventories?:
    | []
    | ['physical' | 'market-based' | 'supplementary']
    | ['physical' | 'market-based' | 'supplementary', 'physical' | 'market-based' | 'supplementary']
    | [
        'physical' | 'market-based' | 'supplementary',
        'physical' | 'market-based' | 'supplementary',
        'physical' | 'market-based' | 'supplementary'
      ];
  claim?: Claim;
  disclosure?: Disclosure;
  verification?: Verification;
  transition?: Transition;
}
export interface CertificateTerms {
  bundled: boolean;
  registry?: Text;
}
export interface Claim {
  label?: Text;
  wording?: Text;
  reductionPercent?: number;
  /**
   * tCO2e per tonne of product (numerically equal to kgCO2e/kg).
   */
  physicalFootprint?: number;
  /**
   * The product groups sold under the claim (ids of method.allocation.productGroups). Without productGroups or outputs, the claimed outputs are every output under proportional attribution, and under free attribution those attributed below their pool's physical average.
   *
   * @minItems 1
   */
  productGroups?: [Identifier, ...Identifier[]];
  /**
   * The ledger outputs sold under the claim, by id (with productGroups: either names an output).
   *
   * @minItems 1
   */
  outputs?: [Identifier, ...Identifier[]];
}
export interface Disclosure {
  published: boolean;
  url?: HttpsUrl;
  /**
   * @maxItems 7
   */
  decisionsDisclosed?:
    | []
    | [number]
    | [number, number]
    | [number, number, number]
    | [number, number, number, number]
    | [number, number, number, number, number]
    | [number, number, number, number, number, number]
    | [number, number, number, number, number, number, number];
}
export interface Verification {
  body: Text;
  accreditation?: Text;
  standard?: Text;
  assurance?: 'limited' | 'reasonable';
  date?: Date;
}
export interface Transition {
  endDate?: Date;
  roadmapUrl?: HttpsUrl;
}
/**
 * This interface was referenced by `Declaration`'s JSON-Schema
 * via the `definition` "ledger".
 */
export interface Ledger {
  unit: 't' | 'kg';
  /**
   * tCO2e per tonne of product (numerically equal to kgCO2e/kg).
   */
  baselineEmissionFactor?: number;
  baselineBasis?: 'site-historical' | 'route-average' | 'regional-average' | 'other';
  /**
   * The input lines, or the CSV/XLSX file that holds them (file.xlsx#Sheet picks a sheet), relative to the declaration.
   *
   * @minItems 1
   */
  inputs: [LedgerInput, ...LedgerInput[]];
  /**
   * The output lines, or the CSV/XLSX file that holds them (file.xlsx#Sheet picks a sheet), relative to the declaration.
   */
  outputs: LedgerOutput[];
  /**
   * Header names of the ledger files mapped onto the field names they stand for ("Menge": "quantity", "Land": "origin.country").
   */
  columns?: {
    [k: string]: string;
  };
  /**
   * How the CSV ledger files are written, when it cannot be told from them: the separator between fields and the decimal mark.
   */
  csv?: {
    delimiter?: ',' | ';' | '\t' | '|';
    decimal?: '.' | ',';
  };
  /**
   * How dates written as text in the ledger files are read (dates held as spreadsheet dates are read as such).
   */
  dateFormat?: 'YYYY-MM-DD' | 'DD.MM.YYYY' | 'DD/MM/YYYY' | 'MM/DD/YYYY';
}
/**
 * This interface was referenced by `Declaration`'s JSON-Schema
 * via the `definition` "input".
 */
export interface LedgerInput {
  id: Identifier;
  date: Date;
  site: Identifier;
  batch?: Identifier;
  material: string;
  /**
   * In ledger.unit, output-equivalent.
   */
  quantity: number;
  emissionFactor: EmissionFactor;
  lowCarbon?: boolean;
  /**
   * @maxItems 100
   */
  evidence?: string[];
  origin?: Origin;
}
/**
 * Where an input was produced; needed for the EUDR commodities.
 *
 * This interface was referenced by `Declaration`'s JSON-Schema
 * via the `definition` "origin".
 */
export interface Origin {
  country?: CountryCode;
  geolocation?: [GeoPoint, ...GeoPoint[]] | GeoJsonGeometry;
  /**
   * null when unknown.
   */
  deforestationFree?: boolean | null;
  /**
   * null when unknown.
   */
  legal?: boolean | null;
  /**
   * Reference of the due diligence statement or simplified declaration.
   */
  dueDiligenceRef?: string;
  /**
   * Area of the plot of land the input was produced on, in hectares; of the largest plot when it comes from several. Above 4 ha (other than for cattle) the EUDR asks for polygons, not points.
   */
  plotAreaHectares?: number;
  /**
   * Postal address of the plots (for cattle, the establishment) the input was produced on: under the EUDR as amended in December 2025, a micro or small primary operator may give it instead of the geolocation.
   */
  postalAddress?: string;
  /**
   * true when the input was placed on the market by a micro or small primary operator (EUDR as amended in December 2025: a natural person or micro or small enterprise established in a low-risk country, placing what it grew, harvested or raised there itself), who files a one-off simplified declaration (its identifier goes in dueDiligenceRef) and may give a postalAddress instead of the geolocation.
   */
  microOrSmallPrimaryOperator?: boolean;
}
/**
 * This interface was referenced by `Declaration`'s JSON-Schema
 * via the `definition` "point".
 */
export interface GeoPoint {
  lat: number;
  lon: number;
}
/**
 * This interface was referenced by `Declaration`'s JSON-Schema
 * via the `definition` "geoJsonGeometry".
 */
export interface GeoJsonGeometry {
  type: 'Point' | 'MultiPoint' | 'Polygon' | 'MultiPolygon';
  /**
   * @minItems 1
   */
  coordinates: [unknown, ...unknown[]];
}
/**
 * This interface was referenced by `Declaration`'s JSON-Schema
 * via the `definition` "output".
 */
export interface LedgerOutput {
  id: Identifier;
  date: Date;
  site: Identifier;
  batch?: Identifier;
  productGroup?: Identifier;
  quantity: number;
  /**
   * tCO2e per tonne of product (numerically equal to kgCO2e/kg).
   */
  emissionFactor: number;
  certificateId?: string;
  /**
   * The reduction the certificate on this output represents, in tCO2e when the ledger is in tonnes (kgCO2e in kilograms): mass x factor, as credits are.
   */
  certificateQuantity?: number;
}
