// The workbench's first check: from opening a shared link of the stacked example in a browser context with an
// empty cache to the first finding shown, against the service on loopback (its check workers started). The
// reference is the target of one second on this machine.
import { readFileSync } from 'node:fs';

const { buildApp } = await import('../../dist/serve/index.js');
const { findBrowser } = await import('../../dist/report/browser.js');
const { default: puppeteer } = await import('puppeteer-core');
const rounds = Number(process.argv[2]);
const declaration = readFileSync(new URL('../../examples/steel-stacked-100-percent.yaml', import.meta.url));

const app = buildApp({ logLevel: 'silent' });
const base = await app.listen({ port: 0, host: '127.0.0.1' });
const link = `${base}/#declaration=${declaration.toString('base64url')}`;
const browser = await puppeteer.launch({
  executablePath: findBrowser(),
  headless: true,
  args: ['--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
});

async function firstCheck() {
  // A context of its own: nothing cached from the round before, as a colleague opening the link would be.
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    const start = performance.now();
    await page.goto(link, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('#result [data-rule-id="integrity/no-stacked-attribution"]', { timeout: 30_000 });
    return performance.now() - start;
  } finally {
    await context.close();
  }
}

// Warms the service's workers and the browser's own start-up, not the page: each round opens a fresh context.
await firstCheck();
const times = [];
for (let i = 0; i < rounds; i++) times.push(await firstCheck());
await browser.close();
await app.close();
const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
process.stdout.write(JSON.stringify({ firstCheckMs: median }));
