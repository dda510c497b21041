// How deeply a ruleset may nest, checked on the parsed JSON before anything that recurses reads it: the schema
// validator, json-rules-engine and the explanations each overflow the stack on a condition or a value nested a
// few thousand levels deep, which then reads as a bug in mbcheck rather than a mistake in the ruleset.
// The bundled rulesets nest conditions 3 levels deep and values 3; 32 leaves room for any rule a person writes.
import type { RuleProblem, Segments } from './conditionTree.js';

/** Levels of all, any and not in one condition tree. */
export const MAX_CONDITION_DEPTH = 32;
/** Levels of arrays and objects in a value: a condition's value or params, or any other part of the ruleset. */
export const MAX_VALUE_DEPTH = 32;
/** The first problems show what to fix; a ruleset built to be deep everywhere need not be listed in full. */
const MAX_PROBLEMS = 10;

interface Frame {
  node: unknown;
  path: Segments;
  depth: number;
  condition: boolean;
}

const isConditionRoot = (path: Segments) => path.length === 3 && path[0] === 'rules' && (path[2] === 'conditions' || path[2] === 'appliesWhen');

/** Walked with a stack of its own, and never below the limits, so any depth is read in time linear in the size. */
export function nestingProblems(data: unknown): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const stack: Frame[] = [{ node: data, path: [], depth: 1, condition: false }];
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const { node, path, depth, condition } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (condition && !Array.isArray(node)) {
      if (depth > MAX_CONDITION_DEPTH) {
        problems.push({ path, code: 'too-deep', message: `conditions nest more than ${MAX_CONDITION_DEPTH} levels deep (all, any and not); at most ${MAX_CONDITION_DEPTH} are read: flatten the condition` });
        continue;
      }
      const entries = Object.entries(node);
      for (let k = entries.length - 1; k >= 0; k--) {
        const [key, child] = entries[k]!;
        if ((key === 'all' || key === 'any') && Array.isArray(child)) {
          for (let i = child.length - 1; i >= 0; i--) stack.push({ node: child[i], path: [...path, key, i], depth: depth + 1, condition: true });
        } else if (key === 'not') stack.push({ node: child, path: [...path, key], depth: depth + 1, condition: true });
        // A condition's value and params are values, counted from their own start.
        else stack.push({ node: child, path: [...path, key], depth: 1, condition: false });
      }
      continue;
    }
    if (depth > MAX_VALUE_DEPTH) {
      problems.push({ path, code: 'too-deep', message: `the value nests more than ${MAX_VALUE_DEPTH} levels of arrays and objects; at most ${MAX_VALUE_DEPTH} are read` });
      continue;
    }
    const entries = Object.entries(node);
    for (let k = entries.length - 1; k >= 0; k--) {
      const [key, child] = entries[k]!;
      const childPath = [...path, Array.isArray(node) ? Number(key) : key];
      stack.push(isConditionRoot(childPath) ? { node: child, path: childPath, depth: 1, condition: true } : { node: child, path: childPath, depth: depth + 1, condition: false });
    }
  }
  return problems;
}
