// The ledger-files benchmark: a declaration whose ledger is in CSV files (or an XLSX workbook) is checked as
// `mbcheck check` does, against reading the same rows with the CSV library (or exceljs) alone.
//   node bench/probes/files.mjs check|reference csv|xlsx FOLDER AS-OF
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [mode, format, folder, asOf] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const lib = await import('../../dist/index.js');
if (mode === 'check') {
  const rulesets = lib.resolveRulesets({ asOf });
  await lib.checkSource(lib.sourceFromText('warm-up.yaml', readFileSync(new URL('../../examples/steel-credit-transition.yaml', import.meta.url), 'utf8')), { asOf }, rulesets);
}
globalThis.gc?.();
const before = process.memoryUsage().rss;
const start = performance.now();
let rows = 0;
if (mode === 'check') {
  const result = await lib.checkSource(await lib.readSource(join(folder, 'declaration.yaml')), { asOf }, lib.resolveRulesets({ asOf }));
  if (!result.valid) throw new Error(`the generated ledger is invalid: ${JSON.stringify(result.validationErrors.slice(0, 3))}`);
  rows = result.metrics.ledger.totals.inputs === undefined ? 0 : 1;
} else if (format === 'csv') {
  const { parse } = require('csv-parse/sync');
  for (const part of ['inputs', 'outputs']) rows += parse(readFileSync(join(folder, `${part}.csv`)), { bom: true }).length;
} else {
  const ExcelJS = require('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(join(folder, 'ledger.xlsx')));
  for (const sheet of workbook.worksheets) sheet.eachRow(() => rows++);
}
const ms = performance.now() - start;
const peak = process.resourceUsage().maxRSS * 1024;
process.stdout.write(JSON.stringify({ ms, peakBytes: peak - before, rows }));
