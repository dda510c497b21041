// The seven EUDR commodities (Regulation (EU) 2023/1115, Article 1 and Annex I) as a declaration may write them:
// their names, common names and products (English, German, French, Spanish) and their HS headings, a matcher
// from a free-text `commodity` to the canonical commodity, and a near-miss detector that suggests a spelling.
// Applicability (src/rulesets/registry.ts), the metrics and the cross-field check all read this one table.

export const EUDR_COMMODITIES = ['cattle', 'cocoa', 'coffee', 'oil-palm', 'rubber', 'soya', 'wood'] as const;
export type EudrCommodity = (typeof EUDR_COMMODITIES)[number];

interface CommodityEntry {
  commodity: EudrCommodity;
  /** The commodity's names and common names, and the names of its relevant products, in any spelling. */
  names: readonly string[];
  /**
   * HS chapters (2 digits), headings (4) and subheadings (6) of Annex I, digits only. A code written in a
   * declaration belongs to the commodity when it starts with one of these (CN 8-digit codes included). Headings
   * Annex I lists with "ex" are kept where the heading is essentially the commodity's (4101 raw hides of bovine
   * or equine animals); broad chemical headings listed "ex" (glycerol, fatty acids) are left out, since most of
   * what they hold has nothing to do with the commodity.
   */
  hs: readonly string[];
  /** Words that, written beside a name, say the product is something else (synthetic rubber, faux leather). */
  vetoes?: readonly string[];
}

