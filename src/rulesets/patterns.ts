// Patterns of the `matches` operator are read when their ruleset loads: each must be one RE2 can run (see
// engine/linearPattern.ts), so that a rule cannot stall a check, and written in the rule itself, so that it is
// read before any declaration is: a pattern taken from the declaration would be the declarant's to choose.
import { readPattern } from '../engine/linearPattern.js';
import { operatorParts, ruleLeaves, type RuleProblem } from './conditionTree.js';

/** Why the pattern cannot run, or undefined when it can (compiling it for the checks to come). */
export function patternRefusal(pattern: string): string | undefined {
  const reading = readPattern(pattern);
  return 'why' in reading ? `the pattern ${JSON.stringify(pattern)} is refused: ${reading.why}` : undefined;
}

const isFactReference = (value: unknown) => value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, 'fact');

export function patternProblems(rule: unknown, index: number): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const refuse = (path: RuleProblem['path'], message: string) => problems.push({ path, code: 'unsafe-pattern', message });
  for (const { leaf, at } of ruleLeaves(rule, index)) {
    const operator = operatorParts(leaf['operator']);
    if (operator?.base !== 'matches') continue;
    const fact = typeof leaf['fact'] === 'string' ? leaf['fact'] : 'the facts';
    if (operator.decorators.includes('swap')) {
      refuse([...at, 'operator'], `${leaf['operator'] as string} would read the pattern from the ${fact}, at check time; write the pattern as the value and drop swap`);
      continue;
    }
    const value = leaf['value'];
    // someValue and everyValue take a list of patterns, each tried in turn.
    const listed = operator.decorators.some((d) => d === 'someValue' || d === 'everyValue') && Array.isArray(value);
    const patterns: Array<[unknown, RuleProblem['path']]> = listed ? value.map((p, i) => [p, [...at, 'value', i]]) : [[value, [...at, 'value']]];
    for (const [pattern, path] of patterns) {
      if (isFactReference(pattern)) {
        refuse(path, `the pattern of matches comes from the ${String((pattern as Record<string, unknown>)['fact'])}, at check time; write the pattern in the rule`);
      } else if (typeof pattern !== 'string') {
        refuse(path, `the pattern of matches is ${JSON.stringify(pattern)}, not a string`);
      } else {
        const why = patternRefusal(pattern);
        if (why) refuse(path, why);
      }
    }
  }
  return problems;
}
