// A synchronous evaluator of json-rules-engine conditions, for the forms the bundled rules use: all / any / not,
// facts with plain paths, literal values or fact references, and the engine's own operators. It gives the
// same outcome and the same result tree (factResult, valueResult, result) as Engine.run without its promises,
// events and per-run deep clones, which were most of the time of a typical check. Rules in any other form
// (condition references, priorities, params, other JSONPath) run on the engine itself.
import type { Engine } from 'json-rules-engine';
import { isPlainPath, resolvePlainPath } from './paths.js';

interface Operator {
  evaluate(factValue: unknown, jsonValue: unknown): boolean;
}

export type Facts = Record<string, unknown>;

/** What the engine records on each condition after a run (RuleResult.conditions), and leafFailures reads. */
export type ResultNode = Record<string, unknown> & { result: boolean };

type Condition = Record<string, unknown>;

/** The engine's operator map (built-ins, decorators and ours); undefined if this engine version hides it. */
export function operatorsOf(engine: Engine): ((name: string) => Operator | null) | undefined {
  const map = (engine as unknown as { operators?: { get?: (name: string) => Operator | null } }).operators;
  return typeof map?.get === 'function' ? (name) => map.get!(name) : undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object';

/** True when every node of the condition tree is of a form this evaluator reproduces exactly. */
export function supportsFastPath(condition: unknown, operator: (name: string) => Operator | null): boolean {
  if (!isObject(condition) || Array.isArray(condition)) return false;
  if ('condition' in condition || 'priority' in condition || 'params' in condition) return false;
  for (const key of ['all', 'any'] as const) {
    if (key in condition) return Array.isArray(condition[key]) && (condition[key] as unknown[]).every((child) => supportsFastPath(child, operator));
  }
  if ('not' in condition) return supportsFastPath(condition['not'], operator);
  if (typeof condition['fact'] !== 'string' || typeof condition['operator'] !== 'string' || !operator(condition['operator'])) return false;
  if (condition['path'] !== undefined && (typeof condition['path'] !== 'string' || !isPlainPath(condition['path']))) return false;
  const value = condition['value'];
  if (isObject(value) && Object.hasOwn(value, 'fact')) {
    if (typeof value['fact'] !== 'string' || 'params' in value) return false;
    if (value['path'] !== undefined && (typeof value['path'] !== 'string' || !isPlainPath(value['path']))) return false;
  }
  return true;
}

function factValue(facts: Facts, fact: string, path: unknown): unknown {
  // An undefined fact is undefined (the engine runs with allowUndefinedFacts); a path into a non-object gives the value itself.
  const value = Object.hasOwn(facts, fact) ? facts[fact] : undefined;
  return typeof path === 'string' && path !== '' && isObject(value) ? resolvePlainPath(value, path) : value;
}

/** Evaluates one condition tree; the returned node mirrors the engine's annotated condition. */
export function evaluateFast(condition: Condition, facts: Facts, operator: (name: string) => Operator | null): ResultNode {
  for (const key of ['all', 'any'] as const) {
    if (key in condition) {
      const children = (condition[key] as Condition[]).map((child) => evaluateFast(child, facts, operator));
      // As the engine: an empty list is true for both; one priority set, so every child is evaluated.
      const result = children.length === 0 ? true : key === 'all' ? children.every((c) => c.result) : children.some((c) => c.result);
      return { ...condition, [key]: children, result };
    }
  }
  if ('not' in condition) {
    const child = evaluateFast(condition['not'] as Condition, facts, operator);
    return { ...condition, not: child, result: !child.result };
  }
  const value = condition['value'];
  const valueResult = isObject(value) && Object.hasOwn(value, 'fact') ? factValue(facts, value['fact'] as string, value['path']) : value;
  const factResult = factValue(facts, condition['fact'] as string, condition['path']);
  const result = operator(condition['operator'] as string)!.evaluate(factResult, valueResult);
  return { ...condition, factResult, valueResult, result };
}

/** A condition tree compiled once: `test` answers pass/fail fast; `explain` builds the annotated tree for a failure. */
export interface CompiledCondition {
  test(facts: Facts): boolean;
  explain(facts: Facts): ResultNode;
}

type Test = (facts: Facts) => boolean;

function compileTest(condition: Condition, operator: (name: string) => Operator | null): Test {
  if ('all' in condition) {
    const children = (condition['all'] as Condition[]).map((child) => compileTest(child, operator));
    return (facts) => children.every((child) => child(facts));
  }
  if ('any' in condition) {
    const children = (condition['any'] as Condition[]).map((child) => compileTest(child, operator));
    return children.length === 0 ? () => true : (facts) => children.some((child) => child(facts));
  }
  if ('not' in condition) {
    const child = compileTest(condition['not'] as Condition, operator);
    return (facts) => !child(facts);
  }
  const op = operator(condition['operator'] as string)!;
  const fact = condition['fact'] as string;
  const path = condition['path'];
  const value = condition['value'];
  if (isObject(value) && Object.hasOwn(value, 'fact')) {
    const valueFact = value['fact'] as string;
    const valuePath = value['path'];
    return (facts) => op.evaluate(factValue(facts, fact, path), factValue(facts, valueFact, valuePath));
  }
  return (facts) => op.evaluate(factValue(facts, fact, path), value);
}

export function compileCondition(condition: Condition, operator: (name: string) => Operator | null): CompiledCondition {
  const test = compileTest(condition, operator);
  return { test, explain: (facts) => evaluateFast(condition, facts, operator) };
}
