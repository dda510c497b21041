/* Generated from schemas/waivers.schema.json by scripts/generate-types.mjs. Do not edit: change the schema and run npm run gen:types. */

/**
 * A verifier's recorded judgements: each accepts the failure of one rule (for one value of the declaration, when a pointer is given) with a reason, an approver and an expiry. An applied waiver keeps the finding a fail, and no longer fails its ruleset.
 *
 * @maxItems 1000
 */
export type Waivers = Waiver[];

export interface Waiver {
  /**
   * the id of the rule whose failure is accepted, such as integrity/no-stacked-attribution
   */
  rule: string;
  /**
   * Why the failure is accepted: what the verifier saw.
   */
  reason: string;
  /**
   * Who accepted it.
   */
  approvedBy: string;
  /**
   * an ISO 8601 calendar date, YYYY-MM-DD: the last day the waiver applies
   */
  expires: string;
  /**
   * a JSON pointer into the declaration, such as /ledger/outputs/3: the waiver then covers only the failure about that value (or what lies under it)
   */
  pointer?: string;
}
