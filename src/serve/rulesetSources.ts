// What the authoring routes work on: the bundled rulesets' own texts, fixtures and base declarations (read once,
// from the package only), and a client's ruleset and fixtures, taken from the request and never from a file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { MbcheckError } from '../errors.js';
import { loadRulesetBytes, type LoadedRuleset } from '../rulesets/load.js';
import { applyEdits, fixturesDirectoryOf, type FixtureCase, type RuleFixtures } from '../rulesets/fixtures.js';
import type { LintRegistry } from '../rulesets/lint.js';
import { operatorParts, ruleLeaves } from '../rulesets/conditionTree.js';
import { patternRefusal } from '../rulesets/patterns.js';
import { pointerToSegments } from '../declaration/problems.js';
import type { RulesetRegistry } from '../rulesets/registry.js';
import { paths } from '../paths.js';
import { clipped, quoted } from '../quoting.js';
import { HttpError } from './errors.js';

/** A fixture file as text, under the name it is shown by (its file name for a bundled one). */
export interface FixtureText {
  name: string;
  text: string;
}

export interface BundledRulesetSource {
  id: string;
  version: string;
  title: string;
  /** The file's exact text: lint positions and the hash are those of the file. */
  text: string;
  fixtures: FixtureText[];
}

/** The name a sent ruleset goes by in load errors and results: it has no file. */
export const SENT_RULESET = 'request.json';

const RULESET_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/**
 * What a sent ruleset may hold. It is read, compiled and run in a worker thread, or with no workers in the server's
 * own thread, where nothing can stop a step once started: these keep each step short. The bundled rulesets hold at most 15 rules, 33 conditions and no
 * pattern; compiling one pattern of a thousand characters can take 0.4 s.
 */
export const SENT_LIMITS = { rules: 200, conditions: 2000, patterns: 32, patternChars: 1000, patternCompileMs: 1500 } as const;

/** What a sent fixture file may hold: a fixture proves a rule on a small declaration, and each case is a full check. */
export const FIXTURE_LIMITS = { cases: 500, caseBytes: 256 * 1024, totalBytes: 4 * 1024 * 1024, pointerSegments: 32 } as const;

const tooLarge = (message: string) => new HttpError(413, 'ruleset-too-large', `${message}; run \`mbcheck ruleset\` on your own machine for a larger one`);

/**
 * Refuses a sent ruleset beyond SENT_LIMITS (413), before lint or load read it; a text that is no ruleset passes, for
 * them to explain. `patternCompileMs` is the time its patterns may take to compile (the service's option, which
 * tests lower).
 */
export function refuseLargeRuleset(data: unknown, patternCompileMs: number = SENT_LIMITS.patternCompileMs): void {
  const rules = (data as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) return;
  if (rules.length > SENT_LIMITS.rules) throw tooLarge(`the ruleset has ${rules.length} rules; this server takes at most ${SENT_LIMITS.rules}`);
  let conditions = 0;
  const patterns: string[] = [];
  rules.forEach((rule, index) => {
    for (const { leaf } of ruleLeaves(rule, index)) {
      conditions++;
      if (operatorParts(leaf['operator'])?.base !== 'matches') continue;
      for (const value of [leaf['value']].flat()) if (typeof value === 'string') patterns.push(value);
    }
  });
  if (conditions > SENT_LIMITS.conditions) throw tooLarge(`the ruleset has ${conditions} conditions; this server takes at most ${SENT_LIMITS.conditions}`);
  if (patterns.length > SENT_LIMITS.patterns) throw tooLarge(`the ruleset has ${patterns.length} patterns (matches); this server takes at most ${SENT_LIMITS.patterns}`);
  const long = patterns.find((p) => p.length > SENT_LIMITS.patternChars);
  if (long !== undefined) throw tooLarge(`a pattern of the ruleset is ${long.length} characters long (${clipped(long, 60)}); this server takes patterns of at most ${SENT_LIMITS.patternChars}`);
  // Compiled here, against a clock, so that loading finds them ready; the first over the budget stops the rest.
  const started = Date.now();
  for (const pattern of new Set(patterns)) {
    patternRefusal(pattern);
    if (Date.now() - started > patternCompileMs) throw tooLarge(`the ruleset's patterns took more than ${patternCompileMs} ms to compile; use fewer or shorter counted repeats ({n})`);
  }
}

