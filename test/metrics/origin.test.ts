// The form of the EUDR geolocation in the books (docs/books.md section 7): six decimals per plot as the numbers
// show them, points only above four hectares, and a postal address only for a micro or small primary operator.
import { describe, expect, it } from 'vitest';
import type { LedgerInput, Origin } from '../../src/generated/declaration.js';
import { originCompleteness } from '../../src/metrics/origin.js';

const complete: Origin = { country: 'CI', deforestationFree: true, legal: true, dueDiligenceRef: 'DDS-1' };
const input = (id: string, origin: Partial<Origin> | undefined): LedgerInput => ({
  id,
  date: '2026-01-05',
  site: 's1',
  material: 'cocoa-beans',
  quantity: 10,
  emissionFactor: 1,
  ...(origin ? { origin: { ...complete, ...origin } as Origin } : {}),
});
const originOf = (...inputs: LedgerInput[]) => originCompleteness(inputs).origin;

describe('geolocation precision', () => {
  it('counts a plot as precise when any coordinate describing it shows six decimals', () => {
    const o = originOf(
      input('a', { geolocation: [{ lat: 6.68854, lon: -1.624917 }] }),
      input('b', { geolocation: { type: 'Polygon', coordinates: [[[-1.6231, 6.7021], [-1.619874, 6.7021], [-1.6231, 6.7021]]] } }),
    );
    expect(o).toMatchObject({ geolocated: 2, impreciseGeolocation: 0, firstImprecise: null });
  });

  it('names the first imprecise plot of the first imprecise input, with the decimals it shows', () => {
    const o = originOf(
      input('a', { geolocation: [{ lat: 6.820312, lon: -5.276031 }, { lat: 6.82, lon: -5.27 }, { lat: 6.8, lon: -5.2 }] }),
      input('b', { geolocation: { type: 'MultiPolygon', coordinates: [[[[1.123456, 2.5], [1.2, 2.6], [1.123456, 2.5]]], [[[1.1, 2.5], [1.2, 2.6], [1.1, 2.5]]]] } }),
    );
    expect(o.impreciseGeolocation).toBe(2);
    expect(o.firstImprecise).toEqual({ inputId: 'a', plot: 'point 2 (lat 6.82, lon -5.27)', decimals: 2 });
  });

  it('reads a coordinate in exponent notation by its decimals, and never an altitude', () => {
    expect(originOf(input('a', { geolocation: { type: 'Point', coordinates: [1e-7, 5] } })).impreciseGeolocation).toBe(0);
    expect(originOf(input('a', { geolocation: { type: 'Point', coordinates: [1.5, 2.5, 100.123456] } })).firstImprecise).toMatchObject({ decimals: 1 });
  });

  it('takes malformed GeoJSON coordinates as a plot without readable coordinates, never a crash', () => {
    const o = originOf(input('a', { geolocation: { type: 'Polygon', coordinates: ['not', { a: 1 }] } as unknown as Origin['geolocation'] }));
    expect(o.firstImprecise).toEqual({ inputId: 'a', plot: 'Polygon (0 positions)', decimals: 0 });
  });
});

describe('points only above four hectares', () => {
  it('counts points-only inputs, those without an area and those clearly above 4 ha', () => {
    const point = [{ lat: 6.820312, lon: -5.276031 }] as Origin['geolocation'];
    const polygon: Origin['geolocation'] = { type: 'Polygon', coordinates: [[[1.123456, 2.123456], [1.2, 2.1], [1.123456, 2.123456]]] };
    const o = originOf(
      input('a', { geolocation: point, plotAreaHectares: 4 }),
      input('b', { geolocation: point, plotAreaHectares: 4.0000001 }),
      input('c', { geolocation: { type: 'MultiPoint', coordinates: [[1.123456, 2.123456], [1.2, 2.1]] }, plotAreaHectares: 9 }),
      input('d', { geolocation: point }),
      input('e', { geolocation: polygon, plotAreaHectares: 50 }),
    );
    expect(o).toMatchObject({ pointsOnly: 4, pointsOnlyWithoutArea: 1, pointsOnlyAboveFourHectares: 1 });
    expect(o.firstPointsOnlyAboveFourHectares).toEqual({ inputId: 'c', plotAreaHectares: 9, points: 2 });
  });
});

describe('a postal address instead of the geolocation', () => {
  it('stands in only for a micro or small primary operator, and only in the figures that allow it', () => {
    const address = 'BP 120, Daloa';
    const o = originOf(
      input('a', { postalAddress: address, microOrSmallPrimaryOperator: true }),
      input('b', { postalAddress: address }),
      input('c', { geolocation: [{ lat: 6.820312, lon: -5.276031 }] }),
    );
    expect(o).toMatchObject({
      missingGeolocation: 2,
      postalAddressInstead: 1,
      postalAddressNotAllowed: 1,
      missingLocation: 1,
      complete: 1,
      completeAllowingPostalAddress: 2,
      completeAllowingPostalAddressShare: 0.666666666667,
    });
    expect(o.firstMissing).toMatchObject({ geolocation: 'a', location: 'b' });
    expect(o.firstIncomplete).toEqual({ inputId: 'a', missing: ['geolocation'] });
    expect(o.firstIncompleteAllowingPostalAddress).toEqual({ inputId: 'b', missing: ['geolocation'] });
  });
});
