/* Generated from schemas/attestation.schema.json by scripts/generate-types.mjs. Do not edit: change the schema and run npm run gen:types. */

/**
 * This interface was referenced by `CheckAttestation`'s JSON-Schema
 * via the `definition` "sha256".
 */
export type Sha256 = string;

/**
 * The predicate of an in-toto Statement (predicateType https://mbcheck.dev/attestation/check/v1) that mbcheck attest signs: what was checked, against which rulesets in force on which date, with what verdicts and which waivers. The Statement's subjects are the declaration and ledger files (and reports) by the sha256 of their bytes.
 */
export interface CheckAttestation {
  tool: {
    name: string;
    version: string;
  };
  /**
   * the date the rulesets were selected for (--as-of)
   */
  asOf: string;
  /**
   * when the statement was signed, in UTC
   */
  issuedAt: string;
  /**
   * @minItems 1
   * @maxItems 10000
   */
  results: [AttestedResult, ...AttestedResult[]];
  /**
   * Reports signed with the results (attest --report): each by its file name and the sha256 of its bytes.
   *
   * @maxItems 10000
   */
  reports?: AttestedFile[];
}
/**
 * This interface was referenced by `CheckAttestation`'s JSON-Schema
 * via the `definition` "attestedResult".
 */
export interface AttestedResult {
  declaration: {
    id: string | null;
    /**
     * the declaration's file name (never a local path)
     */
    name: string;
    /**
     * as in the check result: of the declaration's bytes, or with ledger files, of the sha256sum lines of all of them
     */
    sha256: string;
    /**
     * with ledger files: the declaration, then each file, each with the sha256 of its bytes
     */
    files?: AttestedFile[];
  };
  valid: boolean;
  verdict: 'pass' | 'fail';
  rulesets: AttestedRuleset[];
  /**
   * Every rule's outcome, in the order of the check result.
   */
  findings: AttestedFinding[];
  /**
   * Every waiver given to the check, with its status (applied, expired, unused).
   */
  waivers: AttestedWaiver[];
  error?: {
    code: string;
    message: string;
  };
}
/**
 * This interface was referenced by `CheckAttestation`'s JSON-Schema
 * via the `definition` "attestedFile".
 */
export interface AttestedFile {
  name: string;
  sha256: Sha256;
}
export interface AttestedRuleset {
  id: string;
  version: string;
  title: string;
  sha256: Sha256;
  extends?: {
    id: string;
    version: string;
    sha256: Sha256;
  };
  standard?: {
    document: string;
    edition: string;
    status?: string;
  };
  verdict: 'pass' | 'fail' | 'not-applicable';
  counts: {
    pass: number;
    fail: number;
    notApplicable: number;
    cannotTell: number;
    waived?: number;
  };
}
export interface AttestedFinding {
  ruleId: string;
  /**
   * the id of the ruleset the rule belongs to (its version is in rulesets)
   */
  ruleset: string;
  title: string;
  level: 'shall' | 'should' | 'may';
  outcome: 'pass' | 'fail' | 'not-applicable' | 'cannot-tell';
  /**
   * true when an applied waiver accepts this failure
   */
  waived?: boolean;
}
export interface AttestedWaiver {
  rule: string;
  pointer?: string;
  reason: string;
  approvedBy: string;
  expires: string;
  status: 'applied' | 'expired' | 'unused';
}
