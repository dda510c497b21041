// The mbcheck command line: a thin shell that reads arguments, calls the library and sets the exit code.
import { Command, CommanderError, Option } from 'commander';
import pc from 'picocolors';
import { checkSource, readNamedLedgerFiles, resolveRulesets, today, validateDeclaration, type CheckOptions } from '../check.js';
import { DEFAULT_MAX_BYTES, readSource } from '../declaration/source.js';
import { MbcheckError } from '../errors.js';
import { formatSarif, formatters, type SarifOptions } from '../format/index.js';
import { writeJsonDocument, writeJsonLines } from '../format/json.js';
import type { CheckResult, Level } from '../result.js';
import { placeFindings, type FindingPlace } from '../findingPlaces.js';
import { bundledRegistry } from '../rulesets/registry.js';
import { readRulesetSource, type LoadedRuleset } from '../rulesets/load.js';
import { stemOf } from '../declaration/formats.js';
import { readWaivers } from '../waivers/read.js';
import { formatRulesetList } from './rulesetList.js';
import { tool } from '../version.js';
import { expandInputs, expandPaths } from './inputs.js';
import { emit, openOutputStream, refuseInputAsOutput, writeAtomically } from './output.js';
import { EXIT, FAIL_ON_LEVELS, retryIfBrowserCrashed, runBatch, showsProgress, withCleanupOnSignals } from './batch.js';
import { basename, join } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import type { PageSize } from '../report/pdf.js';
import { DEFAULTS as SERVE_DEFAULTS, LOG_LEVELS, wholeNumber } from '../serve/defaults.js';
import type { ListenOptions } from '../serve/start.js';

// Commands other than check, validate and rulesets load their modules when run: Chromium's driver, the
// templates and the authoring tools would otherwise cost every one-shot check their start-up time.
const reportModule = () => import('../report/index.js');
const rulesetTools = () => import('./rulesetTools.js');

export { EXIT };

type FormatName = keyof typeof formatters;

function isoDate(value: string): string {
  // Date.parse accepts 2026-02-31 (it rolls over), so the date must also survive a round trip.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new MbcheckError('usage', `--as-of must be a date YYYY-MM-DD; got "${value}"`);
  }
  return value;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function render(results: CheckResult[], format: FormatName, options: { output?: string; verbose?: boolean; failOn?: Level }, places?: SarifOptions['places']): void {
  if (format === 'json' || format === 'jsonl') {
    // Written as it is serialised: a year of ledger lines makes a result of hundreds of megabytes.
    const stream = openOutputStream(options.output);
    try {
      (format === 'json' ? writeJsonDocument : writeJsonLines)(results, stream.write);
      stream.finish();
    } catch (error) {
      stream.abandon();
      throw error;
    }
    return;
  }
  const color = format === 'text' && !options.output && pc.isColorSupported && process.stdout.isTTY === true;
  const text = format === 'sarif' ? formatSarif(results, places ? { places } : {}) : formatters[format](results, { color, verbose: options.verbose ?? false, ...(options.failOn ? { failOn: options.failOn } : {}) });
  emit(text, options.output);
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new MbcheckError('usage', `--concurrency must be a whole number from 1 to 64; got "${value}"`);
  return n;
}

interface BatchOpts {
  concurrency: number;
  progress: boolean;
  maxBytes: number;
}

interface FormattedOpts extends BatchOpts {
  format: FormatName;
  output?: string;
  verbose?: boolean;
  failOn?: Level;
}

/** What a formatted run needs besides its options: files read besides the inputs, and findings' places (SARIF). */
interface FormattedExtras {
  otherInputs?: readonly string[];
  places?: SarifOptions['places'];
}

/**
 * One result per input: jsonl is written line by line as results come (so a batch of thousands holds only a
 * few in memory); the other formats are one document over every result.
 */
