// The result of validating or checking one declaration (CONTRACT.md section 2).
import type { Waiver } from './generated/waivers.js';
import type { Citation } from './generated/ruleset.js';
import type { ValidationError } from './declaration/problems.js';
import type { Metrics } from './metrics/types.js';

export type Outcome = 'pass' | 'fail' | 'not-applicable' | 'cannot-tell';
export type Level = 'shall' | 'should' | 'may';
export type Severity = 'error' | 'warning' | 'info';

export const severityOf: Record<Level, Severity> = { shall: 'error', should: 'warning', may: 'info' };

/** The levels from the strongest down: `--fail-on should` fails on shall and should findings. */
export const FAIL_ON_LEVELS: readonly Level[] = ['shall', 'should', 'may'];

/**
 * The failures that fail a run held to `failOn` (shall by default): only a `fail` counts (`cannot-tell` is a
 * question the declaration leaves open), and never a waived one.
 */
export function failuresAt(result: CheckResult, failOn: Level = 'shall'): Finding[] {
  const lowest = FAIL_ON_LEVELS.indexOf(failOn);
  return (result.findings ?? []).filter((f) => f.outcome === 'fail' && !f.waiver && FAIL_ON_LEVELS.indexOf(f.level) <= lowest);
}

export interface FailedCondition {
  fact: string;
  path?: string;
  operator: string;
  expected: unknown;
  actual: unknown;
}

export interface Finding {
  ruleId: string;
  ruleset: string;
  title: string;
  decision: number | null;
  level: Level;
  severity: Severity;
  outcome: Outcome;
  message: string;
  citation: Citation;
  interpretation: boolean;
  remediation: string;
  evidence: Record<string, unknown>;
  /** For a fail: the leaf conditions that did not hold, from the engine's result tree. */
  failedConditions?: FailedCondition[];
  /** The waiver that accepts this failure: the finding stays a fail, and no longer fails its ruleset. */
  waiver?: Waiver;
}

/** A waiver given to the run, and what became of it. */
export type WaiverOutcome = Waiver & {
  /** applied to a failing finding; expired (never applies); unused (its rule passed or did not apply there). */
  status: 'applied' | 'expired' | 'unused';
  /** The pointers of the findings it was applied to ('' for a finding with no place). */
  covers: string[];
};

export interface RulesetSummary {
  id: string;
  version: string;
  title: string;
  sha256: string;
  /** For a ruleset of one's own built on another: the base's id, version and hash. */
  extends?: { id: string; version: string; sha256: string };
  standard: { document: string; edition: string; status?: string };
  inForce: { from: string; until?: string };
  verdict: 'pass' | 'fail' | 'not-applicable';
  counts: { pass: number; fail: number; notApplicable: number; cannotTell: number; waived?: number };
}

export interface DeclarationRef {
  id: string | null;
  source: string;
  /** Of the declaration's bytes; with ledger files, of the declaration and every file together (see files). */
  sha256: string | null;
  /** With ledger files: the declaration, then each file as it names it, each with the sha256 of its bytes. */
  files?: Array<{ name: string; sha256: string }>;
}

export interface CheckResult {
  schemaVersion: '1';
  tool: { name: string; version: string };
  declaration: DeclarationRef;
  /** The date rulesets were selected for (--as-of). */
  asOf?: string;
  valid: boolean;
  validationErrors: ValidationError[];
  rulesets?: RulesetSummary[];
  findings?: Finding[];
  metrics: Metrics | null;
  verdict: 'pass' | 'fail';
  /** With --waivers: every waiver given, with its status. */
  waivers?: WaiverOutcome[];
  /** Set when the input could not be read at all (batch runs keep going and report it here). */
  error?: { code: string; message: string };
}