/** The sent text parsed, or undefined when it is not JSON (lint and load then say why). */
export function parsedOrUndefined(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return undefined;
  }
}

function readFixtureTexts(directory: string): FixtureText[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(directory, name), 'utf8') }));
}

/**
 * The base declarations rule fixtures start from (rulesets/_fixtures), parsed once. A fixture sent to the service
 * names one by its file name (as `../../_fixtures/steel-credit.yaml` does in a bundled ruleset's tests/ folder):
 * these are the only files a fixture can reach.
 */
function readBases(): Map<string, unknown> {
  const folder = join(paths.rulesets, '_fixtures');
  const bases = new Map<string, unknown>();
  if (!existsSync(folder)) return bases;
  for (const name of readdirSync(folder).filter((n) => /\.ya?ml$/.test(n)).sort()) bases.set(name, parseYaml(readFileSync(join(folder, name), 'utf8')));
  return bases;
}

export class RulesetSources {
  private readonly bundled = new Map<string, BundledRulesetSource>();
  private bases: Map<string, unknown> | undefined;

  constructor(
    private readonly registry: RulesetRegistry,
    /** The time a sent ruleset's patterns may take to compile, in ms. */
    readonly patternCompileMs: number = SENT_LIMITS.patternCompileMs,
  ) {}

  /** A bundled ruleset by id and version, or 404 saying what there is instead. */
  bundledSource(id: string, version: string): BundledRulesetSource {
    const served = 'this server serves only its bundled rulesets, as GET /v1/rulesets/{id}/{version} such as /v1/rulesets/integrity/1.1.0 (GET /v1/rulesets lists them)';
    if (/[/\\]|\.\.|\.json$/i.test(id)) throw new HttpError(404, 'not-found', `ruleset ${quoted(id)} looks like a path; ${served}`);
    if (/[/\\]|\.\./.test(version)) throw new HttpError(404, 'not-found', `version ${quoted(version)} of ruleset ${quoted(id)} looks like a path; ${served}`);
    const versions = RULESET_ID.test(id) ? this.registry.versionsOf(id) : [];
    if (versions.length === 0) throw new HttpError(404, 'not-found', `there is no bundled ruleset ${quoted(id)}; the bundled rulesets are ${this.registry.ids().join(', ')} (GET /v1/rulesets lists their versions)`);
    const loaded = VERSION.test(version) ? versions.find((v) => v.ruleset.version === version) : undefined;
    if (!loaded) throw new HttpError(404, 'not-found', `ruleset ${id} has no version ${quoted(version)}; its versions are ${versions.map((v) => v.ruleset.version).join(', ')}`);
    const key = `${id}@${loaded.ruleset.version}`;
    let source = this.bundled.get(key);
    if (!source) {
      source = { id, version: loaded.ruleset.version, title: loaded.ruleset.title, text: readFileSync(loaded.file, 'utf8'), fixtures: readFixtureTexts(fixturesDirectoryOf(loaded)) };
      this.bundled.set(key, source);
    }
    return source;
  }

  /** The registry as lint sees it for a sent ruleset: it may extend a bundled ruleset, never a file. */
  lintRegistry(): LintRegistry {
    return {
      versionsOf: (id) => this.registry.versionsOf(id),
      resolveBase: (spec, _fromFile, asOf) => this.resolveBundledBase(spec, asOf),
    };
  }

  private resolveBundledBase(spec: string, asOf: string): LoadedRuleset {
    if (spec.endsWith('.json') || /[/\\]/.test(spec)) {
      throw new MbcheckError('ruleset-invalid', `extends ${quoted(spec)}, a file; a ruleset sent to this server can extend only a bundled ruleset, by id or id@version such as integrity@1.1.0`);
    }
    const id = spec.split('@')[0]!;
    // The registry would offer "a path to a ruleset .json file" too, which this server does not read.
    if (this.registry.versionsOf(id).length === 0) {
      throw new MbcheckError('unknown-ruleset', `extends ${quoted(spec)}, which is not a bundled ruleset; a ruleset sent to this server can extend only a bundled ruleset, by id or id@version: ${this.registry.ids().join(', ')} (GET /v1/rulesets lists their versions)`);
    }
    return this.registry.resolve(spec, asOf);
  }

