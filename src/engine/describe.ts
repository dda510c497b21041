// Describes json-rules-engine conditions in words, for messages and for people comparing rules.
import type { Condition } from '../generated/ruleset.js';

const operatorWords: Record<string, string> = {
  equal: 'is',
  notEqual: 'is not',
  lessThan: 'is less than',
  lessThanInclusive: 'is at most',
  greaterThan: 'is greater than',
  greaterThanInclusive: 'is at least',
  in: 'is one of',
  notIn: 'is none of',
  contains: 'contains',
  doesNotContain: 'does not contain',
  approxEqual: 'is (within tolerance)',
  matches: 'matches the pattern',
  containsAll: 'contains all of',
  isSet: 'is set',
};

function subject(condition: Condition): string {
  const path = (condition.path ?? '$').replace(/^\$\.?/, '');
  return `${condition.fact ?? '?'}${path ? `.${path}` : ''}`;
}

function value(v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => JSON.stringify(x)).join(', ');
  if (v !== null && typeof v === 'object' && 'fact' in v) return `the value of ${subject(v as Condition)}`;
  return JSON.stringify(v);
}

export function describeCondition(condition: Condition): string {
  if (condition.all) return condition.all.map(describeCondition).map(wrap).join(' and ');
  if (condition.any) return condition.any.map(describeCondition).map(wrap).join(' or ');
  if (condition.not) return `not (${describeCondition(condition.not)})`;
  const op = condition.operator ?? '?';
  if (op === 'isSet') return `${subject(condition)} ${condition.value === false ? 'is not set' : 'is set'}`;
  const [decorator, base] = op.includes(':') ? (op.split(':', 2) as [string, string]) : ['', op];
  const words = operatorWords[base] ?? base;
  const negation = decorator === 'not' ? 'not: ' : decorator ? `${decorator}: ` : '';
  return `${negation}${subject(condition)} ${words} ${value(condition.value)}`;
}

function wrap(text: string): string {
  return / and | or /.test(text) ? `(${text})` : text;
}

// What a rule applies to, in a reader's words: the not-applicable finding of a report or a check says it so. The
// conditions themselves stay as the ruleset wrote them (a released ruleset never changes meaning); only their
// wording is here. A field or pattern this table does not know is named by its path and written once, plainly.

interface FieldWords {
  /** The field as a noun phrase: "the transfer boundary (decision 3)". */
  noun: string;
  /** A whole phrase for a value (`true`, `false`, or a string; `not true` for notEqual true), when "<noun> is <value>" reads badly. */
  is?: Record<string, string>;
  /** The phrase for "greater than 0". */
  positive?: string;
  /** The phrase for isSet true / false. */
  set?: string;
  unset?: string;
  /** The unit a number is compared in ("%"). */
  unit?: string;
}

const FIELDS: Record<string, FieldWords> = {
  'declaration.sector': { noun: 'the sector' },
  'declaration.method.inputBoundary.control': { noun: 'the input boundary (decision 1)', is: { benchmark: 'the input boundary (decision 1) is a benchmark on emission factors', certification: 'the input boundary (decision 1) is a certification scheme', none: 'the input boundary (decision 1) sets no criteria' } },
  'declaration.method.temporalBoundary.negativeBalanceAllowed': { noun: 'a negative balance within a balancing period (decision 2)', is: { true: 'a negative balance is allowed within a balancing period (decision 2)', false: 'a negative balance is not allowed within a balancing period (decision 2)', 'not true': 'a negative balance is not allowed within a balancing period, or this is not declared (decision 2)' } },
  'declaration.method.transferBoundary.level': { noun: 'the transfer boundary (decision 3)', is: { 'multi-site': 'the transfer boundary (decision 3) pools several sites (multi-site)' } },
  'declaration.method.allocation.basis': { noun: 'the allocation basis (decision 4)', is: { physical: 'emissions are allocated between product groups on a physical basis (decision 4)', economic: 'emissions are allocated between product groups on an economic basis (decision 4)' } },
  'declaration.method.allocation.productGroups[0].id': { noun: 'the product groups (decision 4)', set: 'the declaration names product groups (decision 4)', unset: 'the declaration names no product group (decision 4)' },
  'declaration.method.attribution.model': { noun: 'the attribution model (decision 5)', is: { 'rolling-average-percentage': 'the method is the rolling average percentage method (decision 5)', credit: 'the method is the credit method (decision 5)' } },
  'declaration.method.attribution.proportional': { noun: 'proportional attribution (decision 5)', is: { true: 'attribution is proportional: every output of a group carries the pool average (decision 5)', false: 'attribution is free (non-proportional): chosen outputs carry the reductions (decision 5)' } },
  'declaration.method.reporting.instrument': { noun: 'what the buyer receives (decision 7)', is: { certificate: 'the buyer receives a certificate (decision 7)', 'emission-factor': 'the buyer receives an updated emission factor (decision 7)' } },
  'declaration.method.reporting.certificate.bundled': { noun: 'whether certificates travel with the product', is: { true: 'certificates are bundled: they travel with the product', false: 'certificates are unbundled: they are traded apart from the product' } },
  'declaration.method.reporting.claim': { noun: 'the claim', set: 'the declaration makes a claim', unset: 'the declaration makes no claim' },
  'declaration.method.reporting.claim.label': { noun: "the claim's label" },
  'declaration.method.reporting.claim.wording': { noun: "the claim's wording" },
  'declaration.method.reporting.claim.reductionPercent': { noun: "the claim's stated reduction", unit: '%', set: 'the claim states a reduction percentage', unset: 'the claim states no reduction percentage' },
  'metrics.claimReading.fullReduction': { noun: 'a claim of full reduction', is: { true: 'the claim presents the product as fully reduced (100%, zero, neutral or free)', false: 'the claim does not present the product as fully reduced' } },
  'metrics.claimReading.statedPercent': { noun: 'the reduction the claim states', set: 'the claim states a reduction percentage, in its label, wording or reductionPercent', unset: 'the claim states no reduction percentage' },
  'metrics.eudrCommodity.commodity': { noun: 'the EUDR commodity' },
  'metrics.ledger.certificates.count': { noun: 'the number of certificates in the ledger', positive: "the ledger's outputs carry certificates" },
};

