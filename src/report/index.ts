// The report pipeline: check -> view model -> HTML (templates) -> PDF (Chromium).
import { resolveRulesets, runCheck, type CheckOptions } from '../check.js';
import type { DeclarationSource } from '../declaration/source.js';
import type { CheckResult } from '../result.js';
import { renderNotJudgedHtml, renderReportHtml } from './html.js';
import { buildNotJudgedModel } from './notJudged.js';
import { buildReportModel } from './model.js';
import { renderPdf, type PageSize } from './pdf.js';
import { checkedVerifier, type ReportVerifier } from './verifier.js';
import type { KeyObject } from 'node:crypto';
import { attestationForReport } from '../attest/forReport.js';

export { closeSharedBrowser, findBrowser } from './browser.js';
export { renderPdf } from './pdf.js';

export interface ReportRequest extends CheckOptions {
  format?: 'pdf' | 'html';
  pageSize?: PageSize;
  onBlockedRequest?: (url: string) => void;
  /**
   * The verifier's block (readVerifier reads a file of schemas/verifier.schema.json, its logo inlined): printed in
   * the Verification chapter in place of the blank signature lines.
   */
  verifier?: ReportVerifier;
  /**
   * A signed attestation of this same check (mbcheck attest): its signer's key fingerprint and the digest of the
   * statement are printed on the verification page. With `key`, the signature is checked before printing. An
   * attestation of another declaration, date, rulesets or verdict is refused.
   */
  attestation?: { file: string; text: string; key?: KeyObject };
}

export interface ReportOutput {
  result: CheckResult;
  /** The document: PDF bytes or HTML text; for a declaration that could not be judged, the short report of why. */
  content: Buffer | string;
}

export async function reportSource(source: DeclarationSource, request: ReportRequest = {}, rulesets = resolveRulesets(request)): Promise<ReportOutput> {
  const verifier = request.verifier && checkedVerifier(request.verifier);
  const { result, declaration } = await runCheck(source, request, rulesets);
  // An invalid or unreadable declaration still gets a document: the short "not judged" report of its problems.
  const judged = declaration !== undefined && !result.error;
  const attestation = judged && request.attestation ? attestationForReport(request.attestation.file, request.attestation.text, result, request.attestation.key) : undefined;
  const html = !judged ? renderNotJudgedHtml(buildNotJudgedModel(result)) : renderReportHtml(buildReportModel(result, declaration, { ...(verifier ? { verifier } : {}), ...(attestation ? { attestation } : {}) }));
  if (request.format === 'html') return { result, content: html };
  return { result, content: await renderPdf(html, { ...(request.pageSize ? { pageSize: request.pageSize } : {}), ...(request.onBlockedRequest ? { onBlockedRequest: request.onBlockedRequest } : {}) }) };
}
