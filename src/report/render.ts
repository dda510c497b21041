// The report as a library call: the compliance and disclosure report of a declaration, as PDF bytes or HTML
// text. Its templates, Handlebars and the browser are loaded on the first call, not when the library is imported.
import type { DeclarationSource } from '../declaration/source.js';
import type { LoadedRuleset } from '../rulesets/load.js';
import type { ReportOutput, ReportRequest } from './index.js';

export type { ReportOutput, ReportRequest } from './index.js';

/**
 * The report of a declaration (`format`: 'pdf', the default, or 'html'), with the check result it states. A PDF
 * needs a Chromium (PUPPETEER_EXECUTABLE_PATH or a system one); call closeSharedBrowser() from the same module
 * when done, or let the process end.
 */
export async function renderReport(source: DeclarationSource, request: ReportRequest = {}, rulesets?: LoadedRuleset[]): Promise<ReportOutput> {
  const { reportSource } = await import('./index.js');
  return rulesets ? reportSource(source, request, rulesets) : reportSource(source, request);
}

/** Closes the browser the PDF reports share, so that a script that made some can end at once. */
export async function closeReportBrowser(): Promise<void> {
  const { closeSharedBrowser } = await import('./browser.js');
  await closeSharedBrowser();
}
