// Prints report HTML to PDF in the shared Chromium: a fresh context per report, no request leaves the page.
import type { PDFOptions } from 'puppeteer-core';
import { sharedBrowser } from './browser.js';

export type PageSize = 'a4' | 'letter';

export interface PdfOptions {
  pageSize?: PageSize;
  /** Requests the page tried to make and that were refused (for tests and logs). */
  onBlockedRequest?: (url: string) => void;
}

// A long title is cut with an ellipsis so that "page X of Y" always stays on one line.
const footerTemplate = `<div style="width:100%;font-family:sans-serif;font-size:7.5pt;color:#5b6775;padding:0 16mm;box-sizing:border-box;position:relative">
<div class="title" style="width:72%;white-space:nowrap;overflow:hidden;text-overflow:ellipsis"></div>
<div style="position:absolute;right:16mm;top:0;white-space:nowrap">page <span class="pageNumber"></span> of <span class="totalPages"></span></div></div>`;

export async function renderPdf(html: string, options: PdfOptions = {}): Promise<Buffer> {
  const browser = await sharedBrowser();
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith('data:') || url === 'about:blank') void request.continue();
      else {
        options.onBlockedRequest?.(url);
        void request.abort('blockedbyclient');
      }
    });
    await page.setContent(html, { waitUntil: 'load', timeout: 60_000 });
    const pdfOptions: PDFOptions = {
      format: options.pageSize === 'letter' ? 'Letter' : 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate,
      margin: { top: '16mm', bottom: '18mm', left: '16mm', right: '16mm' },
      preferCSSPageSize: false,
      outline: true,
      tagged: true,
      timeout: 120_000,
    };
    return Buffer.from(await page.pdf(pdfOptions));
  } finally {
    await context.close().catch(() => undefined);
  }
}