const TABLE: readonly CommodityEntry[] = [
  {
    commodity: 'cattle',
    names: [
      'cattle', 'live cattle', 'cow', 'cows', 'bovine', 'bovine animals', 'beef', 'veal', 'beef meat', 'bovine meat', 'beef offal', 'bovine offal',
      'tallow', 'beef tallow', 'bovine tallow', 'hide', 'cattle hides', 'bovine hides', 'cowhide', 'rawhide', 'leather', 'bovine leather', 'cattle leather',
      'Rind', 'Rindvieh', 'Rindfleisch', 'Kalbfleisch', 'Rinderhaut', 'Rindsleder', 'Leder', 'Rindertalg',
      'bovin', 'bovins', 'bœuf', 'viande bovine', 'veau', 'cuir', 'cuir de bovin', 'suif',
      'ganado bovino', 'ganado vacuno', 'bovino', 'vacuno', 'carne de res', 'carne de vacuno', 'carne bovina', 'cuero', 'sebo',
    ],
    // 0102 live bovine animals (Annex I: 0102 21, 0102 29 cattle); 0201, 0202 beef; 0206 10, 22, 29 bovine offal;
    // 1502 10 tallow; 1602 50 prepared beef; 4101, 4104, 4107 hides and leather.
    hs: ['0102', '0201', '0202', '020610', '020622', '020629', '150210', '160250', '4101', '4104', '4107'],
    vetoes: ['synthetic', 'faux', 'vegan', 'artificial', 'imitation', 'kunstleder', 'simili', 'sintetico', 'feed', 'futter'],
  },
  {
    commodity: 'cocoa',
    names: [
      'cocoa', 'cacao', 'cocoa beans', 'cacao beans', 'cocoa nibs', 'cocoa shells', 'cocoa husks', 'cocoa paste', 'cocoa liquor', 'cocoa mass',
      'cocoa butter', 'cocoa fat', 'cocoa powder', 'cocoa cake', 'chocolate',
      'Kakao', 'Kakaobohne', 'Kakaobohnen', 'Kakaobutter', 'Kakaomasse', 'Kakaopulver', 'Schokolade',
      'fèves de cacao', 'beurre de cacao', 'pâte de cacao', 'masse de cacao', 'poudre de cacao', 'chocolat',
      'granos de cacao', 'habas de cacao', 'manteca de cacao', 'pasta de cacao', 'licor de cacao', 'cacao en polvo', 'cacau',
    ],
    // Chapter 18: 1801 beans, 1802 shells and waste, 1803 paste, 1804 butter, 1805 powder, 1806 chocolate.
    hs: ['18', '1801', '1802', '1803', '1804', '1805', '1806'],
  },
  {
    commodity: 'coffee',
    names: [
      'coffee', 'coffee beans', 'green coffee', 'roasted coffee', 'decaffeinated coffee', 'coffee cherries', 'coffee husks', 'coffee skins',
      'Kaffee', 'Rohkaffee', 'Röstkaffee', 'Kaffeebohnen',
      'café', 'café vert', 'café torréfié', 'grains de café',
      'café verde', 'café tostado', 'granos de café',
    ],
    // 0901 coffee, roasted or not, decaffeinated or not, husks and skins. Extracts (2101) are not in Annex I.
    hs: ['0901'],
    vetoes: ['instant', 'soluble', 'extract', 'essence', 'löslich'],
  },
  {
    commodity: 'oil-palm',
    names: [
      'oil palm', 'palm oil', 'crude palm oil', 'cpo', 'rbd palm oil', 'palm olein', 'palm stearin', 'palm kernels', 'palm kernel oil', 'palm nuts',
      'palm fruit', 'fresh fruit bunches', 'ffb', 'palm kernel meal', 'palm kernel cake', 'palm kernel expeller', 'pke',
      'Ölpalme', 'Palmöl', 'Palmkernöl', 'Palmkerne',
      'palmier à huile', 'huile de palme', 'huile de palmiste', 'palmiste',
      'palma aceitera', 'palma africana', 'aceite de palma', 'aceite de palmiste',
    ],
    // 1207 10 palm nuts and kernels; 1511 palm oil; 1513 21, 1513 29 palm kernel oil; 2306 60 palm kernel cake.
    hs: ['120710', '1511', '151321', '151329', '230660'],
  },
  {
    commodity: 'rubber',
    names: [
      'rubber', 'natural rubber', 'latex', 'natural latex', 'rubber latex', 'ribbed smoked sheets', 'technically specified rubber', 'balata', 'gutta-percha',
      'tyres', 'tires', 'pneumatic tyres', 'inner tubes', 'rubber gloves',
      'Kautschuk', 'Naturkautschuk', 'Naturlatex', 'Gummi', 'Reifen',
      'caoutchouc', 'caoutchouc naturel', 'pneus', 'pneumatiques',
      'caucho', 'caucho natural', 'hule', 'neumáticos',
    ],
    // 4001 natural rubber; 4005 to 4008, 4010 to 4013, 4015 to 4017 its products (Annex I lists them "ex": of
    // natural rubber).
    hs: ['4001', '4005', '4006', '4007', '4008', '4010', '4011', '4012', '4013', '4015', '4016', '4017'],
    vetoes: ['synthetic', 'silicone', 'nitrile', 'neoprene', 'butyl', 'styrene', 'sbr', 'epdm', 'nbr', 'chloroprene', 'synthetischer', 'synthetique', 'sintetico', 'acrylic', 'paint'],
  },
  {
    commodity: 'soya',
    names: [
      'soya', 'soy', 'soja', 'soybeans', 'soya beans', 'soy beans', 'soja beans', 'soyabeans', 'soybean meal', 'soy meal', 'soya meal', 'soybean flour',
      'soy flour', 'soya flour', 'soybean oil', 'soy oil', 'soya oil', 'soybean cake', 'soy cake', 'soya cake',
      'Sojabohne', 'Sojabohnen', 'Sojaöl', 'Sojaschrot', 'Sojamehl', 'Sojakuchen',
      'fèves de soja', 'graines de soja', 'huile de soja', 'tourteau de soja', 'farine de soja',
      'frijol de soya', 'habas de soja', 'aceite de soja', 'harina de soja', 'torta de soja',
    ],
    // 1201 soya beans; 1208 10 soya flour and meal; 1507 soya-bean oil; 2304 soya-bean oilcake.
    hs: ['1201', '120810', '1507', '2304'],
    vetoes: ['sauce', 'salsa'],
  },
  {
    commodity: 'wood',
    names: [
      'wood', 'timber', 'lumber', 'logs', 'roundwood', 'sawlogs', 'sawnwood', 'sawn timber', 'hardwood', 'softwood', 'firewood', 'fuelwood', 'fuel wood',
      'wood chips', 'woodchips', 'wood pellets', 'sawdust', 'charcoal', 'veneer', 'plywood', 'particleboard', 'chipboard', 'fibreboard', 'fiberboard',
      'mdf', 'hdf', 'osb', 'oriented strand board', 'wood pulp', 'pulpwood', 'pulp', 'paper', 'paperboard', 'cardboard', 'kraft paper', 'newsprint',
      'wooden furniture', 'wood furniture', 'wooden pallets', 'railway sleepers',
      'Holz', 'Schnittholz', 'Rundholz', 'Stammholz', 'Brennholz', 'Hackschnitzel', 'Holzpellets', 'Holzkohle', 'Furnier', 'Sperrholz', 'Spanplatte',
      'Faserplatte', 'Zellstoff', 'Papier', 'Pappe', 'Karton', 'Holzmöbel',
      'bois', "bois d'œuvre", 'bois de sciage', 'bois rond', 'grumes', 'bois de chauffage', 'charbon de bois', 'placage', 'contreplaqué',
      'panneaux de particules', 'pâte à papier', 'pâte de bois', 'carton', 'meubles en bois',
      'madera', 'madera aserrada', 'madera en rollo', 'trozas', 'leña', 'carbón vegetal', 'contrachapado', 'tablero de partículas',
      'pulpa de madera', 'papel', 'cartón', 'muebles de madera',
    ],
    // Chapter 44 wood and its products; 47 pulp; 48 paper and paperboard; 49 printed products; 9401 61, 9401 69
    // seats with wooden frames; 9403 30, 40, 50, 60 wooden furniture; 9406 10 prefabricated buildings of wood.
    hs: ['44', '47', '48', '49', '940161', '940169', '940330', '940340', '940350', '940360', '940610'],
    vetoes: ['fruit', 'tomato', 'juice', 'citrus', 'apple', 'mango', 'activated'],
  },
];