async function runFormatted(files: string[], opts: FormattedOpts, run: (name: string) => Promise<CheckResult>, { otherInputs = [], places }: FormattedExtras = {}): Promise<number> {
  const entries = await expandInputs(files);
  refuseInputAsOutput(opts.output, [...entries.map((entry) => entry.name), ...otherInputs]);
  const stream = opts.format === 'jsonl' ? openOutputStream(opts.output) : undefined;
  const kept: CheckResult[] = [];
  try {
    const code = await runBatch({
      entries,
      concurrency: opts.concurrency,
      progress: progressWanted(opts, entries.length, stream !== undefined && !opts.output),
      run,
      onResult: (result) => (stream ? writeJsonLines([result], stream.write) : void kept.push(result)),
      ...(opts.failOn ? { failOn: opts.failOn } : {}),
    });
    if (stream) stream.finish();
    else render(kept, opts.format, opts, places);
    return code;
  } catch (error) {
    stream?.abandon();
    throw error;
  }
}

function progressWanted(opts: BatchOpts, inputs: number, streamingToStdout: boolean): boolean {
  return showsProgress({ disabled: !opts.progress, inputs, stdoutIsTTY: process.stdout.isTTY === true, stderrIsTTY: process.stderr.isTTY === true, streamingToStdout, env: process.env });
}

/**
 * Where one declaration's report goes: the --output path itself, or, for several declarations or an existing
 * directory, <dir>/<name>.<format>, numbered when two declarations share a file name.
 */
function reportTarget(file: string, output: string, format: string, several: boolean, taken: Set<string>): string {
  const intoDirectory = several || (existsSync(output) && statSync(output).isDirectory());
  if (!intoDirectory) return output;
  const stem = file === '-' ? 'stdin' : stemOf(basename(file));
  let target = join(output, `${stem}.${format}`);
  for (let n = 2; taken.has(target); n++) target = join(output, `${stem}-${n}.${format}`);
  return target;
}

const filesHelp = 'declaration files (YAML or JSON), directories, globs, or - for standard input';
const rulesetHelp = 'a ruleset to evaluate (repeatable): an id, id@version, or a path to a ruleset file; default: every ruleset in force';
const concurrencyHelp = 'how many declarations to work on at once';
const asOfHelp = 'select the ruleset versions in force on this date (YYYY-MM-DD)';

interface RulesetOpts {
  ruleset?: string[];
  asOf: string;
  /** check and report: a waivers file. */
  waivers?: string;
}

/** The files a check reads besides its declarations: each ruleset and the base it extends. */
function rulesetFiles(rulesets: readonly LoadedRuleset[]): string[] {
  return rulesets.flatMap((loaded) => [loaded.file, ...(loaded.base ? [loaded.base.file] : [])]);
}

function checkOptionsOf(opts: RulesetOpts): CheckOptions {
  return { asOf: opts.asOf, ...(opts.ruleset ? { rulesets: opts.ruleset } : {}), ...(opts.waivers ? { waivers: readWaivers(opts.waivers) } : {}) };
}

const waiversHelp = 'a waivers file (YAML or JSON): failures a verifier accepts, each { rule, reason, approvedBy, expires, pointer? }';

