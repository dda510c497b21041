// Prints report HTML to PDF in the shared Chromium: a fresh context per report, no request leaves the page.
import type { Browser, BrowserContext, PDFOptions } from 'puppeteer-core';
import { browserCrashed, forget, isBrowserGone, sharedBrowser } from './browser.js';
import { coversEverySlot, hasPageSlots, headingPages, withPageNumbers } from './contents.js';
import { withCreator } from './pdfInfo.js';
import { tool } from '../version.js';

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

// A browser that died while idle may not have said so yet: the first call to it fails, and a new one is launched
// once. Nothing of the report was started, so this is no retry of a render.
async function freshContext(): Promise<{ browser: Browser; context: BrowserContext }> {
  const browser = await sharedBrowser();
  try {
    return { browser, context: await browser.createBrowserContext() };
  } catch (error) {
    if (browser.connected) throw error;
    void forget(browser);
  }
  const relaunched = await sharedBrowser();
  try {
    return { browser: relaunched, context: await relaunched.createBrowserContext() };
  } catch (error) {
    throw asCrash(error, relaunched);
  }
}

// A page whose renderer crashed closes alone: its browser, and the other reports in it, carry on.
function asCrash(error: unknown, browser: Browser): unknown {
  if (!isBrowserGone(error, browser)) return error;
  if (!browser.connected) void forget(browser);
  return browserCrashed();
}

/**
 * Settles as soon as the browser goes away. Puppeteer's calls on a page can wait for ever when the browser dies
 * between opening a target and attaching to it: the render must not wait for its deadline to say so.
 */
function whileConnected(browser: Browser): { lost: Promise<never>; dispose: () => void } {
  let dispose = () => undefined as void;
  const lost = new Promise<never>((_resolve, reject) => {
    const onGone = () => reject(new Error('Target closed: the browser disconnected'));
    if (!browser.connected) return onGone();
    browser.once('disconnected', onGone);
    dispose = () => void browser.off('disconnected', onGone);
  });
  lost.catch(() => undefined);
  return { lost, dispose };
}

export async function renderPdf(html: string, options: PdfOptions = {}): Promise<Buffer> {
  const { browser, context } = await freshContext();
  const connection = whileConnected(browser);
  const printing = printInContext(context, html, options);
  printing.catch(() => undefined);
  try {
    return await Promise.race([printing, connection.lost]);
  } catch (error) {
    // The next report gets a new browser; this one is told to retry rather than shown a bug.
    throw asCrash(error, browser);
  } finally {
    connection.dispose();
    if (browser.connected) await context.close().catch(() => undefined);
  }
}

async function printInContext(context: BrowserContext, html: string, options: PdfOptions): Promise<Buffer> {
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
  await page.setContent(html, { waitUntil: 'load', timeout: 60_000 });
  let pdf = Buffer.from(await page.pdf(pdfOptions));
  // A contents page gets its page numbers from a second print (contents.ts), kept only when that print puts every
  // heading where the first did; otherwise the contents stay links without numbers.
  if (hasPageSlots(html)) {
    const pages = headingPages(html, pdf);
    if (pages && coversEverySlot(html, pages)) {
      // The numbers go into the page already laid out (as text, by our own script: the page's stay disabled),
      // rather than loading the document again; the HTML with them written in is what the check reads.
      await page.evaluate(`(() => {
        const pages = new Map(${JSON.stringify([...pages])});
        for (const slot of document.querySelectorAll('.toc-page[data-page-of]')) {
          const page = pages.get(slot.getAttribute('data-page-of'));
          if (page !== undefined) slot.textContent = String(page);
        }
      })()`);
      const second = Buffer.from(await page.pdf(pdfOptions));
      const check = headingPages(withPageNumbers(html, pages), second);
      if (check && [...pages].every(([id, page]) => check.get(id) === page)) pdf = second;
    }
  }
  const version = (await context.browser().version()).replace(/^(Headless)?Chrome\//, 'Chromium ');
  return withCreator(pdf, `${tool.name} ${tool.version}, printed by ${version}`);
}