/**
 * Commodities that are not EUDR ones but sit within a letter or two of an EUDR name: never a near miss.
 * (Steel, ethylene or wheat need no entry: nothing EUDR is near them.)
 */
const OTHER_COMMODITIES = [
  'wool', 'beet', 'sugar beet', 'toffee', 'feather', 'feathers', 'ovine', 'porcine', 'caprine', 'madeira', 'coco', 'coconut', 'coconut oil', 'copra',
  'coir', 'paver', 'coffer', 'cotton', 'copper', 'rubble', 'castle', 'kettle', 'binder', 'vacuna', 'char', 'tall oil', 'palm sugar', 'date palm',
];

/**
 * Lower case, Unicode NFKC, accents and ligatures folded (ö -> o, œ -> oe, ß -> ss), every run of anything but
 * letters and digits one space, and each word singular (a final s dropped, but not after s, u or i: glass,
 * humus, bois stay). Spaces, hyphens and underscores therefore do not matter, and "Cocoa-Beans" reads as "cocoa bean".
 */
export function normaliseCommodity(text: string): string[] {
  const folded = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '');
  return folded
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((word) => (word.length >= 4 && word.endsWith('s') && !/[sui]s$/.test(word) ? word.slice(0, -1) : word));
}

/** The words run together: the key names are compared by ("palm oil", "palm-oil" and "palmoil" alike). */
const compact = (words: readonly string[]): string => words.join('');

interface Name {
  commodity: EudrCommodity;
  /** As the table writes it, for a suggestion. */
  written: string;
  key: string;
  words: number;
}

const NAMES: readonly Name[] = TABLE.flatMap((entry) =>
  entry.names.map((written) => {
    const words = normaliseCommodity(written);
    return { commodity: entry.commodity, written, key: compact(words), words: words.length };
  }),
);
const BY_KEY = new Map<string, Name>();
for (const name of NAMES) if (!BY_KEY.has(name.key)) BY_KEY.set(name.key, name);
const LONGEST_NAME = Math.max(...NAMES.map((n) => n.words));
const VETOES = new Map<EudrCommodity, Set<string>>(TABLE.map((e) => [e.commodity, new Set((e.vetoes ?? []).map((v) => compact(normaliseCommodity(v))))]));
const OTHERS = new Set(OTHER_COMMODITIES.map((o) => compact(normaliseCommodity(o))));
const HS = TABLE.flatMap((entry) => entry.hs.map((code) => ({ code, commodity: entry.commodity })));

export interface CommodityMatch {
  commodity: EudrCommodity;
  /** How it was recognised: by a name (of the commodity or one of its products), or by an HS code. */
  matchedBy: 'name' | 'hs-code';
  /** The name as the table writes it ("cocoa beans"), or the HS code as digits ("1801"). */
  matched: string;
}

