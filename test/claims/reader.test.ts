// The claim reader on its own: a table of wordings in four languages, with the mentions, negations and near misses
// that pattern matching took for claims (or missed).
import { describe, expect, it } from 'vitest';
import { normaliseClaim, readClaim } from '../../src/claims/reader.js';

interface Row {
  label?: string;
  wording?: string;
  reductionPercent?: number;
  full: boolean;
  percentages: number[];
  why: string;
}

const table: Row[] = [
  // Full-reduction claims, however they are spelled.
  { label: 'CO2 100% reduced steel', full: true, percentages: [100], why: 'the classic' },
  { label: '100 percent CO2-reduced coil', full: true, percentages: [100], why: '"percent" in words' },
  { label: 'One hundred percent CO2 reduced', full: true, percentages: [100], why: 'the number in words' },
  { label: 'CO₂-free steel', full: true, percentages: [], why: 'subscript two (NFKC)' },
  { label: 'CO2e-free plate', full: true, percentages: [], why: 'CO2e' },
  { label: 'zero\u2011carbon steel', full: true, percentages: [], why: 'non-breaking hyphen' },
  { label: 'Zero\u2013Carbon Steel', full: true, percentages: [], why: 'en dash, capitals' },
  { label: 'carbon zero steel', full: true, percentages: [], why: 'the words the other way round' },
  { label: 'fossil-free steel', full: true, percentages: [], why: 'fossil-free' },
  { label: 'fully decarbonised steel', full: true, percentages: [], why: 'fully decarbonised' },
  { label: 'net zero steel', full: true, percentages: [], why: 'net zero, spaced' },
  { label: 'CO2-neutraler Stahl', full: true, percentages: [], why: 'German, inflected' },
  { label: 'Klimaneutraler Stahl', full: true, percentages: [], why: 'German' },
  { wording: 'Unser Stahl ist zu 100 % CO2-reduziert.', full: true, percentages: [100], why: 'German, 100 % with reduziert' },
  { label: 'Acier neutre en carbone', full: true, percentages: [], why: 'French' },
  { label: 'Acier zéro émission', full: true, percentages: [], why: 'French' },
  { label: 'Acero libre de CO₂', full: true, percentages: [], why: 'Spanish, subscript' },
  { label: 'Acero cero emisiones', full: true, percentages: [], why: 'Spanish' },
  { reductionPercent: 100, full: true, percentages: [100], why: 'reductionPercent 100 alone' },
  // Mentions that are not claims.
  { wording: 'Made with 100% renewable electricity; 40% lower CO2 than our baseline.', full: false, percentages: [40], why: 'a percentage about the electricity' },
  { wording: 'This is not a zero-carbon product: it is 66% below the site baseline.', full: false, percentages: [66], why: 'negated' },
  { wording: 'This steel is not CO2-free.', full: false, percentages: [], why: 'negated' },
  { wording: 'Part of our roadmap to net zero by 2045.', full: false, percentages: [], why: 'a target' },
  { wording: 'A step towards zero-carbon steel by 2035.', full: false, percentages: [], why: 'a target' },
  { wording: 'Contains 30% recycled content.', full: false, percentages: [], why: 'recycled content' },
  { wording: 'Kein CO2-freies Produkt, aber 65 % weniger CO2.', full: false, percentages: [65], why: 'German negation, then a real figure' },
  { wording: "Ce n'est pas un acier neutre en carbone.", full: false, percentages: [], why: 'French negation' },
  { wording: 'No es un producto libre de CO2.', full: false, percentages: [], why: 'Spanish negation' },
  { wording: 'Notre objectif : neutralité carbone en 2050, zéro carbone en 2050.', full: false, percentages: [], why: 'French target' },
  // Percentages, honestly partial.
  { label: '95% lower CO2', full: false, percentages: [95], why: 'in the label only' },
  { wording: 'Reduced by 70 percent against the site baseline.', full: false, percentages: [70], why: '"reduced by N percent"' },
  { wording: 'Um 70 % reduzierte CO2-Emissionen.', full: false, percentages: [70], why: 'German' },
  { wording: '70,5 % de CO2 en moins.', full: false, percentages: [70.5], why: 'French, decimal comma' },
  { wording: 'Un 70 % menos de emisiones.', full: false, percentages: [70], why: 'Spanish' },
  { wording: 'Up to 90% less CO2.', full: false, percentages: [90], why: 'up to: recorded, qualified' },
  { wording: '40% less CO2, made with 100% renewable power.', full: false, percentages: [40], why: 'a real figure beside a mention' },
  { label: 'low-CO2 coil', full: false, percentages: [], why: 'a label only' },
];

