// Operators json-rules-engine lacks: tolerant numeric equality, patterns, set membership, presence.
import type { Engine } from 'json-rules-engine';
import { approxEqualOperator } from '../metrics/tolerance.js';
import { matchesPattern } from './linearPattern.js';

export const customOperators: Record<string, (factValue: unknown, jsonValue: unknown) => boolean> = {
  /** Numbers equal within the tolerance of metrics/tolerance.ts. */
  approxEqual: (a, b) => typeof a === 'number' && typeof b === 'number' && approxEqualOperator(a, b),
  /** A string matching a regular expression (case-insensitive, Unicode), run in linear time. */
  matches: (a, b) => typeof a === 'string' && typeof b === 'string' && matchesPattern(a, b),
  /** An array holding every item of the value array. */
  containsAll: (a, b) => Array.isArray(a) && Array.isArray(b) && b.every((item) => a.includes(item)),
  /** Presence: `true` when the value must be set (not null or missing), `false` when it must be absent. */
  isSet: (a, b) => (a !== undefined && a !== null) === b,
};

export const operatorNames = (): string[] => [
  'equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'in', 'notIn', 'contains', 'doesNotContain',
  ...Object.keys(customOperators),
];

export function addCustomOperators(engine: Engine): void {
  for (const [name, evaluate] of Object.entries(customOperators)) engine.addOperator(name, evaluate);
}
