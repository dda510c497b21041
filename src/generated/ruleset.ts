/* Generated from schemas/ruleset.schema.json by scripts/generate-types.mjs. Do not edit: change the schema and run npm run gen:types. */

/**
 * This interface was referenced by `Ruleset`'s JSON-Schema
 * via the `definition` "date".
 */
export type Date = string;
/**
 * When false, the rule is not-applicable.
 */
export type TopLevelCondition = Condition;
/**
 * What must hold for the rule to pass.
 */
export type TopLevelCondition1 = Condition;
/**
 * A json-rules-engine condition whose root is all, any or not.
 *
 * This interface was referenced by `Ruleset`'s JSON-Schema
 * via the `definition` "topLevelCondition".
 */
export type TopLevelCondition2 = Condition;

/**
 * A versioned set of rules encoding one standard's requirements on mass-balance methods, evaluated by json-rules-engine on the facts `declaration` and `metrics`.
 */
export interface Ruleset {
  $schema?: string;
  schemaVersion: '1';
  id: string;
  /**
   * Semantic version of the ruleset (not of the standard).
   */
  version: string;
  title: string;
  description?: string;
  standard: StandardEdition;
  inForce: InForce;
  supersedes?: Supersedes;
  appliesTo: Applicability;
  /**
   * A base ruleset (id@version, or a path relative to this file) whose rules this one inherits; its own rules are added after them.
   */
  extends?: string;
  /**
   * Changes to inherited rules, by rule id: switch one off, or change its level.
   */
  overrides?: {
    [k: string]: RuleOverride;
  };
  /**
   * @minItems 0
   */
  rules: Rule[];
}
/**
 * The edition of the standard this ruleset encodes.
 */
export interface StandardEdition {
  document: string;
  edition: string;
  publisher?: string;
  url?: string;
  status?: 'published' | 'draft' | 'guidance' | 'safeguards';
}
/**
 * Dates this version is in force: from (inclusive) until (exclusive, absent while current).
 */
export interface InForce {
  from: Date;
  until?: Date;
}
/**
 * This version corrects an earlier version of the same edition: over the dates they share, this one is chosen; the earlier one stays loadable with --ruleset id@version and never changes.
 */
export interface Supersedes {
  version: string;
  reason: string;
}
/**
 * Which declarations the ruleset applies to; an absent list means every value.
 */
export interface Applicability {
  /**
   * @minItems 1
   */
  sectors?: [string, ...string[]];
  /**
   * @minItems 1
   */
  commodities?: [string, ...string[]];
}
export interface RuleOverride {
  off?: boolean;
  level?: 'shall' | 'should' | 'may';
}
/**
 * This interface was referenced by `Ruleset`'s JSON-Schema
 * via the `definition` "rule".
 */
export interface Rule {
  /**
   * <ruleset>/<kebab-name>, stable across versions.
   */
  id: string;
  title: string;
  /**
   * The requirement in our own words.
   */
  description?: string;
  /**
   * The decision (1-7) the rule constrains, or null.
   */
  decision: number | null;
  level: 'shall' | 'should' | 'may';
  /**
   * true when the rule is our reading rather than the text's plain requirement.
   */
  interpretation: boolean;
  citation: Citation;
  /**
   * Inputs the rule needs; without them the outcome is cannot-tell: the ledger, or the end of the declaration's period by the as-of date (evidence of a period still running cannot exist yet).
   */
  requires?: ('ledger' | 'period-ended')[];
  appliesWhen?: TopLevelCondition;
  conditions: TopLevelCondition1;
  message: RuleMessage;
  /**
   * Named figures attached to the finding: dotted paths into declaration or metrics.
   */
  evidence?: {
    [k: string]: string;
  };
  remediation: string;
  deprecated?: Deprecation;
}
/**
 * This interface was referenced by `Ruleset`'s JSON-Schema
 * via the `definition` "citation".
 */
export interface Citation {
  document: string;
  /**
   * Clause, section or topic, as precisely as public sources allow.
   */
  clause: string;
  url?: string;
  note?: string;
}
/**
 * This interface was referenced by `Ruleset`'s JSON-Schema
 * via the `definition` "condition".
 */
export interface Condition {
  /**
   * @minItems 1
   */
  all?: [Condition, ...Condition[]];
  /**
   * @minItems 1
   */
  any?: [Condition, ...Condition[]];
  not?: Condition;
  name?: string;
  fact?: 'declaration' | 'metrics';
  path?: string;
  operator?: string;
  value?: unknown;
  params?: {};
}
export interface RuleMessage {
  /**
   * Handlebars template over {declaration, metrics}; states the actual figures.
   */
  fail: string;
  pass?: string;
}
export interface Deprecation {
  since: string;
  replacedBy?: string;
}
