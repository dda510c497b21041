// Rule fixtures as data: each rule's cases (a base declaration plus edits, and the expected outcome) live in
// rulesets/<id>/tests/<rule-name>.yaml, next to the rule they prove. This runs them.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { checkSource } from '../check.js';
import { sourceFromText } from '../declaration/source.js';
import { pointerToSegments } from '../declaration/problems.js';
import { MbcheckError } from '../errors.js';
import type { Outcome } from '../result.js';
import type { LoadedRuleset } from './load.js';
import { readRegularTextSync } from '../regularFile.js';
import { quoted } from '../quoting.js';

const fixtureLimit = { what: 'the fixture file', maxBytes: 64 * 1024 * 1024 };
const baseLimit = { what: 'the fixture base declaration', maxBytes: 512 * 1024 * 1024 };

export interface FixtureCase {
  name: string;
  /** Why the case exists: what it proves about the rule. */
  why?: string;
  /** Path of a base declaration (YAML or JSON), relative to the fixture file. */
  base?: string;
  /** A whole declaration instead of a base. */
  declaration?: unknown;
  /** JSON pointer -> value, set after loading the base (a final "-" appends to an array). */
  set?: Record<string, unknown>;
  /** JSON pointers removed after loading the base. */
  remove?: string[];
  expect: Outcome;
  /** Texts the message must contain: the figures a reader needs. */
  messageIncludes?: string[];
  asOf?: string;
  /** Ruleset versions the case holds for (default: every version that has the rule). */
  versions?: string[];
}

export interface RuleFixtures {
  file: string;
  rule: string;
  cases: FixtureCase[];
}

export interface CaseReport {
  name: string;
  expected: Outcome;
  actual: Outcome | 'invalid' | 'missing';
  ok: boolean;
  message: string;
}

export interface RuleReport {
  ruleId: string;
  file: string | null;
  cases: CaseReport[];
  /** A rule needs at least one passing and one failing case to count as tested. */
  complete: boolean;
}

export function loadRuleFixtures(directory: string): RuleFixtures[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => {
      const file = join(directory, f);
      const data = parseYaml(readRegularTextSync(file, fixtureLimit)) as Partial<RuleFixtures> | null;
      if (!data || typeof data.rule !== 'string' || !Array.isArray(data.cases)) {
        throw new MbcheckError('fixture-invalid', `${file}: a fixture file needs "rule" (a rule id) and "cases" (a list)`);
      }
      return { file, rule: data.rule, cases: data.cases };
    });
}

// A fixture's pointers write into plain data; these names would reach the object model instead.
const unsafeSegments = new Set(['__proto__', 'constructor', 'prototype']);

function segmentsOf(pointer: string): string[] {
  const segments = pointerToSegments(pointer);
  const unsafe = segments.find((segment) => unsafeSegments.has(segment));
  if (unsafe) throw new MbcheckError('fixture-invalid', `the fixture pointer ${pointer.slice(0, 200)} names "${unsafe}", which no declaration has`);
  return segments;
}

const INDEX = /^(0|[1-9]\d*)$/;
const kindOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `a ${typeof value}`);

/**
 * The node a pointer's segment reaches into: a mapping or a list, never a text or a number (whose "fields" are not
 * data). Into a list a segment is an index of one of its items, or its length or "-", which append: a larger index
 * would make a list of that many empty places, which a fixture never means and which the check could not write.
 */
function stepInto(node: unknown, segment: string, pointer: string, at: string[]): { container: Record<string, unknown>; key: string } {
  const where = at.length ? `/${at.join('/')}` : 'the declaration';
  if (node === null || typeof node !== 'object') {
    throw new MbcheckError('fixture-invalid', `set ${quoted(pointer, 200)}: ${where} is ${kindOf(node)}, not a mapping or a list, so it has no ${quoted(segment, 60)}`);
  }
  if (!Array.isArray(node)) return { container: node as Record<string, unknown>, key: segment };
  if (segment === '-') return { container: node as unknown as Record<string, unknown>, key: String(node.length) };
  if (!INDEX.test(segment) || Number(segment) > node.length) {
    const items = node.length === 0 ? 'no items, so only 0 or "-" appends one' : `${node.length} item${node.length === 1 ? '' : 's'}: an index sets one (0 to ${node.length - 1}), and ${node.length} or "-" appends one`;
    throw new MbcheckError('fixture-invalid', `set ${quoted(pointer, 200)}: ${where} is a list of ${items}; ${quoted(segment, 60)} is none of these`);
  }
  return { container: node as unknown as Record<string, unknown>, key: segment };
}

