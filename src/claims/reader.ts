// The claim reader: what a declaration's claim says (its label, wording and reductionPercent), read as a person
// reads it: the text normalised (Unicode, dashes, spacing, "percent" words), split into sentences and clauses,
// and each phrase judged in its clause: a negated phrase, a target or a percentage about something else is a mention, not a claim.
// The rules read what it finds (as metrics), never the raw text.
import type { ClaimReading } from '../generated/metrics.js';
import {
  ALLOCATED_WORDS,
  CREDIT_METHOD_WORDS,
  DENIALS,
  FULL_REDUCTION_PHRASES,
  HUNDRED_WORDS,
  MASS_BALANCE_WORDS,
  NEGATIONS,
  NOT_ONLY,
  NOT_YET,
  NOW_WORDS,
  NUMBER_WORDS,
  ORGANISATION_WORDS,
  OTHER_SUBJECT_WORDS,
  PERCENT_WORDS,
  PHYSICAL_WORDS,
  PRODUCT_WORDS,
  QUALIFIERS,
  REFERENCE_WORDS,
  REDUCTION_WORDS,
  ROLLING_AVERAGE_WORDS,
  TARGET_WORDS,
  UNIT_WORDS,
  UP_TO_WORDS,
} from './lexicon.js';

export interface ClaimText {
  label?: string | undefined;
  wording?: string | undefined;
  reductionPercent?: number | undefined;
  physicalFootprint?: number | undefined;
}

export interface ReadingContext {
  /** The end of the declaration's period: a year after it, named in a clause, is a target ("net zero by 2045"). */
  periodEnd?: string | undefined;
}

type Source = 'label' | 'wording';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A phrase as a pattern: a hyphen matches a hyphen, a space or nothing; a space, spaces or a hyphen ("blast-furnace"). */
const phrasePattern = (phrase: string) =>
  escape(phrase)
    .split(/([- ])/)
    .map((part) => (part === '-' ? '[- ]?' : part === ' ' ? '(?:\\s+|-)' : part))
    .join('');
const LETTER = '\\p{L}\\p{N}';
const anyOf = (phrases: readonly string[]) =>
  // No case folding: the reader matches on lower-cased text, and folding a long alternation costs V8 tens of
  // milliseconds to compile on a check's first claim.
  new RegExp(`(?<![${LETTER}])(?:${[...phrases].sort((a, b) => b.length - a.length).map(phrasePattern).join('|')})(?![${LETTER}])`, 'gu');

