// json-rules-engine's someValue and everyValue decorators call the value's array methods: a rule that gives them
// a single value crashed the check halfway through as an internal error. It is the author's mistake, said at load.
import { operatorParts, ruleLeaves, type RuleProblem } from './conditionTree.js';

const LIST_DECORATORS = ['someValue', 'everyValue'];

const isFactReference = (value: unknown) => value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, 'fact');

export function decoratorProblems(rule: unknown, index: number): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const { leaf, at } of ruleLeaves(rule, index)) {
    const operator = operatorParts(leaf['operator']);
    const decorator = operator?.decorators.find((d) => LIST_DECORATORS.includes(d));
    if (!decorator || Array.isArray(leaf['value']) || isFactReference(leaf['value'])) continue;
    problems.push({
      path: [...at, 'value'],
      code: 'not-a-list',
      message: `${String(leaf['operator'])} tries the operator on each item of a list, and the value is ${JSON.stringify(leaf['value'])?.slice(0, 80) ?? 'missing'}: write a list, or drop ${decorator}`,
    });
  }
  return problems;
}

const DECORATORS = new Set(['not', 'someFact', 'someValue', 'everyFact', 'everyValue', 'swap']);

/**
 * An operator json-rules-engine does not know stopped the check halfway with "Unknown operator", which mbcheck
 * then called its own bug: it is the author's mistake, said when the ruleset loads.
 */
export function operatorProblems(rule: unknown, index: number, operators: ReadonlySet<string>): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const { leaf, at } of ruleLeaves(rule, index)) {
    if (leaf['fact'] === undefined) continue;
    const operator = operatorParts(leaf['operator']);
    if (operator && operators.has(operator.base) && operator.decorators.every((d) => DECORATORS.has(d))) continue;
    problems.push({
      path: [...at, 'operator'],
      code: 'unknown-operator',
      message: `unknown operator ${JSON.stringify(leaf['operator'])?.slice(0, 80) ?? '(none)'}; known: ${[...operators].join(', ')} (decorators ${[...DECORATORS].join(', ')} may prefix one, as in not:equal)`,
    });
  }
  return problems;
}