function setAt(target: unknown, pointer: string, value: unknown): void {
  const segments = segmentsOf(pointer);
  const last = segments.pop();
  if (last === undefined) throw new MbcheckError('fixture-invalid', `set ${quoted(pointer)}: a case cannot set the whole declaration; give it under "declaration" instead`);
  let node = target;
  const at: string[] = [];
  for (const segment of segments) {
    const { container, key } = stepInto(node, segment, pointer, at);
    if (container[key] === undefined || container[key] === null) container[key] = {};
    node = container[key];
    at.push(segment);
  }
  const { container, key } = stepInto(node, last, pointer, at);
  container[key] = value;
}

function removeAt(target: unknown, pointer: string): void {
  const segments = segmentsOf(pointer);
  const last = segments.pop()!;
  let node = target as Record<string, unknown> | undefined;
  for (const segment of segments) node = node?.[segment] as Record<string, unknown> | undefined;
  // A text's characters are not fields to remove; nor is "abc" an index into a list (Number("abc") would remove the first).
  if (Array.isArray(node)) {
    if (INDEX.test(last)) node.splice(Number(last), 1);
  } else if (node !== null && typeof node === 'object') delete node[last];
}

/** A case's edits (set, then remove) applied to its declaration, in place; a pointer that cannot apply throws fixture-invalid. */
export function applyEdits(data: unknown, fixtureCase: Pick<FixtureCase, 'set' | 'remove'>): unknown {
  for (const [pointer, value] of Object.entries(fixtureCase.set ?? {})) setAt(data, pointer, structuredClone(value));
  for (const pointer of fixtureCase.remove ?? []) removeAt(data, pointer);
  return data;
}

/** Builds the declaration of one case: the base (or inline declaration), then its edits. */
export function materialise(fixtureFile: string, fixtureCase: FixtureCase): unknown {
  let data: unknown;
  if (fixtureCase.base) data = parseYaml(readRegularTextSync(resolve(dirname(fixtureFile), fixtureCase.base), baseLimit));
  else data = structuredClone(fixtureCase.declaration);
  try {
    return applyEdits(data, fixtureCase);
  } catch (error) {
    if (error instanceof MbcheckError && error.code === 'fixture-invalid') throw new MbcheckError('fixture-invalid', `${fixtureFile}: case ${quoted(String(fixtureCase.name))}: ${error.message}`);
    throw error;
  }
}

export function fixturesDirectoryOf(loaded: LoadedRuleset): string {
  return join(dirname(loaded.file), 'tests');
}

/** A ruleset's own fixtures and, when it extends another, the base's fixtures for the rules it inherits. */
export function fixturesOf(loaded: LoadedRuleset): RuleFixtures[] {
  const own = loadRuleFixtures(fixturesDirectoryOf(loaded));
  return loaded.base ? [...own, ...loadRuleFixtures(join(dirname(loaded.base.file), 'tests'))] : own;
}

export interface FixtureRunOptions {
  /**
   * Called before each case: the service's deadline throws from here, so a long run stops between cases, and the
   * service yields to its other requests here (a run of cases never returns to the event loop by itself).
   */
  beforeCase?: () => void | Promise<void>;
}

export async function runRuleFixtures(loaded: LoadedRuleset, fixtures = fixturesOf(loaded), options: FixtureRunOptions = {}): Promise<RuleReport[]> {
  const byRule = new Map<string, RuleFixtures[]>();
  for (const f of fixtures) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  const reports: RuleReport[] = [];
  for (const rule of loaded.ruleset.rules) {
    const files = byRule.get(rule.id) ?? [];
    const cases: CaseReport[] = [];
    for (const file of files) {
      for (const fixtureCase of file.cases) {
        if (fixtureCase.versions && !fixtureCase.versions.includes(loaded.ruleset.version)) continue;
        await options.beforeCase?.();
        const declaration = materialise(file.file, fixtureCase);
        const source = sourceFromText(`${file.file}#${fixtureCase.name}`, JSON.stringify(declaration));
        const result = await checkSource(source, { asOf: fixtureCase.asOf ?? loaded.ruleset.inForce.from }, [loaded]);
        const finding = result.findings?.find((f) => f.ruleId === rule.id);
        const actual: CaseReport['actual'] = !result.valid ? 'invalid' : finding ? finding.outcome : 'missing';
        const message = !result.valid ? result.validationErrors.map((e) => `${e.pointer}: ${e.message}`).join('; ') : (finding?.message ?? '');
        const missingTexts = (fixtureCase.messageIncludes ?? []).filter((text) => !message.includes(text));
        cases.push({
          name: fixtureCase.name,
          expected: fixtureCase.expect,
          actual,
          ok: actual === fixtureCase.expect && missingTexts.length === 0,
          message: missingTexts.length ? `${message} [missing from the message: ${missingTexts.map((t) => JSON.stringify(t)).join(', ')}]` : message,
        });
      }
    }
    reports.push({
      ruleId: rule.id,
      file: files[0]?.file ?? null,
      cases,
      complete: cases.some((c) => c.expected === 'pass') && cases.some((c) => c.expected === 'fail'),
    });
  }
  return reports;
}
