// What the authoring routes work on: the bundled rulesets' own texts, fixtures and base declarations (read once,
// from the package only), and a client's ruleset and fixtures, taken from the request and never from a file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { MbcheckError } from '../errors.js';
import { loadRulesetBytes, type LoadedRuleset } from '../rulesets/load.js';
import { fixturesDirectoryOf, type FixtureCase, type RuleFixtures } from '../rulesets/fixtures.js';
import type { LintRegistry } from '../rulesets/lint.js';
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

  constructor(private readonly registry: RulesetRegistry) {}

  /** A bundled ruleset by id and version, or 404 saying what there is instead. */
  bundledSource(id: string, version: string): BundledRulesetSource {
    if (/[/\\]|\.\.|\.json$/i.test(id) || /[/\\]/.test(version)) {
      throw new HttpError(404, 'not-found', `ruleset ${quoted(id)} looks like a path; this server serves only its bundled rulesets, as GET /v1/rulesets/{id}/{version} such as /v1/rulesets/integrity/1.1.0 (GET /v1/rulesets lists them)`);
    }
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
    return this.registry.resolve(spec, asOf);
  }

  /** The ruleset sent, loaded as `mbcheck check --ruleset FILE` would load it, its base from the bundled ones only. */
  load(bytes: Uint8Array): LoadedRuleset {
    let asOf = new Date().toISOString().slice(0, 10);
    try {
      const from = (JSON.parse(Buffer.from(bytes).toString('utf8')) as { inForce?: { from?: unknown } } | null)?.inForce?.from;
      if (typeof from === 'string') asOf = from;
    } catch {
      // Loading says what is wrong with the JSON.
    }
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

/**
 * Fixture files as runRuleFixtures takes them, each case's base replaced by the bundled declaration it names,
 * so that running them reads no file. Every problem names the fixture and the case.
 */
export function readyFixtures(texts: readonly FixtureText[], bases: ReadonlyMap<string, unknown>): RuleFixtures[] {
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
      if (fixtureCase.base === undefined) {
        if (fixtureCase.declaration === undefined) throw fixtureError(name, `${label} has neither a base nor a declaration`);
        return fixtureCase;
      }
      const reference = typeof fixtureCase.base === 'string' ? BASE_REFERENCE.exec(fixtureCase.base)?.[1] : undefined;
      if (reference === undefined || !bases.has(reference)) {
        throw fixtureError(name, `${label}: base ${quoted(String(fixtureCase.base))} is not one of the bundled base declarations (${[...bases.keys()].join(', ')}); a fixture sent to this server reads no file, so give its declaration inline under "declaration" instead`);
      }
      const { base: _base, ...rest } = fixtureCase;
      return { ...rest, declaration: bases.get(reference) };
    });
    return { file: clipped(basename(name), 200), rule: data.rule, cases };
  });
}