  /** The ruleset sent, loaded as `mbcheck check --ruleset FILE` would load it, its base from the bundled ones only. */
  load(bytes: Uint8Array): LoadedRuleset {
    let asOf = new Date().toISOString().slice(0, 10);
    // Loading says what is wrong with a text that is not JSON.
    const data = parsedOrUndefined(bytes);
    refuseLargeRuleset(data, this.patternCompileMs);
    const from = (data as { inForce?: { from?: unknown } } | null | undefined)?.inForce?.from;
    if (typeof from === 'string') asOf = from;
    return loadRulesetBytes(SENT_RULESET, bytes, (spec) => this.resolveBundledBase(spec, asOf));
  }

  /** The fixtures of a bundled ruleset a sent one extends, for the rules it inherits (as `ruleset test` runs them). */
  baseFixtures(loaded: LoadedRuleset): RuleFixtures[] {
    if (!loaded.base) return [];
    return readyFixtures(this.bundledSource(loaded.base.id, loaded.base.version).fixtures, this.baseDeclarations());
  }

  baseDeclarations(): Map<string, unknown> {
    return (this.bases ??= readBases());
  }

  /** The names a sent fixture's `base` may take. */
  baseNames(): string[] {
    return [...this.baseDeclarations().keys()];
  }
}

function fixtureError(name: string, message: string): HttpError {
  return new HttpError(400, 'fixture-invalid', `fixture ${quoted(name)}: ${message}`);
}

/** `../../_fixtures/steel-credit.yaml`, `_fixtures/steel-credit.yaml` or `steel-credit.yaml`: a bundled base by file name. */
const BASE_REFERENCE = /^(?:\.\.\/)*(?:_fixtures\/)?([A-Za-z0-9._-]+\.ya?ml)$/;

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Why a fixture pointer cannot be used, or undefined: one into the declaration, not its root, of a bounded depth. */
function pointerProblem(pointer: string): string | undefined {
  if (!pointer.startsWith('/')) return `${quoted(clipped(pointer, 60))} is not a JSON pointer into the declaration (such as /ledger/outputs/0/quantity)`;
  if (pointerToSegments(pointer).length > FIXTURE_LIMITS.pointerSegments) return `${quoted(clipped(pointer, 60))} is more than ${FIXTURE_LIMITS.pointerSegments} levels deep`;
  return undefined;
}

/** The optional fields of a case, of the types runRuleFixtures reads them as; the problem in words otherwise. */
function caseFieldProblem(fixtureCase: FixtureCase): string | undefined {
  const { set, remove, versions, messageIncludes, asOf } = fixtureCase as unknown as Record<string, unknown>;
  if (set !== undefined) {
    if (set === null || typeof set !== 'object' || Array.isArray(set)) return 'set must be a mapping of JSON pointers to values';
    for (const pointer of Object.keys(set)) {
      const problem = pointerProblem(pointer);
      if (problem) return `set: ${problem}`;
    }
  }
  if (remove !== undefined) {
    if (!isStringList(remove)) return 'remove must be a list of JSON pointers';
    for (const pointer of remove) {
      const problem = pointerProblem(pointer);
      if (problem) return `remove: ${problem}`;
    }
  }
  if (versions !== undefined && !isStringList(versions)) return 'versions must be a list of ruleset versions, such as ["1.1.0"]';
  if (messageIncludes !== undefined && !isStringList(messageIncludes)) return 'messageIncludes must be a list of texts';
  if (asOf !== undefined && (typeof asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(asOf))) return `asOf must be a date, YYYY-MM-DD; got ${quoted(clipped(String(JSON.stringify(asOf)), 40))}`;
  return undefined;
}

/**
 * Fixture files as runRuleFixtures takes them, each case's declaration built here (the bundled base it names, or its
 * own, with its edits applied), so that running them reads no file and the limits measure what each check parses.
 * Every problem names the fixture and the case.
 */