/** Contiguous runs of up to `longest` words, in reading order (earliest start first, then the longest). */
function* windows(words: readonly string[], longest: number): Generator<{ start: number; words: string[] }> {
  for (let start = 0; start < words.length; start++) {
    for (let length = Math.min(longest, words.length - start); length >= 1; length--) yield { start, words: words.slice(start, start + length) };
  }
}

/** "HS 1801", "hs-code 1801 00", "CN 1801 00 00", "ex 4011", or the whole text a code: its digits. */
function hsCodeIn(words: readonly string[]): string | null {
  const digitsOnly = (ws: readonly string[]) => (ws.length > 0 && ws.every((w) => /^\d+$/.test(w)) ? ws.join('') : null);
  const plausible = (code: string | null) => (code !== null && code.length >= 2 && code.length <= 10 && code.length % 2 === 0 ? code : null);
  const rest = words[0] === 'ex' ? words.slice(1) : words;
  const whole = plausible(digitsOnly(rest));
  if (whole) return whole;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    // "hs1801" written in one piece, or "hs" / "cn" / "hs code" / "heading" followed by digit groups.
    const fused = /^(?:hs|cn)(\d+)$/.exec(word);
    if (fused) {
      const tail: string[] = [fused[1]!];
      for (let j = i + 1; j < words.length && /^\d+$/.test(words[j]!); j++) tail.push(words[j]!);
      const code = plausible(tail.join(''));
      if (code) return code;
    }
    if (word === 'hs' || word === 'cn' || word === 'heading' || word === 'taric') {
      let j = i + 1;
      while (j < words.length && (words[j] === 'code' || words[j] === 'heading' || words[j] === 'ex')) j++;
      const tail: string[] = [];
      for (; j < words.length && /^\d+$/.test(words[j]!); j++) tail.push(words[j]!);
      const code = plausible(tail.length ? tail.join('') : null);
      if (code) return code;
    }
  }
  return null;
}

/**
 * The EUDR commodity a declaration's free-text commodity names, or null: the whole text a name of a commodity
 * or of one of its products ("Cocoa", "cocoa-beans", "palm_oil", "Sojabohnen"), an HS code of Annex I ("HS 1801",
 * "4407 10", "CN 18010000"), or such a name among other words ("organic cocoa beans") unless a word beside it
 * says the product is something else ("synthetic rubber"). With names of two commodities, the first one written.
 */
export function matchEudrCommodity(text: string): CommodityMatch | null {
  const words = normaliseCommodity(text);
  if (words.length === 0) return null;
  const whole = BY_KEY.get(compact(words));
  if (whole) return { commodity: whole.commodity, matchedBy: 'name', matched: whole.written };
  const code = hsCodeIn(words);
  if (code) {
    const entry = HS.find((h) => code.startsWith(h.code));
    if (entry) return { commodity: entry.commodity, matchedBy: 'hs-code', matched: code };
  }
  const keys = new Set(words);
  for (const window of windows(words, LONGEST_NAME)) {
    const name = BY_KEY.get(compact(window.words));
    if (!name) continue;
    const vetoes = VETOES.get(name.commodity)!;
    if ([...keys].some((w) => vetoes.has(w))) continue;
    return { commodity: name.commodity, matchedBy: 'name', matched: name.written };
  }
  return null;
}

/** The canonical EUDR commodity of a free-text commodity, or null. */
export function eudrCommodityOf(text: string): EudrCommodity | null {
  return matchEudrCommodity(text)?.commodity ?? null;
}

const listedReadings = new Map<string, EudrCommodity | null>();

/**
 * Whether a commodity listed by a ruleset (`appliesTo.commodities`) covers a declaration's commodity: the same
 * EUDR commodity however each is written (a listed name stands for its whole commodity: "cocoa" covers
 * "chocolate" and "HS 1801"), and otherwise the same words after normalising ("Crude Steel" is "crude-steel").
 */
export function sameCommodity(listed: string, declared: string): boolean {
  // A ruleset's list is read for every declaration checked against it: its own readings are kept.
  let a = listedReadings.get(listed);
  if (a === undefined) listedReadings.set(listed, (a = eudrCommodityOf(listed)));
  if (a !== null) return a === eudrCommodityOf(declared);
  const key = compact(normaliseCommodity(listed));
  return key.length > 0 && key === compact(normaliseCommodity(declared));
}