const FULL = anyOf(FULL_REDUCTION_PHRASES);
const REDUCTION = anyOf(REDUCTION_WORDS);
const OTHER_SUBJECT = anyOf(OTHER_SUBJECT_WORDS);
const NEGATION = anyOf(NEGATIONS);
const TARGET = anyOf(TARGET_WORDS);
const QUALIFIER = anyOf(QUALIFIERS);
const DENIAL = anyOf(DENIALS);
const NOT_ONLY_PHRASE = anyOf(NOT_ONLY);
const NOT_YET_ANSWER = anyOf(NOT_YET);
const NOW = anyOf(NOW_WORDS);
/** "klimaneutral? noch nicht": a full-reduction phrase asked, then answered no. */
const DENIED_QUESTION = new RegExp(`(${FULL.source})\\s*\\?\\s*(?:${NOT_YET_ANSWER.source})`, 'gu');
const ORGANISATION = anyOf(ORGANISATION_WORDS);
const PRODUCT = anyOf(PRODUCT_WORDS);
/** A year named as a deadline: "by 2045", "bis 2030", "d'ici 2050", "para 2040", "en 2050", "in 2050". */
const YEAR = /(?<![\p{L}\p{N}])(?:by|until|before|in|from|bis|ab|im|jahr|d'ici|à horizon|horizon|en|para|hasta)\s+(2\d\d\d)(?![\p{N}])/giu;
const UP_TO = anyOf(UP_TO_WORDS);
const PHYSICAL = anyOf(PHYSICAL_WORDS);
const REFERENCE = anyOf(REFERENCE_WORDS);
const ALLOCATED = anyOf(ALLOCATED_WORDS);
const MASS_BALANCE = anyOf(MASS_BALANCE_WORDS);
const CREDIT_METHOD = anyOf(CREDIT_METHOD_WORDS);
const ROLLING_AVERAGE = anyOf(ROLLING_AVERAGE_WORDS);
// "70 percent", "70percent", "70-percent", "70 per-cent": after a number the word may be attached or hyphenated.
const PERCENT_WORD = new RegExp(`(?:(?<=\\d)[\\s-]*|\\s*(?<![${LETTER}]))(?:${PERCENT_WORDS.map(phrasePattern).join('|')})(?![${LETTER}])`, 'giu');
/** "70pc": British press shorthand, only attached to a number ("100 pc" may be pieces). */
const PC = /(?<=\d)pc(?![\p{L}])/giu;
const HUNDRED = new RegExp(`(?<![${LETTER}])(?:${HUNDRED_WORDS.map(phrasePattern).join('|')})\\s*%`, 'giu');
const byLength = (keys: string[]) => keys.sort((a, b) => b.length - a.length).map(phrasePattern).join('|');
/** "seventy per cent", "seventy-five %", "fünfzig Prozent": a number word right before a percent sign. */
const NUMBER_WORD_PERCENT = new RegExp(`(?<![${LETTER}])(${byLength(Object.keys(NUMBER_WORDS))})(?:[- ](${byLength(Object.keys(UNIT_WORDS))}))?\\s*%`, 'giu');
/** Number words run together ("soixante dix" and "soixante-dix" alike), by their value. */
const runTogether = (word: string) => word.toLowerCase().replace(/[\s-]+/g, '');
const NUMBER_BY_WORD = new Map(Object.entries(NUMBER_WORDS).map(([word, value]) => [runTogether(word), value]));
const numberOf = (tens: string, unit: string | undefined): number => NUMBER_BY_WORD.get(runTogether(tens))! + (unit ? UNIT_WORDS[unit.toLowerCase()]! : 0);
const PERCENTAGE = /(?<![\p{L}\p{N}.])(\d{1,3}(?:\.\d+)?)\s?%/gu;
/**
 * A factor in tCO2e per tonne, or kg per tonne, or per kg: "0.7 tCO2e/t", "700 kg CO2e per tonne", in words too
 * ("1.96 tonnes of CO2e per tonne of steel"); "a", "pro", "par", "por" only as words ("70 kg at the site" is none).
 */
const FACTOR =
  /(?<![\p{L}\p{N}.])(\d+(?:\.\d+)?)\s?(t|kg|g|tonnes?|tons?|kilograms?|kilogrammes?|kilos?)\s?(?:of\s)?(?:co2e|co2|carbon|carbon dioxide)?\s?(?:\/|per|(?<=\s)(?:a|pro|par|por)(?=\s))\s?(t|tonnes?|tons?|kg|kilograms?|kilogrammes?|tonnen?|tonelada?s?)(?![\p{L}])/giu;

/** NFKC (CO₂ -> CO2), one kind of hyphen and space, "percent" words as %, decimal commas as points; the case kept for quoting. */
function normaliseKeepingCase(text: string): string {
  let t = text.normalize('NFKC');
  t = t.replace(/[\u2010-\u2015\u2212\u00ad\ufe58\ufe63\uff0d]/g, '-');
  t = t.replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000\t]/g, ' ');
  t = t.replace(/[\u2018\u2019\u02bc]/g, "'");
  t = t.replace(/(co2)[- ]?(?:eq|e)(?![\p{L}])/giu, (_, co2: string) => `${co2}e`);
  t = t.replace(PERCENT_WORD, '%').replace(PC, '%');
  t = t.replace(HUNDRED, '100%');
  t = t.replace(NUMBER_WORD_PERCENT, (_, tens: string, unit: string | undefined) => `${numberOf(tens, unit)}%`);
  t = t.replace(/(?<=cien\s*)por\s*cien(?:to)?/gi, '%');
  // Before a unit of emissions per product: "1 960 kg" and "1'960 kg" are 1960; "1,900 t CO2e/t" is 1.9 (no
  // product carries thousands of tonnes per tonne, so the comma is a decimal one).
  t = t.replace(/(?<![\d.,])(\d{1,3})[ '](\d{3})(?=\s?(?:kg|kilo))/giu, '$1$2');
  t = t.replace(/(?<![\d.,])(\d),(\d{3})(?=\s?(?:t|tonnes?)\s?(?:co2e|co2)?\s?(?:\/|per)\s?(?:t|tonnes?)(?![\p{L}]))/giu, '$1.$2');
  // 70,5 % is a decimal; 1,200 t a thousands separator.
  t = t.replace(/(\d),(\d{1,2})(?!\d)/g, '$1.$2').replace(/(\d),(\d{3})(?!\d)/g, '$1$2');
  return t.replace(/\s+/g, ' ').trim();
}

/** The claim as the reader matches it: normalised and in lower case. */
export function normaliseClaim(text: string): string {
  return normaliseKeepingCase(text).toLowerCase();
}

/** The sentences of a text. */
function sentencesOf(text: string): string[] {
  return text
    .split(/[.;!?\n]+(?=\s|$)/u)
    .map((c) => c.trim())
    .filter(Boolean);
}

const BUT = /\s+(?:but|while|whereas|however|aber|jedoch|sondern|mais|cependant|pero|sino|sin embargo)\s+/giu;
/** The part of a sentence that a "but" or "while" sets apart, around `at`: a target or a negation stays in its part. */
function clauseAround(sentence: string, at: number): { text: string; offset: number } {
  let from = 0;
  let to = sentence.length;
  for (const match of sentence.matchAll(BUT)) {
    if (match.index + match[0].length <= at) from = match.index + match[0].length;
    else if (match.index >= at) {
      to = match.index;
      break;
    }
  }
  return { text: sentence.slice(from, to), offset: from };
}

const words = (text: string) => text.split(/\s+/).filter(Boolean);
/** The text within `before` words before and `after` words after [start, end) of a clause. */
function around(clause: string, start: number, end: number, before: number, after: number): string {
  const head = words(clause.slice(0, start)).slice(-before).join(' ');
  const tail = words(clause.slice(end)).slice(0, after).join(' ');
  return `${head} ${clause.slice(start, end)} ${tail}`;
}
const has = (pattern: RegExp, text: string) => {
  pattern.lastIndex = 0;
  return pattern.test(text);
};

/** A year after the claim's period (or after any year, without one) named in the clause: a deadline ahead. */
function namesYearAhead(clause: string, periodEndYear: number | null): boolean {
  for (const match of clause.matchAll(YEAR)) if (periodEndYear === null || Number(match[1]) > periodEndYear) return true;
  return false;
}

/** The part of a clause between colons around `at`: a colon ends what a negation or a target before it covers. */
function colonPartAround(clause: string, at: number): string {
  const from = clause.lastIndexOf(':', at - 1) + 1;
  const to = clause.indexOf(':', at);
  return clause.slice(from, to < 0 ? clause.length : to);
}

/** Why a phrase at `start` of its clause is a mention rather than a claim, or null for a claim. */
function mentionReason(clause: string, start: number, periodEndYear: number | null): 'negated' | 'target' | null {
  // "not just low-carbon: carbon-neutral" intensifies; it negates nothing.
  const before = (clause.slice(0, start).split(':').at(-1) ?? '').replace(NOT_ONLY_PHRASE, ' ');
  const parts = before.split(',');
  // A negation within the few words before the phrase ("not CO2-free", "ne prétendons pas que cet acier est sans carbone"),
  if (has(NEGATION, words(parts.at(-1) ?? '').slice(-6).join(' '))) return 'negated';
  // one left hanging before an aside ("this is not, under any standard we apply, a zero-carbon product"),
  if (parts.slice(0, -1).some((part) => has(NEGATION, words(part).slice(-1).join(' ')))) return 'negated';
  // or a denial of all that follows ("no es cierto que este polietileno sea de cero emisiones").
  if (has(DENIAL, before)) return 'negated';
  if (has(TARGET, clause) || namesYearAhead(clause, periodEndYear)) {
    // "Camino al hormigón neto cero en 2050: hoy, un 30 % menor": the present, set apart by a colon, is no target.
    const part = colonPartAround(clause, start);
    const present = has(NOW, part) && !has(TARGET, part) && !namesYearAhead(part, periodEndYear);
    if (!present) return 'target';
  }
  return null;
}

/** The part of a clause between commas or colons around [start, end): a percentage and its words stay in it. */
function segmentAround(clause: string, start: number, end: number): { text: string; start: number; end: number } {
  const from = Math.max(clause.lastIndexOf(',', start - 1), clause.lastIndexOf(':', start - 1)) + 1;
  const comma = clause.indexOf(',', end);
  const colon = clause.indexOf(':', end);
  const to = Math.min(comma < 0 ? clause.length : comma, colon < 0 ? clause.length : colon);
  return { text: clause.slice(from, to), start: start - from, end: end - from };
}

/**
 * Whether the factor at [start, end) of a clause is a physical footprint: a physical word up to ten words before
 * it or two after, and no reference word from three words before the last physical word on ("the site average is
 * 1.96, against the blast furnace route's 2.1": 2.1 is the route's; "the industry average of 2.1" is no footprint).
 */
function isPhysical(clause: string, start: number, end: number): boolean {
  const before = words(clause.slice(0, start)).slice(-10);
  const after = words(clause.slice(end)).slice(0, 2).join(' ');
  const lastPhysical = before.findLastIndex((word) => has(PHYSICAL, word));
  if (lastPhysical < 0) return has(PHYSICAL, after) && !has(REFERENCE, after);
  return !has(REFERENCE, before.slice(Math.max(0, lastPhysical - 3)).join(' '));
}

/** "Physical footprint, as verified for the quarter at the works: 1.96 tCO2e/t": a figure right after a colon whose heading is physical. */
function isUnderPhysicalHeading(sentence: string, start: number): boolean {
  const colon = sentence.lastIndexOf(':', start);
  if (colon < 0 || words(sentence.slice(colon + 1, start)).length > 3) return false;
  const heading = sentence.slice(sentence.lastIndexOf(':', colon - 1) + 1, colon);
  return has(PHYSICAL, words(heading).slice(0, 3).join(' ')) && !has(REFERENCE, heading);
}

/** After a percentage: "of the CO2 savings", "der Einsparungen", "des réductions", "de los ahorros". */
const SHARE_OF_REDUCTION = /^\s*(?:of(?:\s+(?:the|our|its|these|this|all))?|der|des|du|de\s+la|de\s+los|de\s+las|del|de)\s+(?:\S+\s+)?(?:savings|reductions?|einsparungen?|minderungen?|réductions?|économies|ahorros?|reducciones?)(?![\p{L}])/iu;

/** The words after a reduction percentage name the physical average it is against, not the baseline or another reference. */
function isAgainstAverage(after: string): boolean {
  const next = words(after).slice(0, 6).join(' ');
  return has(PHYSICAL, next) && !has(REFERENCE, next);
}

interface Found {
  full: Array<{ source: Source; text: string }>;
  percentages: ClaimReading['percentages'];
  factors: ClaimReading['factors'];
  mentions: ClaimReading['mentions'];
  massBalance: boolean;
  credit: boolean;
  rollingAverage: boolean;
}

function readText(text: string, source: Source, found: Found, periodEndYear: number | null): void {
  const asWritten = normaliseKeepingCase(text);
  const normal = asWritten.toLowerCase();
  // Quotes come from the text as written, at the same offsets; a letter whose lower case is longer (İ) falls back to lower case.
  const quotable = asWritten.length === normal.length ? asWritten : normal;
  if (has(MASS_BALANCE, normal)) found.massBalance = true;
  if (has(CREDIT_METHOD, normal)) found.credit = true;
  if (has(ROLLING_AVERAGE, normal)) found.rollingAverage = true;
  const quotedSentences = sentencesOf(quotable);
  // "Klimaneutral? Noch nicht.": a phrase asked as a question and answered no.
  const deniedQuestions = new Set<string>();
  if (normal.includes('?')) for (const match of normal.matchAll(DENIED_QUESTION)) deniedQuestions.add(match[1]!);
  for (const [index, sentence] of sentencesOf(normal).entries()) {
    const quoted = quotedSentences[index] ?? sentence;
    const quote = (start: number, end: number) => quoted.slice(start, end);
    const quoteAround = (start: number, end: number, before: number, after: number) => around(quoted, start, end, before, after).trim();
    const reasonAt = (at: number) => {
      const clause = clauseAround(sentence, at);
      return mentionReason(clause.text, at - clause.offset, periodEndYear);
    };
    const fullAt: Array<{ start: number; end: number; claim: boolean }> = [];
    for (const match of sentence.matchAll(FULL)) {
      const start = match.index;
      const end = start + match[0].length;
      const at = { start, end, claim: false };
      fullAt.push(at);
      const asked = end === sentence.length && deniedQuestions.has(match[0]);
      const reason = asked ? 'negated' : reasonAt(start);
      const beforeWords = words(sentence.slice(0, start).replace(/-$/, ' '));
      // A dash standing alone, or a colon, separates: "not just low-carbon - carbon-neutral" qualifies nothing.
      const separator = beforeWords.findLastIndex((word) => word === '-' || word.endsWith(':'));
      const before = beforeWords.slice(separator + 1);
      if (reason) found.mentions.push({ source, text: quote(start, end), reason });
      // "near-zero", "nahezu klimaneutral": less than full.
      else if (has(QUALIFIER, before.slice(-2).join(' '))) found.mentions.push({ source, text: quoteAround(start, end, 2, 0), reason: 'qualified' });
      // "CO2-free hydrogen", "zero-carbon melting", "das Schmelzen erfolgt CO2-frei": an input or a step, not the product.
      else if (has(OTHER_SUBJECT, words(sentence.slice(end)).slice(0, 1).join(' ')) || has(OTHER_SUBJECT, before.slice(-3).join(' '))) {
        found.mentions.push({ source, text: quoteAround(start, end, 3, 1), reason: 'other subject' });
      } else {
        found.full.push({ source, text: quote(start, end) });
        at.claim = true;
      }
    }
    for (const match of sentence.matchAll(PERCENTAGE)) {
      const value = Number(match[1]);
      const start = match.index;
      const end = start + match[0].length;
      // The words that say what a percentage is may stand across a comma ("not reduced by 50%, as reported, but by 35%").
      const near = around(sentence, start, end, 8, 5);
      const reason = reasonAt(start);
      // "-70% CO2", "100 % klimaneutral": a minus sign, or a full-reduction phrase right after, makes it a reduction.
      const minus = /-\s*$/.test(sentence.slice(0, start));
      // ... unless that phrase is about something else ("100 % CO2-free electricity").
      const beforeFull = fullAt.some((f) => f.claim && f.start >= end && words(sentence.slice(end, f.start)).length <= 2);
      // "100% of the CO2 savings come from the DRI line": a share of the reduction, not the product's reduction.
      const shareOfReduction = SHARE_OF_REDUCTION.test(sentence.slice(end));
      // "not reduced by 50% as our brochure stated, but by 32%": the clause after a "but" answers the one before.
      const clause = clauseAround(sentence, start);
      const answersReduction = clause.offset > 0 && has(REDUCTION, sentence.slice(0, clause.offset));
      const reduction = minus || beforeFull || has(REDUCTION, near) || answersReduction;
      if (reason) {
        if (reduction) found.mentions.push({ source, text: quoteAround(start, end, 8, 5), reason });
        continue;
      }
      const segment = segmentAround(sentence, start, end);
      const tight = around(segment.text, segment.start, segment.end, 1, 2);
      // "das Unternehmen hat seine Scope-1-Emissionen um 12 % gesenkt": the company's cut, where no product is named.
      const organisation = has(ORGANISATION, segment.text) && !has(PRODUCT, segment.text);
      if (reduction && !shareOfReduction && (minus || beforeFull || (!has(OTHER_SUBJECT, tight) && !organisation))) {
        // "66% below the site's physical average": a reduction against the average, not the baseline.
        const against = isAgainstAverage(segment.text.slice(segment.end)) ? 'average' : 'baseline';
        found.percentages.push({ value, source, text: quoteAround(start, end, 8, 5), upTo: has(UP_TO, around(sentence, start, end, 3, 0)), against });
      } else if (shareOfReduction || organisation || has(OTHER_SUBJECT, near)) {
        found.mentions.push({ source, text: quoteAround(start, end, 8, 5), reason: 'other subject' });
      }
    }
    let previousFactor: { physical: boolean; end: number; clauseOffset: number } | null = null;
    for (const match of sentence.matchAll(FACTOR)) {
      const amount = Number(match[1]);
      const mass = match[2]!.toLowerCase();
      const per = match[3]!.toLowerCase();
      // In kilograms on both sides, then divided: 700 kg per tonne is 700 / 1000 = 0.7 (700 x 1e-3 is not).
      const emittedKg = mass === 'g' ? 0.001 : mass.startsWith('k') ? 1 : 1000;
      const productKg = per.startsWith('k') ? 1 : 1000;
      const value = (amount * emittedKg) / productKg;
      const start = match.index;
      const reason = reasonAt(start);
      if (reason === 'negated') continue;
      // "0 kg CO2e per tonne by 2040" is a target, not a product at zero.
      if (reason === 'target' && value === 0) {
        found.mentions.push({ source, text: quote(start, start + match[0].length), reason });
        continue;
      }
      // "the physical average of the site this quarter is 1.96 tCO2e/t": the words that make it physical stand
      // within the clause, up to ten words before, or just after ("1.96 tCO2e/t physically").
      const clause = clauseAround(sentence, start);
      const end = start + match[0].length;
      // "1.96 tCO2e/t in the first quarter and 2.03 tCO2e/t in the second": a figure listed after a physical one is one too.
      const listed: boolean = previousFactor !== null && previousFactor.physical && previousFactor.clauseOffset === clause.offset && !has(REFERENCE, sentence.slice(previousFactor.end, start)) && !has(ALLOCATED, sentence.slice(previousFactor.end, start));
      const physical: boolean = listed || isPhysical(clause.text, start - clause.offset, end - clause.offset) || isUnderPhysicalHeading(sentence, start);
      found.factors.push({ value, source, text: quote(start, end), physical });
      previousFactor = { physical, end, clauseOffset: clause.offset };
    }
  }
}

/** What the claim says: its kind, whether it presents the product as fully reduced, every figure it states. */
export function readClaim(claim: ClaimText | undefined, context: ReadingContext = {}): ClaimReading {
  const found: Found = { full: [], percentages: [], factors: [], mentions: [], massBalance: false, credit: false, rollingAverage: false };
  const periodEndYear = context.periodEnd ? Number(context.periodEnd.slice(0, 4)) : null;
  if (claim?.label) readText(claim.label, 'label', found, periodEndYear);
  if (claim?.wording) readText(claim.wording, 'wording', found, periodEndYear);
  const percentages = [...found.percentages];
  if (claim?.reductionPercent !== undefined) percentages.push({ value: claim.reductionPercent, source: 'reductionPercent', text: String(claim.reductionPercent), upTo: false, against: 'baseline' });
  const hundred = percentages.find((p) => p.value >= 100 - 1e-6);
  // "steel at 0 kg CO2e per tonne", "allocated factor 0.0 tCO2e/t": a product at zero is presented as fully reduced.
  const zero = found.factors.find((f) => !f.physical && f.value === 0);
  const fullReductionBy = found.full[0] ?? (hundred ? { source: hundred.source, text: hundred.text } : zero ? { source: zero.source, text: zero.text } : null);
  const statedPercent = percentages.length === 0 ? null : Math.max(...percentages.map((p) => p.value));
  const againstAverage = percentages.filter((p) => p.against === 'average').map((p) => p.value);
  const statedPercentVsAverage = againstAverage.length === 0 ? null : Math.max(...againstAverage);
  // One footprint per claim: where the claim states several (one per quarter), the highest is the one to hold up.
  const physicalStated = found.factors.filter((f) => f.physical).reduce<Found['factors'][number] | undefined>((high, f) => (high && high.value >= f.value ? high : f), undefined);
  const physicalFootprint =
    claim?.physicalFootprint !== undefined
      ? { value: claim.physicalFootprint, source: 'declared' as const, text: String(claim.physicalFootprint) }
      : physicalStated
        ? { value: physicalStated.value, source: physicalStated.source, text: physicalStated.text }
        : null;
  const stated = Boolean(claim?.label || claim?.wording || claim?.reductionPercent !== undefined);
  const kind: ClaimReading['kind'] = fullReductionBy
    ? 'full-reduction'
    : percentages.length > 0
      ? 'percentage'
      : found.factors.some((f) => !f.physical)
        ? 'factor'
        : stated
          ? 'label-only'
          : 'none';
  return {
    stated,
    kind,
    fullReduction: fullReductionBy !== null,
    fullReductionBy,
    percentages,
    statedPercent,
    statedPercentVsAverage,
    factors: found.factors,
    physicalFootprint,
    mentions: found.mentions,
    namesMassBalance: found.massBalance,
    namesMethod: found.credit && !found.rollingAverage ? 'credit' : found.rollingAverage && !found.credit ? 'rolling-average' : found.rollingAverage ? 'both' : null,
  };
}
