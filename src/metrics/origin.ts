// EUDR origin data of the inputs (docs/books.md section 7): how many carry complete, compliant origin data, and
// whether their geolocation has the form Regulation (EU) 2023/1115 asks for (six decimals, polygons above 4 ha).
import type { GeoJsonGeometry, GeoPoint, LedgerInput, Origin } from '../generated/declaration.js';
import { decimalsOf } from './physical.js';
import { clearlyLess, tidy } from './tolerance.js';

const ratio = (part: number, whole: number): number | null => (whole > 0 ? tidy(part / whole) : null);

/** Decimal digits the Regulation asks of every coordinate (Article 2(28)). */
export const GEOLOCATION_DECIMALS = 6;
/** Plots larger than this, in hectares, are described by polygons (Article 2(28), other than for cattle). */
export const POLYGON_ABOVE_HECTARES = 4;

type Geolocation = NonNullable<Origin['geolocation']>;

/** A plot of a geolocation: a point, or one polygon, with the coordinates that describe it. */
interface Plot {
  label: string;
  /** Positions as written: [lat, lon] for a point of a list, [lon, lat] for GeoJSON. */
  positions: unknown[];
}

const isPosition = (value: unknown): value is [number, number, ...unknown[]] =>
  Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number';

/** Every position nested in GeoJSON coordinates (rings of a polygon), whatever the depth; malformed parts give none. */
function positionsIn(value: unknown, into: unknown[] = []): unknown[] {
  if (isPosition(value)) into.push(value);
  else if (Array.isArray(value)) for (const item of value) positionsIn(item, into);
  return into;
}

const isPointList = (g: Geolocation): g is [GeoPoint, ...GeoPoint[]] => Array.isArray(g);

/** The plots a geolocation describes: each point of a list or a MultiPoint, the Point, each polygon of a MultiPolygon. */
function plotsOf(geolocation: Geolocation): Plot[] {
  if (isPointList(geolocation)) return geolocation.map((p, i) => ({ label: `point ${i + 1} (lat ${p.lat}, lon ${p.lon})`, positions: [[p.lat, p.lon]] }));
  const { type, coordinates } = geolocation as GeoJsonGeometry;
  const c = coordinates as unknown[];
  switch (type) {
    case 'Point':
      return [{ label: `Point ${JSON.stringify(c)}`, positions: isPosition(c) ? [c] : [] }];
    case 'MultiPoint':
      return c.map((p, i) => ({ label: `point ${i + 1} of a MultiPoint ${JSON.stringify(p)}`, positions: isPosition(p) ? [p] : [] }));
    case 'Polygon': {
      const positions = positionsIn(c);
      return [{ label: `Polygon (${positions.length} positions)`, positions }];
    }
    case 'MultiPolygon':
      return c.map((polygon, i) => {
        const positions = positionsIn(polygon);
        return { label: `polygon ${i + 1} of a MultiPolygon (${positions.length} positions)`, positions };
      });
  }
}

/**
 * The most decimals shown by the coordinates that describe a plot (latitude and longitude of each position,
 * never an altitude), stopping at six. A number cannot show a trailing zero (6.688540 is read as 6.68854), so a
 * plot counts as given to six decimals when any of its coordinates shows six (docs/books.md section 7).
 */
function plotDecimals(plot: Plot): number {
  let most = 0;
  for (const position of plot.positions) {
    const [a, b] = position as [number, number];
    most = Math.max(most, decimalsOf(a), decimalsOf(b));
    if (most >= GEOLOCATION_DECIMALS) return most;
  }
  return most;
}

/** Points only: a list of points, a Point or a MultiPoint; no polygon describes any plot's perimeter. */
function pointsOnly(geolocation: Geolocation): number | null {
  if (isPointList(geolocation)) return geolocation.length;
  const { type, coordinates } = geolocation as GeoJsonGeometry;
  if (type === 'Point') return 1;
  if (type === 'MultiPoint') return (coordinates as unknown[]).length;
  return null;
}

/** A postal address may stand in for the geolocation only for a micro or small primary operator (amended EUDR). */
const postalAddressStandsIn = (o: Origin | undefined): boolean => !o?.geolocation && !!o?.postalAddress && o.microOrSmallPrimaryOperator === true;

