// The fact paths a condition may use: the plain form of engine/paths.ts, $ then .name and [index] steps, which
// every bundled rule uses. Any other path json-rules-engine would hand to jsonpath-plus, a language of its own
// (filters, recursive descent, script expressions) that throws on a malformed path in the middle of a check; and
// a step such as .constructor names no data, only JavaScript's machinery. Both are refused when the ruleset loads.
import { isPlainPath } from '../engine/paths.js';
import { ruleLeaves, type RuleProblem } from './conditionTree.js';

/** Properties every JavaScript object has and no declaration or metric: a path through them reaches code, not data. */
const OBJECT_MACHINERY = new Set(['__proto__', 'constructor', 'prototype']);

const FORM = 'paths are $ followed by .name and [index] steps, as in $.method.stacking.allowed or $.ledger.inputs[0].quantity';

function whatIsWrong(path: string): string {
  if (path.includes('..')) return 'recursive descent (..)';
  if (/[?@()=]/.test(path)) return 'a filter or script expression';
  if (path.includes('*')) return 'a wildcard';
  if (/\[\s*['"]/.test(path)) return 'a quoted name';
  return 'a step that is neither .name nor [index]';
}

/** Why a condition may not use the path, or undefined when it may. */
export function pathRefusal(path: unknown): string | undefined {
  if (path === undefined) return undefined;
  if (typeof path !== 'string') return `the path ${JSON.stringify(path)} is not a string; ${FORM}`;
  if (!isPlainPath(path)) return `the path ${JSON.stringify(path)} is not of the plain form mbcheck reads: it has ${whatIsWrong(path)}; ${FORM}`;
  const machinery = path.split(/[.[\]]/).find((step) => OBJECT_MACHINERY.has(step));
  if (machinery) return `the path ${JSON.stringify(path)} steps through "${machinery}", which every JavaScript object has and no declaration or metric does`;
  return undefined;
}

/** The paths of a rule's conditions, and of the fact references used as their values, that are refused. */
export function pathProblems(rule: unknown, index: number): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const { leaf, at } of ruleLeaves(rule, index)) {
    const own = pathRefusal(leaf['path']);
    if (own) problems.push({ path: [...at, 'path'], code: 'unsafe-path', message: own });
    const value = leaf['value'];
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, 'fact')) {
      const referenced = pathRefusal((value as Record<string, unknown>)['path']);
      if (referenced) problems.push({ path: [...at, 'value', 'path'], code: 'unsafe-path', message: referenced });
    }
  }
  return problems;
}
