// Reads one ruleset file, validates it against schemas/ruleset.schema.json and fingerprints it.
import { createHash } from 'node:crypto';
import type { Ruleset } from '../generated/ruleset.js';
import { MbcheckError } from '../errors.js';
import { rulesetValidator } from '../schemas.js';
import { isPrecompiled } from '../engine/messages.js';
import { readTemplate } from './messageTemplates.js';
import { patternProblems } from './patterns.js';
import { pathProblems } from './conditionPaths.js';
import { decoratorProblems, operatorProblems } from './decorators.js';
import { operatorNames } from '../engine/operators.js';
import { nestingProblems } from './nesting.js';
import { problemText, type RuleProblem } from './conditionTree.js';
import { readRegularFileSync } from '../regularFile.js';
import { sourceFromBytes, type DeclarationSource } from '../declaration/source.js';
import { firstDuplicateKey, membersInData, membersInText } from '../declaration/jsonDuplicates.js';
import { quoted } from '../quoting.js';

export interface LoadedRuleset {
  /** The rules as evaluated: for a ruleset that extends another, the base's rules (overridden) then its own. */
  ruleset: Ruleset;
  /** sha256 of the file's bytes: a result records exactly which revision judged it. */
  sha256: string;
  file: string;
  /** The ruleset this one extends, recorded in every result beside this one's own version and hash. */
  base?: { id: string; version: string; sha256: string; file: string };
}

/** Finds the base a ruleset extends: an id@version known to a registry, or a path relative to the extending file. */
export type BaseResolver = (spec: string, fromFile: string) => LoadedRuleset;

/** The bundled rulesets are below 200 kB; a file a hundred times larger is no ruleset. */
export const RULESET_FILE_LIMIT = { what: 'the ruleset', maxBytes: 16 * 1024 * 1024 };

export interface LoadOptions {
  /**
   * A ruleset shipped with mbcheck: its patterns are compiled when first matched instead of at load (a test
   * compiles every one), so that starting a check does not pay for rules it will not run.
   */
  shipped?: boolean;
}

/** A ruleset file as a source to lint: a regular file within the ruleset limit, with lines for its problems. */
export function readRulesetSource(file: string): DeclarationSource {
  return sourceFromBytes(file, readRegularFileSync(file, RULESET_FILE_LIMIT));
}

export function loadRulesetFile(file: string, resolveBase?: BaseResolver, options: LoadOptions = {}): LoadedRuleset {
  return loadRulesetBytes(file, readRegularFileSync(file, RULESET_FILE_LIMIT), resolveBase, options);
}

/** A ruleset from its bytes (one sent to the service has no file): `file` only names it in errors and results. */
export function loadRulesetBytes(file: string, bytes: Uint8Array, resolveBase?: BaseResolver, options: LoadOptions = {}): LoadedRuleset {
  const text = Buffer.from(bytes).toString('utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new MbcheckError('ruleset-invalid', `${file}: not valid JSON: ${(error as Error).message}`);
  }
  // A key written twice would be judged by its last value without a word, as in a declaration.
  if (!options.shipped && membersInText(text) !== membersInData(data)) {
    const duplicate = firstDuplicateKey(text);
    if (duplicate) {
      const line = text.slice(0, duplicate.againAt).split('\n').length;
      throw new MbcheckError('ruleset-invalid', `${file}:${line}: the key ${quoted(duplicate.key)} appears twice in the object at ${duplicate.objectPointer || '/'}; JSON would keep only the last value, so write each key once`);
    }
  }
  const refuse = (code: string, problems: RuleProblem[]) => {
    if (problems.length > 0) throw new MbcheckError(code, `${file}: ${problems.map((p) => problemText(data, p)).join('; ')}`);
  };
  // Before the schema: its validator, like everything after it, recurses through the conditions.
  refuse('ruleset-invalid', nestingProblems(data));
  const validate = rulesetValidator();
  if (!validate(data)) {
    const problems = (validate.errors ?? []).slice(0, 10).map((e) => `  ${e.instancePath || '/'}: ${e.message ?? e.keyword}`);
    throw new MbcheckError('ruleset-invalid', `${file}: not a valid ruleset (schemas/ruleset.schema.json):\n${problems.join('\n')}`);
  }
  const own = data;
  const seen = new Set<string>();
  for (const rule of own.rules) {
    if (!rule.id.startsWith(`${own.id}/`)) {
      throw new MbcheckError('ruleset-invalid', `${file}: rule id "${rule.id}" must start with "${own.id}/"`);
    }
  }
  if (!options.shipped) refuse('unsafe-pattern', own.rules.flatMap(patternProblems));
  refuse('ruleset-invalid', own.rules.flatMap(pathProblems));
  refuse('ruleset-invalid', own.rules.flatMap(decoratorProblems));
  const operators = new Set(operatorNames());
  refuse('ruleset-invalid', own.rules.flatMap((rule, i) => operatorProblems(rule, i, operators)));
  // A message that would fail to render must fail here, naming its rule, not halfway through someone's check.
  // The bundled rulesets' messages ship precompiled, so only a ruleset of the user's own pays for this reading.
  const broken = own.rules.flatMap((rule) =>
    (['fail', 'pass'] as const).flatMap((which) => {
      const source = rule.message[which];
      if (source === undefined || isPrecompiled(source)) return [];
      return readTemplate(source).problems.map((problem) => `rule ${rule.id}: message.${which}: ${problem.message}`);
    }),
  );
  if (broken.length > 0) throw new MbcheckError('ruleset-invalid', `${file}: ${broken.join('; ')}`);
  let ruleset = own;
  let base: LoadedRuleset['base'];
  if (own.extends !== undefined) {
    if (!resolveBase) throw new MbcheckError('ruleset-invalid', `${file}: extends "${own.extends}", but bundled rulesets cannot extend others`);
    const parent = resolveBase(own.extends, file);
    const overrides = own.overrides ?? {};
    const inheritedIds = new Set(parent.ruleset.rules.map((r) => r.id));
    const unknown = Object.keys(overrides).filter((id) => !inheritedIds.has(id));
    if (unknown.length) throw new MbcheckError('ruleset-invalid', `${file}: overrides name rules that ${parent.ruleset.id}@${parent.ruleset.version} does not have: ${unknown.join(', ')}`);
    const inherited = parent.ruleset.rules
      .filter((r) => overrides[r.id]?.off !== true)
      .map((r) => (overrides[r.id]?.level ? { ...r, level: overrides[r.id]!.level! } : r));
    ruleset = { ...own, rules: [...inherited, ...own.rules] };
    base = { id: parent.ruleset.id, version: parent.ruleset.version, sha256: parent.sha256, file: parent.file };
  }
  for (const rule of ruleset.rules) {
    if (seen.has(rule.id)) throw new MbcheckError('ruleset-invalid', `${file}: duplicate rule id "${rule.id}"`);
    seen.add(rule.id);
  }
  return { ruleset, sha256: createHash('sha256').update(bytes).digest('hex'), file, ...(base ? { base } : {}) };
}
