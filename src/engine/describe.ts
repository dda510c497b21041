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
