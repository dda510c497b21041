// The EUDR commodity table: names in several spellings and languages, HS codes, near misses with their
// suggestions, and commodities that are clearly something else, which are neither matched nor flagged.
import { describe, expect, it } from 'vitest';
import { editDistance, eudrCommodityOf, eudrNearMiss, matchEudrCommodity, normaliseCommodity, sameCommodity } from '../src/commodities.js';

describe('matchEudrCommodity', () => {
  it.each([
    // The seven as CONTRACT.md spells them.
    ['cattle', 'cattle'], ['cocoa', 'cocoa'], ['coffee', 'coffee'], ['oil-palm', 'oil-palm'], ['rubber', 'rubber'], ['soya', 'soya'], ['wood', 'wood'],
    // Case, spaces, hyphens, underscores, plurals, Unicode.
    ['Cocoa', 'cocoa'], ['COCOA', 'cocoa'], ['cocoa-beans', 'cocoa'], ['cocoa beans', 'cocoa'], ['Cocoa_Bean', 'cocoa'], ['  cocoa   beans ', 'cocoa'],
    ['palm-oil', 'oil-palm'], ['palm oil', 'oil-palm'], ['PalmOil', 'oil-palm'], ['oil palm', 'oil-palm'], ['ｃｏｃｏａ', 'cocoa'],
    // Common names and products.
    ['soy', 'soya'], ['soybeans', 'soya'], ['soja beans', 'soya'], ['soybean meal', 'soya'], ['soya oil', 'soya'],
    ['beef', 'cattle'], ['bovine leather', 'cattle'], ['hides', 'cattle'], ['cacao', 'cocoa'], ['chocolate', 'cocoa'], ['cocoa butter', 'cocoa'],
    ['green coffee', 'coffee'], ['crude palm oil', 'oil-palm'], ['palm kernels', 'oil-palm'], ['natural rubber', 'rubber'], ['latex', 'rubber'], ['tyres', 'rubber'],
    ['timber', 'wood'], ['sawn timber', 'wood'], ['plywood', 'wood'], ['wood pulp', 'wood'], ['paper', 'wood'], ['charcoal', 'wood'], ['wooden furniture', 'wood'],
    // German, French, Spanish.
    ['Kakaobohnen', 'cocoa'], ['Schokolade', 'cocoa'], ['Kaffee', 'coffee'], ['Palmöl', 'oil-palm'], ['Naturkautschuk', 'rubber'], ['Sojabohnen', 'soya'], ['Rindfleisch', 'cattle'], ['Holz', 'wood'], ['Schnittholz', 'wood'],
    ['fèves de cacao', 'cocoa'], ['feves de cacao', 'cocoa'], ['café vert', 'coffee'], ['huile de palme', 'oil-palm'], ['caoutchouc', 'rubber'], ['tourteau de soja', 'soya'], ['bœuf', 'cattle'], ['boeuf', 'cattle'], ['bois', 'wood'],
    ['granos de cacao', 'cocoa'], ['café', 'coffee'], ['aceite de palma', 'oil-palm'], ['caucho natural', 'rubber'], ['harina de soja', 'soya'], ['carne de vacuno', 'cattle'], ['madera', 'wood'],
    // A name among other words.
    ['organic cocoa beans', 'cocoa'], ['RSPO-certified palm oil', 'oil-palm'], ['FSC timber', 'wood'], ['cocoa bens', 'cocoa'],
  ])('%j is %s, by name', (text, commodity) => {
    expect(matchEudrCommodity(text)).toMatchObject({ commodity, matchedBy: 'name' });
  });

  it.each([
    ['HS 1801', 'cocoa', '1801'], ['hs 1801', 'cocoa', '1801'], ['HS1801', 'cocoa', '1801'], ['1801', 'cocoa', '1801'], ['1801.00', 'cocoa', '180100'],
    ['CN 1801 00 00', 'cocoa', '18010000'], ['HS code 1806', 'cocoa', '1806'], ['HS 18', 'cocoa', '18'],
    ['HS 0901', 'coffee', '0901'], ['0901 21', 'coffee', '090121'],
    ['HS 1511', 'oil-palm', '1511'], ['1207 10', 'oil-palm', '120710'], ['1513 21', 'oil-palm', '151321'], ['2306 60', 'oil-palm', '230660'],
    ['HS 1201', 'soya', '1201'], ['HS 1507', 'soya', '1507'], ['HS 2304', 'soya', '2304'], ['1208 10', 'soya', '120810'],
    ['HS 4001', 'rubber', '4001'], ['HS 4011', 'rubber', '4011'], ['ex 4016', 'rubber', '4016'],
    ['HS 0102', 'cattle', '0102'], ['0201', 'cattle', '0201'], ['HS 4101', 'cattle', '4101'], ['1502 10', 'cattle', '150210'],
    ['HS 44', 'wood', '44'], ['4407 10', 'wood', '440710'], ['HS 47', 'wood', '47'], ['4802', 'wood', '4802'], ['9403 60', 'wood', '940360'], ['9406 10', 'wood', '940610'],
  ])('%j is %s, by HS code %s', (text, commodity, matched) => {
    expect(matchEudrCommodity(text)).toEqual({ commodity, matchedBy: 'hs-code', matched });
  });

  it.each([
    // Other commodities.
    'steel', 'crude-steel', 'hot-rolled-coil', 'ethylene', 'primary-aluminium', 'cement', 'wheat', 'wheat flour', 'maize', 'cotton', 'wool', 'sugar beet', 'coconut oil', 'rapeseed oil',
    // Products that name an EUDR word but are something else.
    'synthetic rubber', 'SBR rubber', 'faux leather', 'instant coffee', 'fruit pulp', 'soy sauce', 'activated charcoal', 'cattle feed',
    // HS codes outside Annex I, or a heading that mixes wooden with other furniture.
    'HS 7208', 'HS 9403', 'HS 1513', '2101 11', 'HS 40', '180',
  ])('%j is no EUDR commodity', (text) => {
    expect(matchEudrCommodity(text)).toBeNull();
    expect(eudrCommodityOf(text)).toBeNull();
  });
});

