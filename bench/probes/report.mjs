// Report rendering with a warm browser, against page.pdf() of an empty page in the same browser; then a batch
// of reports through the CLI's batch runner (one browser, two pages at a time).
import { readFileSync } from 'node:fs';

const report = await import('../../dist/report/index.js');
const browserModule = await import('../../dist/report/browser.js');
const lib = await import('../../dist/index.js');
const { mapInOrder } = await import('../../dist/batch.js');
const [rounds, batch, asOf] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]];
const source = lib.sourceFromText('steel-credit-transition.yaml', readFileSync(new URL('../../examples/steel-credit-transition.yaml', import.meta.url), 'utf8'));
const rulesets = lib.resolveRulesets({ asOf });
const browser = await browserModule.sharedBrowser();

async function emptyPdf() {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    return await page.pdf({ format: 'A4' });
  } finally {
    await context.close();
  }
}
const ours = () => report.reportSource(source, { asOf, format: 'pdf' }, rulesets);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (fn) => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};
for (let i = 0; i < 3; i++) {
  await emptyPdf();
  await ours();
}
const empty = [];
const full = [];
// Interleaved, so that a busy moment of the machine weighs on both sides alike.
for (let i = 0; i < rounds; i++) {
  empty.push(await time(emptyPdf));
  full.push(await time(ours));
}
let pages = 0;
const batchStart = performance.now();
for await (const { content } of mapInOrder(Array.from({ length: batch }, (_, i) => i), 2, () => ours())) pages += content ? 1 : 0;
const batchMs = performance.now() - batchStart;
await report.closeSharedBrowser();
process.stdout.write(JSON.stringify({ emptyMs: median(empty), reportMs: median(full), batchMs, reports: pages, launches: browserModule.launches }));
