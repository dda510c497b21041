// The pipeline, in one place: load -> validate -> derive metrics -> evaluate rulesets -> result.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { QUOTED_CHARACTERS } from './quoting.js';
import { parseDeclarationText } from './declaration/parse.js';
import { ledgerReferences } from './ledger/references.js';
import { validateSource, type ValidationOutcome } from './declaration/validate.js';
import { readSource, type DeclarationSource } from './declaration/source.js';
import { compiledRuleset } from './engine/evaluate.js';
import { MbcheckError } from './errors.js';
import { deriveMetrics } from './metrics/derive.js';
import { bundledRegistry, type RulesetRegistry } from './rulesets/registry.js';
import type { LoadedRuleset } from './rulesets/load.js';
import type { CheckResult, DeclarationRef, Finding, RulesetSummary } from './result.js';
import type { Waiver } from './generated/waivers.js';
import type { Declaration } from './generated/declaration.js';
import { tool } from './version.js';

export interface CheckOptions {
  /** Ruleset specs: `id`, `id@version` or a path. Default: every ruleset in force on asOf. */
  rulesets?: string[];
  /** YYYY-MM-DD; default today (UTC). */
  asOf?: string;
  registry?: RulesetRegistry;
  /** A verifier's waivers (schemas/waivers.schema.json; read a file with readWaivers). */
  waivers?: Waiver[];
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function idOf(data: unknown): string | null {
  const id = (data as { id?: unknown } | null)?.id;
  // An invalid declaration's id may be anything, a megabyte long: it names the entry, clipped like quoted text.
  if (typeof id !== 'string') return null;
  return id.length > QUOTED_CHARACTERS ? `${id.slice(0, QUOTED_CHARACTERS)}…` : id;
}

function validateAndDerive(source: DeclarationSource, asOf: string = today()): { outcome: ValidationOutcome; result: CheckResult } {
  const outcome = validateSource(source);
  const result: CheckResult = {
    schemaVersion: '1',
    tool: { ...tool },
    declaration: { id: outcome.valid ? outcome.declaration.id : idOf(outcome.data), source: source.name, ...fingerprints(source) },
    valid: outcome.valid,
    // In file order; the note that more problems were left unlisted stays last.
    validationErrors: [...outcome.errors].sort((a, b) => Number(a.code === 'too-many-errors') - Number(b.code === 'too-many-errors') || a.line - b.line || a.column - b.column),
    metrics: outcome.valid ? deriveMetrics(outcome.declaration, { asOf }) : null,
    verdict: outcome.valid ? 'pass' : 'fail',
  };
  return { outcome, result };
}

/**
 * The declaration's sha256, and with ledger files, the sha256 of all of them: of the lines `sha256sum` prints for
 * the declaration and each file, so that `sha256sum declaration.yaml inputs.csv outputs.csv | sha256sum`, run in
 * the declaration's folder, gives it again.
 */
export function fingerprints(source: DeclarationSource): { sha256: string | null; files?: NonNullable<DeclarationRef['files']> } {
  const files = source.ledgerFiles?.files ?? [];
  if (files.length === 0 || !source.sha256) return { sha256: source.sha256 };
  // Standard input is "-" to sha256sum too: `sha256sum - inputs.csv < declaration.yaml | sha256sum`.
  const own = source.fileName ?? (source.name === '<stdin>' || source.name === '-' ? '-' : basename(source.name));
  const listed = [{ name: own, sha256: source.sha256 }, ...files];
  const manifest = listed.map((file) => sha256sumLine(file.sha256, file.name)).join('');
  return { sha256: createHash('sha256').update(manifest).digest('hex'), files: listed };
}

/** A line as sha256sum prints it: a name with a backslash or a newline is escaped, and the line marked with "\\". */
function sha256sumLine(sha256: string, name: string): string {
  if (!/[\\\n]/.test(name)) return `${sha256}  ${name}\n`;
  return `\\${sha256}  ${name.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}\n`;
}

/** Reads the ledger files a declaration names, when it names any, before it is validated. */
export async function readNamedLedgerFiles(source: DeclarationSource): Promise<void> {
  if (source.ledgerFiles || !source.readLedgerFile) return;
  // Only a declaration that could name a file is parsed ahead: most write their ledger inline, or have none.
  if (!source.parsed && !/\.(csv|xlsx)\b/i.test(source.text)) return;
  const parsed = parseDeclarationText(source);
  if (!parsed.ok || ledgerReferences(parsed.data).length === 0) return;
  const { readLedgerFiles } = await import('./ledger/load.js');
  source.ledgerFiles = await readLedgerFiles(parsed.data, source.readLedgerFile);
}

/** Validation only: the result without rulesets and findings. */
export function validateDeclaration(source: DeclarationSource): CheckResult {
  return validateAndDerive(source).result;
}

export function resolveRulesets(options: CheckOptions): LoadedRuleset[] {
  const registry = options.registry ?? bundledRegistry();
  const asOf = options.asOf ?? today();
  if (!options.rulesets || options.rulesets.length === 0) {
    const current = registry.inForce(asOf);
    // Judging against nothing would read as a pass: a date before every ruleset is a usage error.
    if (current.length === 0) {
      const earliest = registry.all().map((r) => r.ruleset.inForce.from).sort()[0];
      throw new MbcheckError('no-ruleset-in-force', `no ruleset is in force on ${asOf}${earliest ? `; the earliest comes into force on ${earliest}` : ''}; choose a later --as-of or pin versions with --ruleset ID@VERSION`);
    }
    return current;
  }
  const chosen = options.rulesets.map((spec) => registry.resolve(spec, asOf));
  const ids = new Set<string>();
  for (const r of chosen) {
    if (ids.has(r.ruleset.id)) throw new MbcheckError('ruleset-twice', `ruleset ${r.ruleset.id} is selected twice; give each id once`);
    ids.add(r.ruleset.id);
  }
  return chosen;
}

/** The check, with the validated declaration beside its result (the report needs both). */
export async function runCheck(
  source: DeclarationSource,
  options: CheckOptions = {},
  rulesets = resolveRulesets(options),
): Promise<{ result: CheckResult; declaration: Declaration | undefined }> {
  const asOf = options.asOf ?? today();
  await readNamedLedgerFiles(source);
  const { outcome, result: validated } = validateAndDerive(source, asOf);
  if (!outcome.valid || !validated.metrics) {
    // Nothing was judged, so no waiver applied: each is still listed, as the result promises.
    const waivers = options.waivers?.map((waiver) => ({ ...waiver, status: waiver.expires < asOf ? ('expired' as const) : ('unused' as const), covers: [] }));
    return { result: { ...validated, asOf, rulesets: [], findings: [], ...(waivers && waivers.length > 0 ? { waivers } : {}) }, declaration: undefined };
  }
  const summaries: RulesetSummary[] = [];
  const findings: Finding[] = [];
  for (const loaded of rulesets) {
    const { summary, findings: ruleFindings } = await compiledRuleset(loaded).evaluate(outcome.declaration, validated.metrics);
    summaries.push(summary);
    findings.push(...ruleFindings);
  }
  const shallFailed = findings.some((f) => f.level === 'shall' && f.outcome === 'fail');
  const result: CheckResult = { ...validated, asOf, rulesets: summaries, findings, verdict: shallFailed ? 'fail' : 'pass' };
  // A declaration that no selected ruleset applies to has not been judged at all: never let that read as a pass.
  if (summaries.every((s) => s.verdict === 'not-applicable')) {
    result.verdict = 'fail';
    result.error = {
      code: 'no-applicable-ruleset',
      message: `none of the rulesets in force on ${asOf} (${summaries.map((s) => `${s.id}@${s.version}`).join(', ') || 'none'}) applies to a ${outcome.declaration.sector} / ${outcome.declaration.commodity} declaration; choose another --as-of or --ruleset`,
    };
  }
  if (options.waivers && options.waivers.length > 0) {
    // Waivers are matched to findings by the value each is about: placed by reading the source again.
    const { placeFindings } = await import('./findingPlaces.js');
    const { applyWaivers } = await import('./waivers/apply.js');
    return { result: applyWaivers(result, options.waivers, placeFindings(source, result), asOf), declaration: outcome.declaration };
  }
  return { result, declaration: outcome.declaration };
}

export async function checkSource(source: DeclarationSource, options: CheckOptions = {}, rulesets = resolveRulesets(options)): Promise<CheckResult> {
  return (await runCheck(source, options, rulesets)).result;
}

export async function checkFile(path: string, options: CheckOptions = {}): Promise<CheckResult> {
  return checkSource(await readSource(path), options);
}
