// Patterns of the `matches` operator are checked before a ruleset is used: a pattern with nested repetition,
// such as (a+)+$, can take exponential time on a crafted string and would stall a check or the service.
import type { Rule } from '../generated/ruleset.js';

/**
 * True when a group that repeats without bound (+, *, {n,}) holds a part that also repeats without bound: the
 * shape of every exponential-backtracking pattern ((a+)+, (a|a*)*, (\w+\s?)+). A bounded `?` or `{m,n}` is
 * not repetition here, so ordinary patterns such as (physical[- ]+)? pass.
 */
export function nestsUnboundedRepetition(pattern: string): boolean {
  const stack: boolean[] = [false];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') stack.push(false);
    else if (c === ')') {
      const innerRepeats = stack.length > 1 ? stack.pop()! : false;
      const after = pattern.slice(i + 1);
      const groupRepeats = /^(?:[+*]|\{\d+,\})/.test(after);
      if (groupRepeats && innerRepeats) return true;
      // The group as a whole repeats (or holds repetition) inside its parent.
      if (groupRepeats || innerRepeats) stack[stack.length - 1] = true;
    } else if (c === '+' || c === '*' || (c === '{' && /^\{\d+,\}/.test(pattern.slice(i)))) stack[stack.length - 1] = true;
  }
  return false;
}

export interface UnsafePattern {
  ruleId: string;
  pattern: string;
  why: string;
}

function patternsIn(condition: unknown, out: string[]): string[] {
  if (condition === null || typeof condition !== 'object') return out;
  if (Array.isArray(condition)) {
    for (const child of condition) patternsIn(child, out);
    return out;
  }
  const c = condition as Record<string, unknown>;
  if (typeof c['operator'] === 'string' && /(^|:)matches$/.test(c['operator']) && typeof c['value'] === 'string') out.push(c['value']);
  for (const key of ['all', 'any', 'not']) patternsIn(c[key], out);
  return out;
}

export function unsafePatterns(rules: readonly Rule[]): UnsafePattern[] {
  const found: UnsafePattern[] = [];
  for (const rule of rules) {
    for (const pattern of [...patternsIn(rule.conditions, []), ...patternsIn(rule.appliesWhen, [])]) {
      let why: string | undefined;
      try {
        new RegExp(pattern, 'iu');
        if (nestsUnboundedRepetition(pattern)) why = 'it nests repetition (like (a+)+), which can take exponential time on some texts; rewrite it without a quantifier inside a repeated group';
      } catch (error) {
        why = `it is not a valid regular expression (${(error as Error).message})`;
      }
      if (why) found.push({ ruleId: rule.id, pattern, why });
    }
  }
  return found;
}