/** The patterns of the bundled rulesets, in words: what a reader needs to know of them is what they look for. */
const PATTERNS: Record<string, string> = {
  '100\\s*%|zero[- ]?(carbon|co2|emissions?|ghg)|(carbon|climate|co2|ghg)[- ]neutral|(carbon|co2|ghg|emissions?)[- ]free|net[- ]zero':
    'claims a full reduction (such as “100%”, “zero carbon”, “carbon neutral”, “CO2-free” or “net zero”, in any case)',
  'mass[- ]?balance': 'mentions mass balance (“mass balance”, “mass-balance”)',
  '\\bcredit\\b': 'mentions a credit (the word “credit”)',
  'rolling[- ]average|average percentage': 'mentions a rolling average or an average percentage',
};

const plain = (v: unknown): string => (typeof v === 'string' ? `“${v}”` : Array.isArray(v) ? v.map(plain).join(', ') : v !== null && typeof v === 'object' && 'fact' in v ? `the value of ${subject(v as Condition)}` : JSON.stringify(v));

function leafInWords(condition: Condition): string {
  const path = subject(condition);
  const field = FIELDS[path];
  const noun = field?.noun ?? path;
  const op = condition.operator ?? '?';
  const v = condition.value;
  const unit = field?.unit ?? '';
  if (op === 'isSet') return v === false ? (field?.unset ?? `${noun} is not set`) : (field?.set ?? `${noun} is set`);
  if (op === 'equal' && field?.is && (typeof v === 'string' || typeof v === 'boolean') && field.is[String(v)]) return field.is[String(v)]!;
  if (op === 'notEqual' && field?.is?.[`not ${String(v)}`]) return field.is[`not ${String(v)}`]!;
  if (op === 'greaterThan' && v === 0 && field?.positive) return field.positive;
  if (op === 'equal') return `${noun} is ${typeof v === 'string' ? v : plain(v)}`;
  if (op === 'notEqual') return `${noun} is not ${typeof v === 'string' ? v : plain(v)}`;
  if (op === 'in' && Array.isArray(v)) return `${noun} is ${v.length > 1 ? `${v.slice(0, -1).join(', ')} or ${v[v.length - 1]}` : String(v[0])}`;
  if (op === 'notIn' && Array.isArray(v)) return `${noun} is none of ${v.join(', ')}`;
  if (op === 'matches' && typeof v === 'string') return `${noun} ${PATTERNS[v] ?? `matches the regular expression ${v} (in any case)`}`;
  if (typeof v === 'number' && op in operatorWords) return `${noun} ${operatorWords[op]} ${v}${unit}`;
  return describeCondition(condition);
}

/** When a rule applies, in words: "the buyer receives a certificate (decision 7) or ...". */
export function describeApplicability(condition: Condition): string {
  // Brackets by structure, not by the words: a phrase may say "or" of its own.
  const part = (c: Condition) => (c.all || c.any ? `(${describeApplicability(c)})` : describeApplicability(c));
  if (condition.all) return condition.all.map(part).join(' and ');
  if (condition.any) return condition.any.map(part).join(' or ');
  if (condition.not) return `not (${describeApplicability(condition.not)})`;
  return leafInWords(condition);
}