describe('eudrNearMiss', () => {
  it.each([
    ['cocao', 'cocoa', 'cocoa'],
    ['cofee', 'coffee', 'coffee'],
    ['caffee', 'coffee', 'coffee'],
    ['coffea', 'coffee', 'coffee'],
    ['palm oill', 'palm oil', 'oil-palm'],
    ['cattel', 'cattle', 'cattle'],
    ['rubbr', 'rubber', 'rubber'],
    ['tmber', 'timber', 'wood'],
    ['soybaens', 'soybeans', 'soya'],
    ['leathr', 'leather', 'cattle'],
    ['kaffe', 'Kaffee', 'coffee'],
  ])('%j suggests %j (%s)', (text, name, commodity) => {
    expect(eudrNearMiss(text)).toMatchObject({ name, commodity, by: 'edit-distance' });
  });

  it('names the words that look like a name when there are others around them', () => {
    expect(eudrNearMiss('organic cocao beans')).toMatchObject({ found: 'cocao bean', name: 'cocoa beans', commodity: 'cocoa' });
  });

  it('takes the start of a name of five letters or more, at least half of it', () => {
    expect(eudrNearMiss('soybe')).toMatchObject({ name: 'soybeans', commodity: 'soya', by: 'prefix', distance: 0 });
    expect(eudrNearMiss('choco')).toMatchObject({ commodity: 'cocoa', by: 'prefix' });
    expect(eudrNearMiss('fuel')).toBeNull();
    expect(eudrNearMiss('palm')).toBeNull();
  });

  it.each([
    // An EUDR commodity is matched, not a near miss.
    'cocoa', 'Cocoa', 'HS 1801', 'soy',
    // Clearly something else, including words a letter away from a short EUDR name.
    'steel', 'crude-steel', 'ethylene', 'wheat', 'wool', 'beet', 'food', 'soda', 'toffee', 'feathers', 'pavers', 'binder', 'ovine', 'coco', 'coconut', 'copper',
    'cotton', 'rubble', 'hot-rolled-coil', 'primary-aluminium', 'bio-naphtha', 'cement', 'clinker', 'ammonia', 'methanol', 'hydrogen', 'polypropylene',
    // Recognised names turned away by a word beside them.
    'synthetic rubber', 'instant coffee',
    'HS 9403', '',
  ])('%j is no near miss', (text) => {
    expect(eudrNearMiss(text)).toBeNull();
  });
});

describe('sameCommodity, as applicability reads appliesTo.commodities', () => {
  it('matches an EUDR commodity however the declaration writes it', () => {
    for (const declared of ['Cocoa', 'cocoa-beans', 'HS 1801', 'chocolate', 'Kakao']) expect(sameCommodity('cocoa', declared), declared).toBe(true);
    expect(sameCommodity('oil-palm', 'palm-oil')).toBe(true);
    expect(sameCommodity('soya', 'soy')).toBe(true);
    expect(sameCommodity('cocoa', 'coffee')).toBe(false);
    expect(sameCommodity('cocoa', 'crude-steel')).toBe(false);
  });

  it('matches any other commodity by its words, whatever the case, spaces, hyphens and plurals', () => {
    expect(sameCommodity('crude-steel', 'Crude Steel')).toBe(true);
    expect(sameCommodity('crude-steel', 'crude_steels')).toBe(true);
    expect(sameCommodity('crude-steel', 'steel')).toBe(false);
    expect(sameCommodity('crude-steel', 'HS 1801')).toBe(false);
  });
});

describe('the pieces', () => {
  it('normalises case, Unicode, accents, separators and plurals', () => {
    expect(normaliseCommodity('Cocoa-Beans')).toEqual(['cocoa', 'bean']);
    expect(normaliseCommodity('Palmöl')).toEqual(['palmol']);
    expect(normaliseCommodity('bœuf')).toEqual(['boeuf']);
    expect(normaliseCommodity('glass, humus, bois')).toEqual(['glass', 'humus', 'bois']);
    expect(normaliseCommodity('HS 1801.00')).toEqual(['hs', '1801', '00']);
  });

  it('counts an adjacent swap as one edit, and gives up past its limit', () => {
    expect(editDistance('cocao', 'cocoa')).toBe(1);
    expect(editDistance('caffee', 'coffee')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('steel', 'coffee', 1)).toBe(2);
  });
});
