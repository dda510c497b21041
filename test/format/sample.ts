// Hand-built check results covering each shape a formatter has to render.
import type { CheckResult, Finding, RulesetSummary } from '../../src/result.js';

const tool = { name: 'mbcheck', version: '0.1.0' };

function finding(overrides: Partial<Finding> & Pick<Finding, 'ruleId' | 'outcome' | 'level' | 'message'>): Finding {
  return {
    ruleset: 'integrity',
    title: `Title of ${overrides.ruleId}`,
    decision: null,
    severity: overrides.level === 'shall' ? 'error' : overrides.level === 'should' ? 'warning' : 'info',
    citation: { document: 'ISO 22095:2020', clause: '5.3 Mass balance' },
    interpretation: false,
    remediation: `Remediation for ${overrides.ruleId}.`,
    evidence: {},
    ...overrides,
  };
}

function summary(overrides: Partial<RulesetSummary> & Pick<RulesetSummary, 'id' | 'verdict' | 'counts'>): RulesetSummary {
  return {
    version: '1.0.0',
    title: `Ruleset ${overrides.id}`,
    sha256: 'ab'.repeat(32),
    standard: { document: 'ISO 22095', edition: '2020' },
    inForce: { from: '2020-01-01' },
    ...overrides,
  };
}

export const passingResult: CheckResult = {
  schemaVersion: '1',
  tool,
  declaration: { id: 'steel-ok', source: 'decl/ok.yaml', sha256: 'cd'.repeat(32) },
  asOf: '2025-01-01',
  valid: true,
  validationErrors: [],
  rulesets: [
    summary({ id: 'integrity', verdict: 'pass', counts: { pass: 1, fail: 0, notApplicable: 1, cannotTell: 0 } }),
    summary({ id: 'eudr', verdict: 'not-applicable', counts: { pass: 0, fail: 0, notApplicable: 1, cannotTell: 0 } }),
  ],
  findings: [
    finding({ ruleId: 'INT-001', outcome: 'pass', level: 'shall', decision: 1, message: 'Every pool balances within its window.' }),
    finding({ ruleId: 'INT-002', outcome: 'not-applicable', level: 'should', message: 'The declaration has a single site.' }),
    finding({ ruleId: 'EUDR-001', ruleset: 'eudr', outcome: 'not-applicable', level: 'shall', message: 'No commodity in scope.' }),
  ],
  metrics: null,
  verdict: 'pass',
};

export const failingResult: CheckResult = {
  schemaVersion: '1',
  tool,
  declaration: { id: 'steel-bad', source: 'decl/bad.yaml', sha256: 'ef'.repeat(32) },
  asOf: '2025-01-01',
  valid: true,
  validationErrors: [],
  rulesets: [summary({ id: 'integrity', verdict: 'fail', counts: { pass: 1, fail: 2, notApplicable: 0, cannotTell: 1 } })],
  findings: [
    finding({ ruleId: 'INT-010', outcome: 'pass', level: 'shall', message: 'Mass balance holds in pool P1.' }),
    finding({
      ruleId: 'INT-020',
      outcome: 'fail',
      level: 'should',
      decision: 4,
      message: 'Output O7 is 2.5 tCO2e/t off the pool average.',
    }),
    finding({
      ruleId: 'INT-030',
      outcome: 'fail',
      level: 'shall',
      decision: 6,
      message: 'Pool P1 used 120 credits but had 100 available: overdraft 20. <script>alert(1)</script> | <img src=x>',
      citation: { document: 'ISO 22095:2020', clause: '5.3.2', url: 'https://www.iso.org/standard/72530.html' },
      interpretation: true,
      remediation: 'Reduce the credits attributed in P1 or carry in more.',
    }),
    finding({ ruleId: 'INT-040', outcome: 'cannot-tell', level: 'shall', message: 'No ledger: credit balance cannot be checked.' }),
  ],
  metrics: null,
  verdict: 'fail',
};

export const invalidResult: CheckResult = {
  schemaVersion: '1',
  tool,
  declaration: { id: null, source: 'decl/broken.yaml', sha256: '01'.repeat(32) },
  asOf: '2025-01-01',
  valid: false,
  validationErrors: [
    { pointer: '/ledger/inputs/0/mass', line: 12, column: 9, message: 'must be a number', code: 'type' },
    { pointer: '', line: 1, column: 1, message: "must have required property 'method'", code: 'required' },
  ],
  rulesets: [],
  findings: [],
  metrics: null,
  verdict: 'fail',
};

export const unreadableResult: CheckResult = {
  schemaVersion: '1',
  tool,
  declaration: { id: null, source: 'decl/missing.yaml', sha256: null },
  valid: false,
  validationErrors: [],
  metrics: null,
  verdict: 'fail',
  error: { code: 'not-found', message: 'no such file' },
};

export const allResults: CheckResult[] = [passingResult, failingResult, invalidResult, unreadableResult];
