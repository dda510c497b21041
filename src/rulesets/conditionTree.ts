// The leaves of a rule's condition tree (fact, operator, value), each with its place in the ruleset, for the
// checks that run when a ruleset loads and again in lint. Read before the schema is trusted: lint walks a ruleset
// that may not be valid, so nothing here assumes a shape.
import { segmentsToPointer } from '../declaration/problems.js';

export type Segments = Array<string | number>;

/** A ruleset author's mistake: where it is (JSON pointer segments from the ruleset's root), what it is, and why. */
export interface RuleProblem {
  path: Segments;
  code: string;
  message: string;
}

export type Leaf = Record<string, unknown>;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Every condition that is not all, any or not, depth first; the tree is known to nest at most MAX_CONDITION_DEPTH levels. */
export function* conditionLeaves(condition: unknown, at: Segments): Generator<{ leaf: Leaf; at: Segments }> {
  if (!isObject(condition)) return;
  let branched = false;
  for (const key of ['all', 'any'] as const) {
    const children = condition[key];
    if (!Array.isArray(children)) continue;
    branched = true;
    for (let i = 0; i < children.length; i++) yield* conditionLeaves(children[i], [...at, key, i]);
  }
  if (condition['not'] !== undefined) {
    branched = true;
    yield* conditionLeaves(condition['not'], [...at, 'not']);
  }
  if (!branched) yield { leaf: condition, at };
}

/** The condition trees of a rule, with where each starts. */
export function ruleConditions(rule: unknown, index: number): Array<{ condition: unknown; at: Segments }> {
  if (!isObject(rule)) return [];
  return (['conditions', 'appliesWhen'] as const).filter((key) => rule[key] !== undefined).map((key) => ({ condition: rule[key], at: ['rules', index, key] }));
}

/** The leaves of every condition tree of a rule. */
export function ruleLeaves(rule: unknown, index: number): Array<{ leaf: Leaf; at: Segments }> {
  return ruleConditions(rule, index).flatMap(({ condition, at }) => [...conditionLeaves(condition, at)]);
}

/** The operator of a leaf split into its decorators and the operator itself: not:matches is [['not'], 'matches']. */
export function operatorParts(operator: unknown): { decorators: string[]; base: string } | undefined {
  if (typeof operator !== 'string') return undefined;
  const parts = operator.split(':');
  return { decorators: parts.slice(0, -1), base: parts.at(-1)! };
}

/** A problem as the loader states it: `rule own/x at /rules/0/conditions/all/0/path: the path ...`. */
export function problemText(data: unknown, problem: RuleProblem): string {
  const pointer = segmentsToPointer(problem.path);
  const [top, index] = problem.path;
  const rules = isObject(data) ? data['rules'] : undefined;
  if (top !== 'rules' || typeof index !== 'number' || !Array.isArray(rules)) return `at ${pointer}: ${problem.message}`;
  const id = isObject(rules[index]) ? rules[index]['id'] : undefined;
  return `rule ${typeof id === 'string' ? id : `number ${index + 1}`} at ${pointer}: ${problem.message}`;
}