describe('the claim reader', () => {
  for (const row of table) {
    it(`${row.label ?? row.wording ?? row.reductionPercent}: ${row.why}`, () => {
      const reading = readClaim({ label: row.label, wording: row.wording, reductionPercent: row.reductionPercent });
      expect(reading.fullReduction).toBe(row.full);
      expect(reading.percentages.map((p) => p.value).sort((a, b) => a - b)).toEqual([...row.percentages].sort((a, b) => a - b));
    });
  }

  it('normalises what people paste: subscripts, dashes, spaces, "percent" words and decimal commas', () => {
    expect(normaliseClaim('CO₂\u00a0\u2013\u00a0reduced by 70\u202Fpercent')).toBe('co2 - reduced by 70%');
    expect(normaliseClaim('70,5 Prozent weniger; 1,200 t')).toBe('70.5% weniger; 1200 t');
    expect(normaliseClaim('cien por cien')).toBe('100%');
  });

  it('says where each figure was found, and what kind of claim it is', () => {
    const r = readClaim({ label: 'CO2-reduced coil', wording: 'Allocated under a mass balance (credit method): 66% below the site baseline; physical footprint 1.96 tCO2e/t.', reductionPercent: 60 });
    expect(r.kind).toBe('percentage');
    expect(r.percentages.map((p) => [p.value, p.source])).toEqual([[66, 'wording'], [60, 'reductionPercent']]);
    expect(r.statedPercent).toBe(66);
    expect(r.namesMassBalance).toBe(true);
    expect(r.namesMethod).toBe('credit');
    expect(r.physicalFootprint).toEqual({ value: 1.96, source: 'wording', text: '1.96 tCO2e/t' });
    // Quoted as written, not in the reader's lower case.
    expect(readClaim({ label: 'CO₂ 100 Prozent reduziert' }).fullReductionBy).toEqual({ source: 'label', text: expect.stringContaining('CO2 100% reduziert') });
    expect(readClaim({ label: 'İzmir CO2-free steel' }).fullReduction).toBe(true);
    expect(readClaim({ label: 'low-CO2 coil' }).kind).toBe('label-only');
    expect(readClaim(undefined)).toMatchObject({ stated: false, kind: 'none', fullReduction: false, statedPercent: null });
  });

  it('reads factors in other units, and a physical footprint declared over one in the wording', () => {
    const r = readClaim({ wording: 'Allocated factor 700 kg CO2e per tonne; the physical average is 1,932 kg CO2e/t.', physicalFootprint: 1.9 });
    expect(r.factors.map((f) => [f.value, f.physical])).toEqual([[0.7, false], [1.932, true]]);
    expect(r.physicalFootprint).toMatchObject({ value: 1.9, source: 'declared' });
    expect(readClaim({ wording: 'The physical footprint is not disclosed.' }).physicalFootprint).toBeNull();
  });

  it('takes a factor for the physical footprint only when physical words stand for it, never a reference figure', () => {
    const physical = (wording: string) => readClaim({ wording }).factors.map((f) => [f.value, f.physical]);
    // The physical words eight words before the figure.
    expect(physical('the physical average of the site this quarter is 1.96 tCO2e/t')).toEqual([[1.96, true]]);
    // An average that is the industry's or the route's is a reference, not the product's footprint.
    expect(physical('66% lower than the industry average of 2.1 tCO2e/t')).toEqual([[2.1, false]]);
    expect(physical('physical footprint 1.96 tCO2e/t, against the blast furnace route of 2.1 tCO2e/t')).toEqual([[1.96, true], [2.1, false]]);
    expect(physical('carries 0.7 tCO2e/t; the BF-BOF benchmark average is 2.3 tCO2e/t')).toEqual([[0.7, false], [2.3, false]]);
    expect(physical('allocated factor 0.7 tCO2e/t against a physical average of 1.96 tCO2e/t')).toEqual([[0.7, false], [1.96, true]]);
    // A heading, a listed figure, a figure in words and separators that people write.
    expect(physical('Physical footprint, as independently verified for the first quarter of 2026 at the works where the blast furnaces and the DRI line feed the same mill: 1.96 tCO2e/t')).toEqual([[1.96, true]]);
    expect(physical('The physical average of the site is 1.96 tCO2e/t in the first quarter and 2.03 tCO2e/t in the second')).toEqual([[1.96, true], [2.03, true]]);
    expect(physical('Physical footprint: 1.96 tonnes of CO2e per tonne of steel')).toEqual([[1.96, true]]);
    expect(physical('physical footprint 1 960 kg CO2e/t')).toEqual([[1.96, true]]);
    expect(physical('physischer Fußabdruck des Werks 1,900 t CO2e/t')).toEqual([[1.9, true]]);
    expect(physical('The physical footprint of the blast-furnace route is 2.1 tCO2e/t')).toEqual([[2.1, false]]);
    // "a" is a unit word only standing alone: "70 kg at the site" states no factor.
    expect(physical('We save 70 kg at the site every day')).toEqual([]);
    expect(physical('physische Durchschnitt 1,96 t CO2e pro t')).toEqual([[1.96, true]]);
    // One figure per quarter: the footprint held up is the highest.
    const quarters = readClaim({ wording: 'Site average 1.89 tCO2e/t in the second quarter and 1.932 tCO2e/t in the first' });
    expect(quarters.physicalFootprint).toMatchObject({ value: 1.932, source: 'wording' });
  });

  it('reads what the adversary wrote: full claims in other words, percentages written oddly, shares and references', () => {
    const read = (label: string | undefined, wording?: string) => readClaim({ label, wording }, { periodEnd: '2026-12-31' });
    const percents = (label: string | undefined, wording?: string) => read(label, wording).percentages.map((p) => [p.value, p.against]);
    for (const label of ['steel free of CO2 emissions', 'steel at 0 kg CO2e per tonne', 'No CO2 emitted for this coil']) expect(read(label).fullReduction, label).toBe(true);
    expect(read(undefined, 'Allocated factor 0.0 tCO2e/t.').fullReduction).toBe(true);
    expect(read(undefined, 'Not just low-CO2: zero-carbon steel.').fullReduction).toBe(true);
    expect(read(undefined, 'We aim for 0 kg CO2e per tonne by 2040.').fullReduction).toBe(false);
    for (const wording of ['70-percent lower CO2', '70percent lower CO2', '70 pct. lower CO2 than the baseline', '70 per-cent lower CO2', '70pc lower CO2']) expect(percents(undefined, wording), wording).toEqual([[70, 'baseline']]);
    // "100% of the savings" and "100 % CO2-free electricity" are not the coil's reduction.
    expect(percents(undefined, '66% lower than the site baseline; 100% of the CO2 savings are third-party verified.')).toEqual([[66, 'baseline']]);
    expect(read(undefined, '66% lower than the site baseline; the EAF runs on 100 % CO2-free electricity.')).toMatchObject({ fullReduction: false, statedPercent: 66 });
    // Against the physical average, or against a reference that merely says "average".
    expect(read(undefined, "66% below the site's physical average.")).toMatchObject({ statedPercent: 66, statedPercentVsAverage: 66 });
    expect(percents(undefined, '76% lower than the global industry average of 16.7 t CO2e/t')).toEqual([[76, 'baseline']]);
    // The methods named in German, French and Spanish.
    expect(read(undefined, 'Massenbilanz nach ISO 22095-2, Gutschriftverfahren')).toMatchObject({ namesMassBalance: true, namesMethod: 'credit' });
    expect(read(undefined, 'Massenbilanz, Methode des gleitenden Durchschnitts').namesMethod).toBe('rolling-average');
    expect(read(undefined, 'Bilan massique, méthode du pourcentage moyen glissant').namesMethod).toBe('rolling-average');
    expect(read(undefined, 'Balance de masa, método del porcentaje medio móvil').namesMethod).toBe('rolling-average');
  });
});