function missingOrigin(input: LedgerInput, located: boolean): string[] {
  const o = input.origin;
  const missing: string[] = [];
  if (!o?.country) missing.push('country');
  if (!located) missing.push('geolocation');
  if (o?.deforestationFree !== true) missing.push(o?.deforestationFree === false ? 'deforestationFree is false' : 'deforestationFree unknown');
  if (o?.legal !== true) missing.push(o?.legal === false ? 'legal is false' : 'legality unknown');
  if (!o?.dueDiligenceRef) missing.push('dueDiligenceRef');
  return missing;
}

/** EUDR origin data of the inputs (and the low-carbon flags), counted in one pass: a year of lots must not be walked once per field. */
export function originCompleteness(inputs: readonly LedgerInput[]) {
  let complete = 0;
  let completeAllowingPostalAddress = 0;
  let lowCarbonFlagged = 0;
  const missing = { country: 0, geolocation: 0, location: 0, deforestationUnknown: 0, notDeforestationFree: 0, legalityUnknown: 0, notLegal: 0, dueDiligenceRef: 0 };
  const firstMissing: Record<'country' | 'geolocation' | 'deforestationFree' | 'legal' | 'dueDiligenceRef' | 'location', string | null> = { country: null, geolocation: null, deforestationFree: null, legal: null, dueDiligenceRef: null, location: null };
  let firstIncomplete: { inputId: string; missing: string[] } | null = null;
  let firstIncompleteAllowingPostalAddress: { inputId: string; missing: string[] } | null = null;
  const form = { geolocated: 0, imprecise: 0, pointsOnly: 0, pointsOnlyWithoutArea: 0, aboveFourHectares: 0, postalAddressInstead: 0, postalAddressNotAllowed: 0 };
  let firstImprecise: { inputId: string; plot: string; decimals: number } | null = null;
  let firstAboveFourHectares: { inputId: string; plotAreaHectares: number; points: number } | null = null;
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
    const postal = postalAddressStandsIn(o);
    if (postal) form.postalAddressInstead++;
    else if (!o?.geolocation && o?.postalAddress) form.postalAddressNotAllowed++;
    if (!o?.geolocation && !postal) {
      missing.location++;
      firstMissing.location ??= input.id;
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
    const restComplete = !!o?.country && o.deforestationFree === true && o.legal === true && !!o.dueDiligenceRef;
    if (restComplete && o.geolocation) complete++;
    else firstIncomplete ??= { inputId: input.id, missing: missingOrigin(input, !!o?.geolocation) };
    if (restComplete && (o.geolocation || postal)) completeAllowingPostalAddress++;
    else firstIncompleteAllowingPostalAddress ??= { inputId: input.id, missing: missingOrigin(input, !!o?.geolocation || postal) };

    if (o?.geolocation) {
      form.geolocated++;
      for (const plot of plotsOf(o.geolocation)) {
        const decimals = plotDecimals(plot);
        if (decimals < GEOLOCATION_DECIMALS) {
          form.imprecise++;
          firstImprecise ??= { inputId: input.id, plot: plot.label, decimals };
          break;
        }
      }
      const points = pointsOnly(o.geolocation);
      if (points !== null) {
        form.pointsOnly++;
        if (o.plotAreaHectares === undefined) form.pointsOnlyWithoutArea++;
        else if (clearlyLess(POLYGON_ABOVE_HECTARES, o.plotAreaHectares)) {
          form.aboveFourHectares++;
          firstAboveFourHectares ??= { inputId: input.id, plotAreaHectares: o.plotAreaHectares, points };
        }
      }
    }
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
    geolocated: form.geolocated,
    impreciseGeolocation: form.imprecise,
    firstImprecise,
    pointsOnly: form.pointsOnly,
    pointsOnlyWithoutArea: form.pointsOnlyWithoutArea,
    pointsOnlyAboveFourHectares: form.aboveFourHectares,
    firstPointsOnlyAboveFourHectares: firstAboveFourHectares,
    postalAddressInstead: form.postalAddressInstead,
    postalAddressNotAllowed: form.postalAddressNotAllowed,
    missingLocation: missing.location,
    completeAllowingPostalAddress,
    completeAllowingPostalAddressShare: ratio(completeAllowingPostalAddress, inputs.length),
    firstIncompleteAllowingPostalAddress,
  };
  return { origin, lowCarbonFlagged };
}