export interface CommodityNearMiss {
  /** What the declaration wrote that looks like an EUDR name (the whole commodity, or the words of it). */
  found: string;
  /** The closest name, as the table writes it ("cocoa", "cocoa butter"). */
  name: string;
  commodity: EudrCommodity;
  /** Letters to change, add, remove or swap to get from what was found to the name (0 for a prefix). */
  distance: number;
  /** Edit distance, or the start of a name (at least five letters and half the name: "coffe", "soybe"). */
  by: 'edit-distance' | 'prefix';
}

/** Optimal string alignment distance (Levenshtein with adjacent swaps), giving up beyond `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, previous2[j - 2]! + 1);
      current.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * How far a near miss may be from a name of this length: nothing for names of four letters or fewer (wood, soy,
 * beef sit a letter from wool, sow, beet), a swap of two letters for five ("cocao"), one letter for six or seven
 * ("cofee", "caffee"), two from eight on ("soybaen mael" is farther than that; "palm oill" is not).
 */
function allowedDistance(nameLength: number): number {
  if (nameLength <= 4) return -1;
  if (nameLength === 5) return 1;
  return nameLength <= 7 ? 1 : 2;
}

/** A five-letter name tolerates only two adjacent letters swapped: "paper" must not take in "paver". */
const isSwap = (a: string, b: string): boolean => {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
};

/**
 * A commodity that names no EUDR commodity but looks like a misspelling of one of its names ("cocao", "cofee",
 * "caffee", "palm oill") or its beginning ("cocoab", "soybe"): the closest name, so a validation error can suggest
 * it. Null when the commodity is an EUDR one, or clearly something else (steel, ethylene, wheat, wool, toffee).
 */
export function eudrNearMiss(text: string): CommodityNearMiss | null {
  // A batch names the same few commodities again and again; the edit distances to every name cost a fraction of
  // a millisecond each time.
  const known = nearMissCache.get(text);
  if (known !== undefined) return known;
  if (nearMissCache.size >= 1024) nearMissCache.clear();
  const found = nearMissOf(text);
  nearMissCache.set(text, found);
  return found;
}

const nearMissCache = new Map<string, CommodityNearMiss | null>();

function nearMissOf(text: string): CommodityNearMiss | null {
  if (matchEudrCommodity(text) !== null) return null;
  const words = normaliseCommodity(text);
  const whole = compact(words);
  if (whole.length === 0 || OTHERS.has(whole)) return null;
  // A recognisable name that a veto turned away ("synthetic rubber") is not a misspelling.
  if ([...windows(words, LONGEST_NAME)].some((w) => BY_KEY.has(compact(w.words)))) return null;
  let best: CommodityNearMiss | null = null;
  let bestNameLength = 0;
  for (const window of windows(words, LONGEST_NAME)) {
    const key = compact(window.words);
    if (key.length < 5 || OTHERS.has(key)) continue;
    for (const name of NAMES) {
      const allowed = allowedDistance(name.key.length);
      // An edit distance is at least the difference in length: most names are ruled out before it is computed.
      if (allowed < 0 || Math.abs(name.key.length - key.length) > allowed) continue;
      const distance = name.key.length === 5 ? (isSwap(key, name.key) ? 1 : allowed + 1) : editDistance(key, name.key, allowed);
      if (distance > allowed) continue;
      // The closest name; between names as close, the longest (it says more of what was meant).
      if (best === null || distance < best.distance || (distance === best.distance && name.key.length > bestNameLength)) {
        best = { found: window.words.join(' '), name: name.written, commodity: name.commodity, distance, by: 'edit-distance' };
        bestNameLength = name.key.length;
      }
    }
  }
  if (best !== null) return best;
  // The start of a name: at least five letters and at least half of it ("fuel" is not "fuelwood").
  if (whole.length >= 5) {
    const closest = NAMES.filter((n) => n.key.length > whole.length && n.key.startsWith(whole) && whole.length * 2 >= n.key.length).sort((a, b) => a.key.length - b.key.length)[0];
    if (closest) return { found: words.join(' '), name: closest.written, commodity: closest.commodity, distance: 0, by: 'prefix' };
  }
  return null;
}
