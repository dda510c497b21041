// Which of the seven decisions a ruleset constrains, and with how many rules of each level.
import type { Ruleset } from '../generated/ruleset.js';

const decisions = [1, 2, 3, 4, 5, 6, 7] as const;
const decisionNames: Record<number, string> = {
  1: 'Input boundary', 2: 'Temporal boundary', 3: 'Transfer boundary', 4: 'Allocation', 5: 'Attribution', 6: 'Stacking', 7: 'Reporting',
};

export function coverageMatrix(rulesets: Ruleset[]) {
  return decisions.map((decision) => ({
    decision,
    name: decisionNames[decision]!,
    cells: rulesets.map((r) => {
      const rules = r.rules.filter((rule) => rule.decision === decision);
      return { ruleset: r.id, shall: rules.filter((x) => x.level === 'shall').length, should: rules.filter((x) => x.level === 'should').length, may: rules.filter((x) => x.level === 'may').length };
    }),
  }));
}

