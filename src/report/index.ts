// The report pipeline: check -> view model -> HTML (templates) -> PDF (Chromium).
import { runCheck, type CheckOptions } from '../check.js';
import type { DeclarationSource } from '../declaration/source.js';
import { MbcheckError } from '../errors.js';
import type { CheckResult } from '../result.js';
import { renderReportHtml } from './html.js';
import { buildReportModel } from './model.js';
import { renderPdf, type PageSize } from './pdf.js';

export { closeSharedBrowser, findBrowser } from './browser.js';

export interface ReportRequest extends CheckOptions {
  format?: 'pdf' | 'html';
  pageSize?: PageSize;
  onBlockedRequest?: (url: string) => void;
}

export interface ReportOutput {
  result: CheckResult;
  /** The document: PDF bytes or HTML text. */
  content: Buffer | string;
}

export async function reportSource(source: DeclarationSource, request: ReportRequest = {}): Promise<ReportOutput> {
  const { result, declaration } = await runCheck(source, request);
  if (!declaration) {
    const first = result.validationErrors[0];
    throw new MbcheckError(
      'invalid-declaration',
      `${source.name}: cannot report on an invalid declaration (${result.validationErrors.length} error(s); first: ${first ? `line ${first.line}, ${first.pointer || '/'}: ${first.message}` : 'unknown'}); run mbcheck validate for all of them`,
    );
  }
  const html = renderReportHtml(buildReportModel(result, declaration));
  if (request.format === 'html') return { result, content: html };
  return { result, content: await renderPdf(html, { ...(request.pageSize ? { pageSize: request.pageSize } : {}), ...(request.onBlockedRequest ? { onBlockedRequest: request.onBlockedRequest } : {}) }) };
}
