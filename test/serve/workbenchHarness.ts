// What every real-browser test of the workbench needs: the system Chromium (driven by Puppeteer) against a service
// on a loopback port, pages that refuse and record any request outside the service and any policy violation, a
// download folder, and a screenshot of each view kept as a test artifact (test-artifacts/workbench/, or
// MBCHECK_SCREENSHOTS=DIR) for a person to look at.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import { closeSharedBrowser, findBrowser } from '../../src/report/browser.js';
import { exampleBytes, listen, quietApp } from './helpers.js';

export const WAIT = { timeout: 60_000 };
const screenshots = process.env['MBCHECK_SCREENSHOTS'] || join(process.cwd(), 'test-artifacts', 'workbench');

/** The system Chromium, or undefined: the browser tests are skipped only when none is installed. */
export function chromium(): string | undefined {
  try {
    return findBrowser();
  } catch {
    return undefined;
  }
}

/** The link that opens the workbench with this bundled example in it. */
export const linkTo = (base: string, example: string) => `${base}/#declaration=${exampleBytes(example).toString('base64url')}`;

export interface OpenedPage {
  page: Page;
  /** Requests the page tried to make outside the service (each refused). */
  outside: string[];
  violations: () => Promise<string[]>;
}

export interface Workbench {
  base: string;
  downloads: string;
  openPage(url: string, width?: number, height?: number): Promise<OpenedPage>;
  /** The path of the first file downloaded whose name ends with suffix, waited for. */
  waitForFile(suffix: string): Promise<string>;
  /** Kept under this name in the artifacts folder, for a person to look at. */
  screenshot(page: Page, name: string, fullPage?: boolean): Promise<void>;
  close(): Promise<void>;
}

export async function startWorkbench(executablePath: string): Promise<Workbench> {
  const app: FastifyInstance = quietApp();
  const base = await listen(app);
  const downloads = mkdtempSync(join(tmpdir(), 'mbcheck-workbench-downloads-'));
  const profile = mkdtempSync(join(tmpdir(), 'mbcheck-workbench-profile-'));
  const { default: puppeteer } = await import('puppeteer-core');
  const browser: Browser = await puppeteer.launch({
    executablePath,
    headless: true,
    userDataDir: profile,
    args: ['--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-extensions', '--disable-sync', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
  });
  const context: BrowserContext = await browser.createBrowserContext({ downloadBehavior: { policy: 'allow', downloadPath: downloads } });

  async function openPage(url: string, width = 1280, height = 800): Promise<OpenedPage> {
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    await page.setViewport({ width, height });
    const outside: string[] = [];
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const target = request.url();
      // data: URLs are the browser's own (the date field's icon): no request leaves the page for them.
      if (target.startsWith(`${base}/`) || target.startsWith('data:') || target.startsWith('blob:')) return void request.continue();
      outside.push(target);
      void request.abort();
    });
    // Page code is written as text: the tests are type-checked without the DOM's types.
    await page.evaluateOnNewDocument(`
      window.policyViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => window.policyViolations.push(event.violatedDirective + ' ' + event.blockedURI));
    `);
    await page.goto(url, { waitUntil: 'load' });
    return { page, outside, violations: () => page.evaluate('window.policyViolations') as Promise<string[]> };
  }

  async function waitForFile(suffix: string): Promise<string> {
    for (let tries = 0; tries < 240; tries++) {
      const found = readdirSync(downloads).find((name) => name.endsWith(suffix));
      if (found) return join(downloads, found);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`no ${suffix} file was downloaded into ${downloads}`);
  }

  async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage });
  }

  async function close(): Promise<void> {
    // Each step whatever the one before did: a browser that fails to close must not leave the server listening.
    try {
      await browser.close();
    } finally {
      try {
        await app.close();
        await closeSharedBrowser();
      } finally {
        rmSync(downloads, { recursive: true, force: true });
        rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
      }
    }
  }

  return { base, downloads, openPage, waitForFile, screenshot, close };
}