export function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('mbcheck')
    .description('Check mass-balance methodology declarations against the rules of ISO 22095-2, the GHG Protocol, worldsteel, the EUDR and integrity safeguards.')
    .version(tool.version, '-V, --version')
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ outputError: (text, write) => write(text) });

  const formatOption = (choices: FormatName[]) => new Option('-f, --format <format>', 'output format').choices(choices).default('text');

  program
    .command('validate')
    .description('check declarations against the schema and the cross-field rules only')
    .argument('<files...>', filesHelp)
    .addOption(formatOption(['text', 'json', 'jsonl']))
    .option('-o, --output <path>', 'write the output to a file instead of standard output')
    .option('-j, --concurrency <n>', concurrencyHelp, positiveInteger, 4)
    .option('--no-progress', 'no progress bar, even on a terminal')
    .option('--max-bytes <n>', 'refuse a declaration larger than this many bytes, before reading it', wholeNumber('--max-bytes'), DEFAULT_MAX_BYTES)
    .action(async (files: string[], opts: FormattedOpts) => {
      setExitCode(
        await runFormatted(files, opts, async (file) => {
          const source = await readSource(file, opts.maxBytes);
          await readNamedLedgerFiles(source);
          return validateDeclaration(source);
        }),
      );
    });

  program
    .command('check')
    .description('validate declarations, derive the ledger metrics and evaluate the rulesets')
    .argument('<files...>', filesHelp)
    .option('-r, --ruleset <id[@version]|path>', rulesetHelp, collect)
    .option('--as-of <date>', asOfHelp, isoDate, today())
    .addOption(formatOption(['text', 'json', 'jsonl', 'junit', 'markdown', 'sarif']))
    .addOption(new Option('--fail-on <level>', 'the lowest rule level whose failure gives exit code 1').choices(FAIL_ON_LEVELS).default('shall'))
    .option('--waivers <file>', waiversHelp)
    .option('-o, --output <path>', 'write the output to a file instead of standard output')
    .option('-v, --verbose', 'text: also list the rules that passed or do not apply')
    .option('-j, --concurrency <n>', concurrencyHelp, positiveInteger, 4)
    .option('--no-progress', 'no progress bar, even on a terminal')
    .option('--max-bytes <n>', 'refuse a declaration larger than this many bytes, before reading it', wholeNumber('--max-bytes'), DEFAULT_MAX_BYTES)
    .action(async (files: string[], opts: RulesetOpts & FormattedOpts) => {
      const checkOptions = checkOptionsOf(opts);
      const rulesets = resolveRulesets(checkOptions);
      // Placed while each source is at hand, so that a batch holds the places, not the texts.
      const places = new WeakMap<CheckResult, Map<number, FindingPlace>>();
      const run = async (file: string) => {
        const source = await readSource(file, opts.maxBytes);
        const result = await checkSource(source, checkOptions, rulesets);
        if (opts.format === 'sarif') places.set(result, placeFindings(source, result));
        return result;
      };
      setExitCode(await runFormatted(files, opts, run, { otherInputs: [...rulesetFiles(rulesets), ...(opts.waivers ? [opts.waivers] : [])], places: (result) => places.get(result) }));
    });

  program
    .command('report')
    .description('write the compliance and disclosure report (PDF, or self-contained HTML) of each declaration')
    .argument('<files...>', filesHelp)
    .requiredOption('-o, --output <path>', 'the report file; with several declarations, a directory for one report each')
    .addOption(new Option('-f, --format <format>', 'report format').choices(['pdf', 'html']).default('pdf'))
    .addOption(new Option('--page-size <size>', 'paper size').choices(['a4', 'letter']).default('a4'))
    .option('-r, --ruleset <id[@version]|path>', rulesetHelp, collect)
    .option('--as-of <date>', asOfHelp, isoDate, today())
    .option('--waivers <file>', waiversHelp)
    .option('--attestation <file>', 'a signed attestation of this same check (mbcheck attest): its signer and digest are printed on the verification page')
    .option('--attestation-key <public.pem>', "with --attestation: the signer's public key, to check the signature before printing it")
    .option('--verifier <file>', "a verifier block (YAML or JSON): name, assurance, opinion, date, and optionally body, accreditation, standard and a logo image beside it; replaces the signature lines")
    .option('-j, --concurrency <n>', 'how many reports to render at once (pages of one browser)', positiveInteger, 2)
    .option('--no-progress', 'no progress bar, even on a terminal')
    .option('--max-bytes <n>', 'refuse a declaration larger than this many bytes, before reading it', wholeNumber('--max-bytes'), DEFAULT_MAX_BYTES)
    .action(async (files: string[], opts: RulesetOpts & BatchOpts & { output: string; format: 'pdf' | 'html'; pageSize: PageSize; verifier?: string; attestation?: string; attestationKey?: string }) => {
      const checkOptions = checkOptionsOf(opts);
      // Loaded only when given: every other run of report, and every check, goes without them.
      const verifier = opts.verifier ? (await import('../report/verifier.js')).readVerifier(opts.verifier) : undefined;
      if (opts.attestationKey && !opts.attestation) throw new MbcheckError('usage', '--attestation-key checks the signature of --attestation FILE: give that too');
      const attestation = opts.attestation ? (await import('./attest.js')).attestationForReportFile(opts.attestation, opts.attestationKey) : undefined;
      const rulesets = resolveRulesets(checkOptions);
      const { closeSharedBrowser, reportSource } = await reportModule();
      const entries = await expandInputs(files);
      // Targets are fixed in input order before any work, so names never depend on which report finished first.
      const taken = new Set<string>();
      const targets = entries.map((entry) => {
        const target = reportTarget(entry.name, opts.output, opts.format, entries.length > 1, taken);
        refuseInputAsOutput(target, [...entries.map((e) => e.name), ...rulesetFiles(rulesets), ...(opts.waivers ? [opts.waivers] : []), ...(opts.verifier ? [opts.verifier] : []), ...(opts.attestation ? [opts.attestation] : []), ...(opts.attestationKey ? [opts.attestationKey] : [])]);
        taken.add(target);
        return target;
      });
      const unjudged: CheckResult[] = [];
      // An interrupted run stops Chromium at once and for good: reports still in flight must not start another.
      const closeBrowser = (ending: 'done' | 'signal') => closeSharedBrowser(ending === 'signal' ? { final: true, graceMs: 0 } : {});
      await withCleanupOnSignals(closeBrowser, async () => {
        setExitCode(
          await runBatch({
            entries,
            concurrency: opts.concurrency,
            progress: progressWanted(opts, entries.length, false),
            run: async (file, log, index) => {
              const source = await readSource(file, opts.maxBytes);
              const { result, content } = await retryIfBrowserCrashed(() => reportSource(source, { ...checkOptions, format: opts.format, pageSize: opts.pageSize, ...(verifier ? { verifier } : {}), ...(attestation ? { attestation } : {}) }, rulesets), log, file);
              const target = targets[index]!;
              writeAtomically(target, content);
              log(`mbcheck: wrote ${target} (${result.valid && !result.error ? result.verdict : 'not judged: the declaration is invalid; the report lists its problems'})`);
              return result;
            },
            // Invalid declarations get the short "not judged" report; say why here too, as check would.
            onResult: (result) => void ((result.error || !result.valid) && unjudged.push(result)),
          }),
        );
      });
      if (unjudged.length > 0) process.stderr.write(formatters.text(unjudged, { color: false }));
    });

  program
    .command('attest')
    .description('check declarations and sign the results with an Ed25519 key: an in-toto Statement in a DSSE envelope (or, with --format dcc, a Digital Conformity Credential); --generate-key writes a key pair')
    .argument('[files...]', filesHelp)
    .option('-k, --key <private.pem>', 'the Ed25519 private key to sign with (PEM, PKCS #8)')
    .option('-o, --output <path>', 'the attestation file to write; with --generate-key, the prefix of the key files (PREFIX.pem and PREFIX.pub.pem)')
    .option('--report <file>', 'a report of the declaration to sign with it, by its sha256 (repeatable)', collect)
    .addOption(new Option('-f, --format <format>', 'in-toto: a Statement in a DSSE envelope; dcc: a W3C Verifiable Credential shaped like the UN Transparency Protocol Digital Conformity Credential').choices(['in-toto', 'dcc']).default('in-toto'))
    .option('--issuer-name <name>', 'dcc: the issuer\'s name (default: its did:key)')
    .option('-r, --ruleset <id[@version]|path>', rulesetHelp, collect)
    .option('--as-of <date>', asOfHelp, isoDate, today())
    .option('--waivers <file>', waiversHelp)
    .option('--generate-key', 'write a new Ed25519 key pair to --output PREFIX and sign nothing')
    .option('--force', '--generate-key: replace key files of the same names')
    .option('--max-bytes <n>', 'refuse a declaration larger than this many bytes, before reading it', wholeNumber('--max-bytes'), DEFAULT_MAX_BYTES)
    .action(async (files: string[], opts: RulesetOpts & import('./attest.js').AttestOptions) => {
      const { attestCommand } = await import('./attest.js');
      // Rulesets and waivers are read only when something is to be signed: --generate-key needs neither.
      let chosen: LoadedRuleset[] | undefined;
      const rulesets = () => (chosen ??= resolveRulesets(checkOptionsOf(opts)));
      setExitCode(await attestCommand(files, opts, opts.generateKey ? {} : checkOptionsOf(opts), rulesets, () => [...rulesetFiles(rulesets()), ...(opts.waivers ? [opts.waivers] : [])]));
    });

  program
    .command('verify')
    .description('check a signed attestation: exit 0 when the signature holds for the key (and the declaration and report given are the ones signed), 1 when not')
    .argument('<attestation>', 'the attestation file (mbcheck attest --output)')
    .option('-k, --key <public.pem>', 'the public key of whoever signed (PEM)')
    .option('--declaration <file>', 'the declaration in hand: it must be the one signed (with its ledger files)')
    .option('--report <file>', 'the report in hand: it must be one signed with the attestation')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--max-bytes <n>', 'refuse a declaration larger than this many bytes, before reading it', wholeNumber('--max-bytes'), DEFAULT_MAX_BYTES)
    .action(async (file: string, opts: import('./attest.js').VerifyOptions) => {
      const { verifyCommand } = await import('./attest.js');
      setExitCode(await verifyCommand(file, opts));
    });

  program
    .command('rulesets')
    .description('list the rulesets available: id, versions, dates in force, what they apply to')
    .option('--as-of <date>', 'mark the versions in force on this date', isoDate, today())
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((opts: { asOf: string; format: 'text' | 'json' }) => {
      process.stdout.write(formatRulesetList(bundledRegistry(), opts.asOf, opts.format));
      setExitCode(EXIT.ok);
    });

  // init and ledger export load their modules (and exceljs) only when run.
  program
    .command('init')
    .description('write a commented declaration and ledger templates (CSV files and an XLSX workbook) to start from')
    .argument('[dir]', 'the folder to write them in', '.')
    .option('--force', 'replace files of the same names that are already there')
    .action(async (dir: string, opts: { force?: boolean }) => {
      const { initProject } = await import('./init.js');
      setExitCode(await initProject(dir, { force: opts.force === true }));
    });
  const ledgerCommand = program.command('ledger').description("move a declaration's ledger lines into CSV or Excel files");
  ledgerCommand
    .command('export')
    .description('write the ledger lines of a declaration as inputs.csv and outputs.csv (or ledger.xlsx), and <name>.ledger-files.yaml: the declaration naming those files, its comments kept')
    .argument('<file>', 'a declaration (YAML or JSON) with its ledger lines written in it, or - for standard input')
    .addOption(new Option('-f, --format <format>', 'the file format of the ledger').choices(['csv', 'xlsx']).makeOptionMandatory())
    .option('-o, --output <dir>', "the folder to write to (default: the declaration's folder)")
    .option('--force', 'replace files of the same names that are already there')
    .option('--max-bytes <n>', 'refuse a declaration larger than this many bytes, before reading it', wholeNumber('--max-bytes'), DEFAULT_MAX_BYTES)
    // A nested command does not inherit the program's exit override: without its own, a usage error would exit 1.
    .exitOverride()
    .action(async (file: string, opts: { format: 'csv' | 'xlsx'; output?: string; force?: boolean; maxBytes: number }) => {
      const { exportLedger } = await import('./ledgerExport.js');
      setExitCode(await exportLedger(file, { format: opts.format, output: opts.output, force: opts.force === true, maxBytes: opts.maxBytes }));
    });

  const ruleset = program.command('ruleset').description('authoring tools for rule writers');
  ruleset
    .command('lint')
    .description('check ruleset files: the schema, then duplicate ids, unknown facts, paths and operators, overlapping dates in force, unreachable applicability')
    .argument('<files...>', 'ruleset files (JSON)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (files: string[], opts: { format: 'text' | 'json' }) => {
      const registry = bundledRegistry();
      const { lintRulesetSource } = await import('../rulesets/lint.js');
      const reports = [];
      for (const file of files) reports.push({ file, problems: lintRulesetSource(readRulesetSource(file), registry) });
      if (opts.format === 'json') process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
      else {
        const lines = reports.flatMap(({ file, problems }) => problems.map((p) => `${file}:${p.line}:${p.column}  ${p.pointer || '/'}  ${p.message}  [${p.code}]`));
        const total = reports.reduce((n, r) => n + r.problems.length, 0);
        process.stdout.write(`${[...lines, `${files.length} ruleset file(s): ${total} problem(s)`].join('\n')}\n`);
      }
      setExitCode(reports.some((r) => r.problems.length > 0) ? EXIT.failed : EXIT.ok);
    });
  ruleset
    .command('diff')
    .description('rules added, removed and changed between two rulesets (files, or id@version), in words; with --corpus, the declarations whose verdict would change')
    .argument('<a>', 'the earlier ruleset: a file or id@version')
    .argument('<b>', 'the later ruleset: a file or id@version')
    .option('--corpus <dir>', 'a directory (or glob) of declarations to run under both')
    .option('--as-of <date>', asOfHelp, isoDate, today())
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (a: string, b: string, opts: { corpus?: string; asOf: string; format: 'text' | 'json' }) => {
      const registry = bundledRegistry();
      const [ra, rb] = [registry.resolve(a, opts.asOf), registry.resolve(b, opts.asOf)];
      const { diffRulesets, formatDiff } = await import('../rulesets/diff.js');
      const diff = diffRulesets(ra, rb);
      let corpus: Array<{ source: string; before: string; after: string }> | undefined;
      if (opts.corpus) {
        corpus = [];
        for (const file of await expandPaths([opts.corpus])) {
          const source = await readSource(file);
          const verdictUnder = async (r: typeof ra) => {
            const result = await checkSource(source, { asOf: opts.asOf }, [r]);
            return result.valid ? (result.rulesets?.[0]?.verdict ?? 'n/a') : 'invalid';
          };
          corpus.push({ source: file, before: await verdictUnder(ra), after: await verdictUnder(rb) });
        }
      }
      process.stdout.write(opts.format === 'json' ? `${JSON.stringify({ ...diff, ...(corpus ? { corpus } : {}) }, null, 2)}\n` : formatDiff(diff, corpus));
      setExitCode(EXIT.ok);
    });
  ruleset
    .command('docs')
    .description('the ruleset as a document: every rule with its text, level, decision, citation and interpretation flag')
    .argument('<ruleset>', 'an id (newest in force on --as-of), id@version, or a ruleset file')
    .requiredOption('-o, --output <path>', 'the document to write')
    .addOption(new Option('-f, --format <format>', 'document format (default: from the --output extension)').choices(['markdown', 'html', 'pdf']))
    .option('--as-of <date>', asOfHelp, isoDate, today())
    .action(async (spec: string, opts: { output: string; format?: 'markdown' | 'html' | 'pdf'; asOf: string }) => {
      const loaded = bundledRegistry().resolve(spec, opts.asOf);
      refuseInputAsOutput(opts.output, rulesetFiles([loaded]));
      const format = opts.format ?? (/\.pdf$/i.test(opts.output) ? 'pdf' : /\.html?$/i.test(opts.output) ? 'html' : 'markdown');
      const { rulesetDocsHtml, rulesetDocsMarkdown } = await import('../rulesets/docs.js');
      if (format === 'markdown') writeAtomically(opts.output, rulesetDocsMarkdown(loaded));
      else if (format === 'html') writeAtomically(opts.output, rulesetDocsHtml(loaded));
      else {
        const { closeSharedBrowser, renderPdf } = await reportModule();
        const closeBrowser = (ending: 'done' | 'signal') => closeSharedBrowser(ending === 'signal' ? { final: true, graceMs: 0 } : {});
        await withCleanupOnSignals(closeBrowser, async () => writeAtomically(opts.output, await renderPdf(rulesetDocsHtml(loaded))));
      }
      process.stderr.write(`mbcheck: wrote ${opts.output}\n`);
      setExitCode(EXIT.ok);
    });
  ruleset
    .command('test')
    .description("run each rule against its own fixtures (<ruleset dir>/tests/<rule>.yaml); fails a rule without both a passing and a failing case")
    .argument('[rulesets...]', 'ruleset files, ruleset directories, or ids (id or id@version); default: every bundled ruleset')
    .action(async (args: string[]) => {
      const { formatTestReports, rulesetsNamed, testRulesets } = await rulesetTools();
      const reports = await testRulesets(rulesetsNamed(args, bundledRegistry()));
      process.stdout.write(formatTestReports(reports));
      setExitCode(reports.every((r) => r.ok) ? EXIT.ok : EXIT.failed);
    });
  ruleset
    .command('coverage')
    .description('the seven-decision matrix: which decisions each ruleset constrains, with how many shall/should/may rules, and which it leaves open')
    .argument('[rulesets...]', 'ruleset ids (id or id@version) or files; default: every ruleset in force on --as-of')
    .option('--as-of <date>', asOfHelp, isoDate, today())
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'markdown', 'json', 'html']).default('text'))
    .action(async (args: string[], opts: { asOf: string; format: 'text' | 'markdown' | 'json' | 'html' }) => {
      const registry = bundledRegistry();
      const chosen = args.length ? args.map((spec) => registry.resolve(spec, opts.asOf)) : registry.inForce(opts.asOf);
      const { formatCoverage } = await rulesetTools();
      process.stdout.write(formatCoverage(chosen.map((l) => l.ruleset), opts.format));
      setExitCode(EXIT.ok);
    });

  program
    .command('serve')
    .description('run the stateless HTTP service and its workbench: GET / (the workbench page), POST /v1/check, POST /v1/report, GET /v1/rulesets, the authoring routes POST /v1/rulesets/lint|test|coverage|diff, GET /healthz, GET /openapi.json; JSON log lines on standard output')
    .option('-p, --port <port>', 'the port to listen on', wholeNumber('--port', 0), 8080)
    .option('--host <address>', 'the address to listen on; 0.0.0.0 accepts connections from other machines, as needed in a container', '127.0.0.1')
    .option('--max-body-bytes <n>', 'largest declaration accepted, in bytes (413 above)', wholeNumber('--max-body-bytes'), SERVE_DEFAULTS.maxBodyBytes)
    .option('--max-ledger-lines <n>', 'most ledger lines (inputs plus outputs) in one declaration (413 above)', wholeNumber('--max-ledger-lines'), SERVE_DEFAULTS.maxLedgerLines)
    .option('--max-concurrent-renders <n>', 'PDF reports rendered at once in the shared Chromium (about one per core)', wholeNumber('--max-concurrent-renders'), SERVE_DEFAULTS.maxConcurrentRenders)
    .option('--max-queued-renders <n>', 'PDF reports waiting for a render slot before 429 (default: twice --max-concurrent-renders)', wholeNumber('--max-queued-renders', 0))
    .option('--request-timeout-ms <ms>', 'time to receive a request, and then for its check or render (503 when the work overruns)', wholeNumber('--request-timeout-ms'), SERVE_DEFAULTS.requestTimeoutMs)
    .option('--check-workers <n>', 'worker threads that run the checks, so that a long one holds up no other request and ends at the time limit (default: one per core; 0: in the server\'s own thread)', wholeNumber('--check-workers', 0))
    .option('--max-queued-checks <n>', 'checks waiting for a free worker before 429 (default: 16 per worker)', wholeNumber('--max-queued-checks', 0))
    .addOption(new Option('--log-level <level>', 'log level').choices(LOG_LEVELS).default(SERVE_DEFAULTS.logLevel))
    .action(async (opts: ListenOptions) => {
      // Loaded here so that the other commands do not pay for loading Fastify.
      const { closeOnSignals, startServer } = await import('../serve/start.js');
      const server = await startServer(opts);
      await closeOnSignals(server);
      setExitCode(EXIT.ok);
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram((code) => (exitCode = code));
  program.exitOverride();
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0; usage errors were already printed.
      return error.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    if (error instanceof MbcheckError) {
      process.stderr.write(`mbcheck: ${error.message}\n`);
      return EXIT.error;
    }
    process.stderr.write(`mbcheck: internal error: ${(error as Error)?.message ?? String(error)}\nThis is a bug in mbcheck; please report it with the command you ran.\n`);
    if (process.env['MBCHECK_DEBUG']) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    return EXIT.error;
  }
}
