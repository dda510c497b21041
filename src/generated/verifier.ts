/* Generated from schemas/verifier.schema.json by scripts/generate-types.mjs. Do not edit: change the schema and run npm run gen:types. */

/**
 * The verifier's block of a report (mbcheck report --verifier FILE): who verified the declaration, with what accreditation and assurance, and their opinion. It replaces the report's blank signature lines.
 */
export interface Verifier {
  /**
   * The verifier: the person who signs, or the verification body.
   */
  name: string;
  /**
   * The verification body the verifier signs for, when name is a person.
   */
  body?: string;
  /**
   * The accreditation, such as the accreditation body and the number.
   */
  accreditation?: string;
  /**
   * The assurance standard the engagement followed, such as ISO 14064-3 or ISAE 3000.
   */
  standard?: string;
  /**
   * The level of assurance: limited or reasonable.
   */
  assurance: 'limited' | 'reasonable';
  /**
   * The verifier's opinion, in their words; blank lines separate paragraphs.
   */
  opinion: string;
  /**
   * an ISO 8601 calendar date, YYYY-MM-DD: the date of the opinion
   */
  date: string;
  /**
   * A PNG, JPEG or SVG image file (at most 512 KiB), by its path relative to this file; it is inlined in the report.
   */
  logo?: string;
}
