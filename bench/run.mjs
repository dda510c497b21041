// `npm run bench`: the speed and memory targets of mbcheck, each measured side by side with its reference in
// one run and printed as a ratio beside its target. Timing lives here, never in the tests.
//   node bench/run.mjs [--lines 1000000] [--csv-lines 1000000] [--xlsx-lines 200000] [--batch 10000] [--reports 100] [--rounds 9] [--only large,files,typical,startup,report,workbench]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { declarationWithLedger } from './ledger.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const lines = Number(option('lines', 1_000_000));
const batch = Number(option('batch', 10_000));
const reports = Number(option('reports', 100));
const rounds = Number(option('rounds', 9));
const only = new Set(option('only', 'large,files,typical,startup,report,workbench').split(','));
const csvLines = Number(option('csv-lines', 1_000_000));
const xlsxLines = Number(option('xlsx-lines', 200_000));
const asOf = '2026-11-29';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const say = (text) => process.stderr.write(`bench: ${text}\n`);

function probe(script, probeArgs, nodeFlags = []) {
  const run = spawnSync(process.execPath, [...nodeFlags, join(root, 'bench', 'probes', script), ...probeArgs.map(String)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`${script} failed (exit ${run.status}):\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

function wallClock(argv) {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, argv, { cwd: root, stdio: 'ignore' });
  if (run.status !== 0 && run.status !== 1) throw new Error(`${argv.join(' ')} exited ${run.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const rows = [];
/** One line of the table: what, ours, the reference, ratio and target (lower is better for all). */
/** `targetUnit`: how the target reads, 'x' for a ratio to the reference, or a unit when the reference is a fixed budget. */
function row(what, ours, reference, ratio, target, targetUnit = 'x') {
  rows.push({ what, ours, reference, ratio, target, targetUnit, met: ratio <= target });
}
const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;
const ms = (value) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : value >= 10 ? `${value.toFixed(0)} ms` : `${value.toFixed(3)} ms`);

if (only.has('large')) {
  const dir = mkdtempSync(join(tmpdir(), 'mbcheck-bench-'));
  const file = join(dir, `ledger-${lines}.json`);
  say(`writing a declaration with ${lines} ledger lines`);
  writeFileSync(file, JSON.stringify(declarationWithLedger(lines)));
  const size = statSync(file).size;
  const parses = [];
  const checks = [];
  const jsonRuns = [];
  const written = join(dir, 'result.json');
  try {
    for (let i = 0; i < 3; i++) {
      say(`large ledger, round ${i + 1} of 3`);
      parses.push(probe('parse.mjs', [file]));
      checks.push(probe('check.mjs', [file, asOf], ['--expose-gc']));
      // The whole command, as a user runs it: every per-output figure written out.
      jsonRuns.push(wallClock([join(root, 'bin', 'mbcheck.js'), 'check', file, '--format', 'json', '--as-of', asOf, '--output', written, '--no-progress']));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const parseMs = median(parses.map((p) => p.ms));
  const checkMs = median(checks.map((c) => c.ms));
  const checkPeak = median(checks.map((c) => c.peakBytes));
  const parsePeak = median(parses.map((p) => p.peakBytes));
  row(`check of ${lines} ledger lines (${mb(size)}) vs JSON.parse of the file`, ms(checkMs), ms(parseMs), checkMs / parseMs, 3);
  row(`peak memory of that check vs the file size (JSON.parse alone: ${(parsePeak / size).toFixed(2)}x)`, mb(checkPeak), mb(size), checkPeak / size, 3);
  const jsonMs = median(jsonRuns);
  row('`mbcheck check --format json` of that ledger, every per-output figure written, vs JSON.parse of the file', ms(jsonMs), ms(parseMs), jsonMs / parseMs, 4);
}

if (only.has('files')) {
  const { usedColumns, csvText, workbookBytes, ledgerSettings } = await import('../dist/ledger/write.js');
  const { stringify } = await import('yaml');
  for (const [format, count] of [['csv', csvLines], ['xlsx', xlsxLines]]) {
    const dir = mkdtempSync(join(tmpdir(), `mbcheck-bench-${format}-`));
    try {
      say(`writing a declaration with ${count} ledger lines as ${format}`);
      const declaration = declarationWithLedger(count);
      const tables = Object.fromEntries(['inputs', 'outputs'].map((part) => [part, { columns: usedColumns(part, declaration.ledger[part]), lines: declaration.ledger[part] }]));
      if (format === 'csv') {
        for (const part of ['inputs', 'outputs']) writeFileSync(join(dir, `${part}.csv`), csvText(tables[part]));
        declaration.ledger = { ...ledgerSettings(declaration.ledger), inputs: 'inputs.csv', outputs: 'outputs.csv' };
      } else {
        writeFileSync(join(dir, 'ledger.xlsx'), await workbookBytes(tables, ledgerSettings(declaration.ledger)));
        declaration.ledger = { ...ledgerSettings(declaration.ledger), inputs: 'ledger.xlsx#inputs', outputs: 'ledger.xlsx#outputs' };
      }
      writeFileSync(join(dir, 'declaration.yaml'), stringify(declaration));
      const references = [];
      const checks = [];
      for (let i = 0; i < 3; i++) {
        say(`${format} ledger, round ${i + 1} of 3`);
        references.push(probe('files.mjs', ['reference', format, dir, asOf]));
        checks.push(probe('files.mjs', ['check', format, dir, asOf], ['--expose-gc']));
      }
      const library = format === 'csv' ? 'csv-parse' : 'exceljs';
      const [checkMs, referenceMs] = [median(checks.map((c) => c.ms)), median(references.map((r) => r.ms))];
      const [checkPeak, referencePeak] = [median(checks.map((c) => c.peakBytes)), median(references.map((r) => r.peakBytes))];
      row(`check of ${count} ledger lines in ${format.toUpperCase()} files vs reading them with ${library} alone`, ms(checkMs), ms(referenceMs), checkMs / referenceMs, 3);
      row(`peak memory of that check vs ${library} alone`, mb(checkPeak), mb(referencePeak), checkPeak / referencePeak, 3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

if (only.has('typical')) {
  say(`${batch} typical declarations (100 ledger lines), every ruleset in force`);
  const t = probe('typical.mjs', [batch, asOf]);
  row(`check of a typical declaration, per declaration in a batch of ${batch} (${t.rulesets} rulesets)`, ms(t.msPerDeclaration), '1 ms', t.msPerDeclaration / 1, 1, ' ms');
}

if (only.has('startup')) {
  say(`one-shot CLI start-up, ${rounds} rounds`);
  const cli = [join(root, 'bin', 'mbcheck.js'), 'check', join(root, 'examples', 'steel-credit-transition.yaml'), '--as-of', asOf];
  const bare = [];
  const ours = [];
  wallClock(['-e', '0']);
  wallClock(cli);
  for (let i = 0; i < rounds; i++) {
    bare.push(wallClock(['-e', '0']));
    ours.push(wallClock(cli));
  }
  row('`mbcheck check` of one declaration, whole process, vs `node -e 0`', ms(median(ours)), ms(median(bare)), median(ours) / median(bare), 4);
}

if (only.has('report')) {
  say(`report rendering, ${rounds} rounds, then ${reports} reports in one batch`);
  const r = probe('report.mjs', [rounds, reports, asOf]);
  row('PDF report, warm browser, vs page.pdf() of an empty page', ms(r.reportMs), ms(r.emptyMs), r.reportMs / r.emptyMs, 3);
  rows.push({ what: `${reports} reports in one batch (${r.reports} written, browser launched ${r.launches}x)`, ours: `${ms(r.batchMs)} (${ms(r.batchMs / reports)} each)`, reference: '', ratio: null, target: null, met: r.reports === reports && r.launches === 1 });
}

if (only.has('workbench')) {
  say(`the workbench's first check after opening a shared link, ${rounds} rounds`);
  const w = probe('workbench.mjs', [rounds]);
  row('workbench: first check shown after opening a shared link (stacked example, empty cache)', ms(w.firstCheckMs), '1 s', w.firstCheckMs / 1000, 1, ' s');
}

const width = Math.max(...rows.map((r) => r.what.length));
const lines_ = rows.map((r) =>
  [r.what.padEnd(width), String(r.ours).padStart(10), String(r.reference).padStart(10), r.ratio === null ? '' : `${r.ratio.toFixed(2)}x`.padStart(8), r.target === null ? '' : `target <= ${r.target}${r.targetUnit}`.padEnd(14), r.met ? 'met' : 'MISSED'].join('  '),
);
process.stdout.write(`${['', `${'measurement'.padEnd(width)}  ${'ours'.padStart(10)}  ${'reference'.padStart(10)}  ${'ratio'.padStart(8)}  ${'target'.padEnd(14)}`, ...lines_, ''].join('\n')}\n`);
process.exitCode = rows.every((r) => r.met) ? 0 : 1;