export function readyFixtures(texts: readonly FixtureText[], bases: ReadonlyMap<string, unknown>): RuleFixtures[] {
  let caseCount = 0;
  let bytes = 0;
  return texts.map(({ name, text }) => {
    let data: Partial<RuleFixtures> | null;
    try {
      data = parseYaml(text) as Partial<RuleFixtures> | null;
    } catch (error) {
      throw fixtureError(name, `not valid YAML: ${(error as Error).message}`);
    }
    if (!data || typeof data !== 'object' || typeof data.rule !== 'string' || !Array.isArray(data.cases)) {
      throw fixtureError(name, 'a fixture file needs "rule" (a rule id) and "cases" (a list), as the files under rulesets/<id>/tests/ have');
    }
    const cases = data.cases.map((fixtureCase: FixtureCase, i): FixtureCase => {
      const label = `case ${i + 1}${typeof fixtureCase?.name === 'string' ? ` (${quoted(fixtureCase.name)})` : ''}`;
      if (!fixtureCase || typeof fixtureCase !== 'object') throw fixtureError(name, `${label} is not a mapping`);
      if (typeof fixtureCase.name !== 'string') throw fixtureError(name, `${label} has no name`);
      if (!['pass', 'fail', 'not-applicable', 'cannot-tell'].includes(fixtureCase.expect)) {
        throw fixtureError(name, `${label}: expect must be pass, fail, not-applicable or cannot-tell; got ${quoted(String(fixtureCase.expect))}`);
      }
      const fieldProblem = caseFieldProblem(fixtureCase);
      if (fieldProblem) throw fixtureError(name, `${label}: ${fieldProblem}`);
      if (++caseCount > FIXTURE_LIMITS.cases) throw new HttpError(413, 'too-many-fixture-cases', `the fixtures hold more than ${FIXTURE_LIMITS.cases} cases; this server runs at most ${FIXTURE_LIMITS.cases} in one request: send them in several, or run \`mbcheck ruleset test\` on your own machine`);
      let declaration: unknown;
      if (fixtureCase.base === undefined) {
        if (fixtureCase.declaration === undefined) throw fixtureError(name, `${label} has neither a base nor a declaration`);
        declaration = fixtureCase.declaration;
      } else {
        const reference = typeof fixtureCase.base === 'string' ? BASE_REFERENCE.exec(fixtureCase.base)?.[1] : undefined;
        if (reference === undefined || !bases.has(reference)) {
          throw fixtureError(name, `${label}: base ${quoted(String(fixtureCase.base))} is not one of the bundled base declarations (${[...bases.keys()].join(', ')}); a fixture sent to this server reads no file, so give its declaration inline under "declaration" instead`);
        }
        declaration = bases.get(reference);
      }
      // The declaration the case's check will parse: its edits applied (a pointer that cannot apply refused here,
      // before any case runs), then written as JSON, YAML's aliases expanded.
      let size: number;
      try {
        declaration = applyEdits(structuredClone(declaration), fixtureCase);
        size = Buffer.byteLength(JSON.stringify(declaration) ?? '');
      } catch (error) {
        if (error instanceof MbcheckError) throw fixtureError(name, `${label}: ${error.message}`);
        // An alias that holds itself (&a [*a]) is a document without end.
        throw fixtureError(name, `${label} cannot be written as JSON (${(error as Error).message}); a declaration holds no alias of itself`);
      }
      bytes += size;
      if (size > FIXTURE_LIMITS.caseBytes) throw new HttpError(413, 'fixture-case-too-large', `fixture ${quoted(name)}: ${label} is ${size} bytes of JSON; a case sent to this server is at most ${FIXTURE_LIMITS.caseBytes} (a fixture proves a rule on a small declaration: check a large one with POST /v1/check)`);
      if (bytes > FIXTURE_LIMITS.totalBytes) throw new HttpError(413, 'fixture-case-too-large', `the fixtures' cases add up to more than ${FIXTURE_LIMITS.totalBytes} bytes of JSON; send them in several requests`);
      // Run as built: the edits are in the declaration already.
      const { base: _base, set: _set, remove: _remove, ...rest } = fixtureCase;
      return { ...rest, declaration };
    });
    return { file: clipped(basename(name), 200), rule: data.rule, cases };
  });
}
