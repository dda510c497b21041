// `ruleset lint`: a ruleset file checked for depth, against its schema, then for meaning: duplicate ids, facts
// and paths that no declaration or metric provides (in conditions, messages and evidence), paths and patterns
// that loading refuses, message templates that do not parse or call unknown helpers, unknown operators, dates in
// force overlapping another version, and applicability no declaration can reach. Every problem with its
// pointer, line and column.
import { eudrNearMiss } from '../commodities.js';
import type { Condition, Ruleset } from '../generated/ruleset.js';
import { parseDeclarationText } from '../declaration/parse.js';
import { segmentsToPointer, type Locate, type ValidationError } from '../declaration/problems.js';
import { schemaErrors } from '../declaration/schemaErrors.js';
import type { DeclarationSource } from '../declaration/source.js';
import { operatorNames } from '../engine/operators.js';
import { readTemplate } from './messageTemplates.js';
import { patternProblems } from './patterns.js';
import { decoratorProblems } from './decorators.js';
import { pathProblems, pathRefusal } from './conditionPaths.js';
import { nestingProblems } from './nesting.js';
import type { RuleProblem } from './conditionTree.js';
import { loadSchema, rulesetValidator, schemaAt, type JsonSchema } from '../schemas.js';
import { compareVersions, type RulesetRegistry } from './registry.js';
import { MbcheckError } from '../errors.js';

const decorators = ['not', 'someFact', 'someValue', 'everyFact', 'everyValue', 'swap'];

type SchemaTree = { root: JsonSchema; defs: Record<string, JsonSchema> };
const schemaTrees = new Map<string, SchemaTree>();
function schemaTree(file: 'declaration.schema.json' | 'metrics.schema.json'): SchemaTree {
  let tree = schemaTrees.get(file);
  if (!tree) {
    const root = loadSchema(file) as JsonSchema & { $defs: Record<string, JsonSchema> };
    schemaTrees.set(file, (tree = { root, defs: root.$defs }));
  }
  return tree;
}
/** The two facts a rule sees, each with the schema its paths are checked against. */
const FACT_SCHEMAS = { declaration: 'declaration.schema.json', metrics: 'metrics.schema.json' } as const;
const declarationSchemaTree = () => schemaTree(FACT_SCHEMAS.declaration);

function pathSegments(path: string): string[] {
  return path.replace(/^\$\.?/, '').replace(/\[(\d+|\*)\]/g, '.$1').split('.').filter(Boolean);
}

/** Whether the fact can hold a value at the path, by its schema (a nullable object still has its properties). */
function schemaHasPath(fact: keyof typeof FACT_SCHEMAS, segments: string[]): boolean {
  const { root, defs } = schemaTree(FACT_SCHEMAS[fact]);
  return schemaAt(root, segments, defs) !== undefined;
}

type Problem = RuleProblem;

function conditionProblems(condition: Condition, path: Array<string | number>, operators: Set<string>): Problem[] {
  const problems: Problem[] = [];
  for (const key of ['all', 'any'] as const) {
    condition[key]?.forEach((child, i) => problems.push(...conditionProblems(child, [...path, key, i], operators)));
  }
  if (condition.not) problems.push(...conditionProblems(condition.not, [...path, 'not'], operators));
  if (condition.fact === undefined) return problems;
  if (condition.fact !== 'declaration' && condition.fact !== 'metrics') {
    problems.push({ path: [...path, 'fact'], code: 'unknown-fact', message: `unknown fact "${String(condition.fact)}": rules see two facts, declaration and metrics` });
    return problems;
  }
  const operator = condition.operator ?? '';
  const [decorator, base] = operator.includes(':') ? (operator.split(':', 2) as [string, string]) : ['', operator];
  if (!operators.has(base) || (decorator && !decorators.includes(decorator))) {
    problems.push({ path: [...path, 'operator'], code: 'unknown-operator', message: `unknown operator "${operator}"; known: ${[...operators].join(', ')} (decorators ${decorators.join(', ')} may prefix one, as in not:equal)` });
  }
  // A path that loading refuses is reported as such (pathProblems), not as one no declaration provides.
  if (pathRefusal(condition.path) === undefined && !schemaHasPath(condition.fact, pathSegments(condition.path ?? '$'))) {
    problems.push({ path: [...path, 'path'], code: 'unknown-path', message: `no ${condition.fact} provides ${condition.path ?? '$'}: see schemas/${FACT_SCHEMAS[condition.fact]}` });
  }
  return problems;
}

/** Whether a path written as in messages and evidence (declaration.…, metrics.…, ruleset.id) reaches a value. */
function factPathKnown(path: string): boolean {
  const [root, ...rest] = path.split(/[./]/);
  if (root === 'declaration' || root === 'metrics') return schemaHasPath(root, rest);
  if (root === 'ruleset') return rest.length <= 1 && (rest[0] === undefined || rest[0] === 'id' || rest[0] === 'version');
  return false;
}

const FACT_PATHS = 'messages and evidence read declaration.…, metrics.… and ruleset.id / ruleset.version (see schemas/declaration.schema.json and schemas/metrics.schema.json)';

function messageProblems(rule: Ruleset['rules'][number], path: Array<string | number>): Problem[] {
  const problems: Problem[] = [];
  for (const which of ['fail', 'pass'] as const) {
    const source = rule.message?.[which];
    if (typeof source !== 'string') continue;
    const reading = readTemplate(source);
    for (const problem of reading.problems) problems.push({ path: [...path, 'message', which], code: problem.code, message: problem.message });
    for (const read of new Set(reading.paths)) {
      if (!factPathKnown(read)) problems.push({ path: [...path, 'message', which], code: 'unknown-path', message: `the message reads "${read}", which nothing provides, so it would print as nothing; ${FACT_PATHS}` });
    }
  }
  for (const [name, read] of Object.entries(rule.evidence ?? {})) {
    if (!factPathKnown(read)) problems.push({ path: [...path, 'evidence', name], code: 'unknown-path', message: `evidence "${name}" reads "${read}", which nothing provides; ${FACT_PATHS}` });
  }
  return problems;
}

function semanticProblems(ruleset: Ruleset, registry: LintRegistry | undefined): Problem[] {
  const problems: Problem[] = [];
  const operators = new Set(operatorNames());
  const seen = new Map<string, number>();
  ruleset.rules.forEach((rule, i) => {
    if (!rule || typeof rule.id !== 'string' || !rule.conditions || typeof rule.conditions !== 'object') return;
    const earlier = seen.get(rule.id);
    if (earlier !== undefined) problems.push({ path: ['rules', i, 'id'], code: 'duplicate-id', message: `duplicate rule id "${rule.id}" (first at rules/${earlier})` });
    else seen.set(rule.id, i);
    if (!rule.id.startsWith(`${ruleset.id}/`)) problems.push({ path: ['rules', i, 'id'], code: 'rule-id-prefix', message: `rule id "${rule.id}" must start with "${ruleset.id}/"` });
    problems.push(...conditionProblems(rule.conditions, ['rules', i, 'conditions'], operators));
    if (rule.appliesWhen) problems.push(...conditionProblems(rule.appliesWhen, ['rules', i, 'appliesWhen'], operators));
    problems.push(...pathProblems(rule, i), ...patternProblems(rule, i), ...decoratorProblems(rule, i));
    problems.push(...messageProblems(rule, ['rules', i]));
  });
  const sectors = (declarationSchemaTree().root.properties?.['sector']?.enum ?? []) as string[];
  (ruleset.appliesTo.sectors ?? []).forEach((sector, i) => {
    if (!sectors.includes(sector)) problems.push({ path: ['appliesTo', 'sectors', i], code: 'unreachable', message: `no declaration has sector "${sector}": sectors are ${sectors.join(', ')}` });
  });
  (ruleset.appliesTo.commodities ?? []).forEach((commodity, i) => {
    const nearMiss = eudrNearMiss(commodity);
    if (nearMiss) problems.push({ path: ['appliesTo', 'commodities', i], code: 'commodity-near-miss', message: `commodity "${commodity}" looks like a misspelling of "${nearMiss.name}" (the EUDR commodity ${nearMiss.commodity}), and no valid declaration can have it (there it is a validation error): write "${nearMiss.commodity}"` });
  });
  if (ruleset.inForce.until !== undefined && ruleset.inForce.until <= ruleset.inForce.from) {
    problems.push({ path: ['inForce', 'until'], code: 'unreachable', message: `in force until ${ruleset.inForce.until}, not after its start ${ruleset.inForce.from}: no date selects it` });
  }
  const superseded = ruleset.supersedes?.version;
  if (superseded !== undefined && (compareVersions(superseded, ruleset.version) >= 0 || (registry && !registry.versionsOf(ruleset.id).some((v) => v.ruleset.version === superseded)))) {
    const known = registry?.versionsOf(ruleset.id).map((v) => v.ruleset.version).join(', ') || 'none';
    problems.push({ path: ['supersedes', 'version'], code: 'unknown-version', message: `supersedes ${ruleset.id}@${superseded}, which is not an earlier version of ${ruleset.id} (versions: ${known}): a correction names the released version it replaces` });
  }
  for (const other of registry?.versionsOf(ruleset.id) ?? []) {
    if (other.ruleset.version === ruleset.version) continue;
    // A correction shares the dates of the version it supersedes on purpose: the newer one is chosen.
    if (ruleset.supersedes?.version === other.ruleset.version || other.ruleset.supersedes?.version === ruleset.version) continue;
    const a = ruleset.inForce;
    const b = other.ruleset.inForce;
    if (a.from < (b.until ?? '9999-12-31') && b.from < (a.until ?? '9999-12-31')) {
      problems.push({ path: ['inForce'], code: 'overlapping-dates', message: `in force ${a.from} to ${a.until ?? 'open'}, overlapping ${ruleset.id}@${other.ruleset.version} (${b.from} to ${b.until ?? 'open'}): --as-of could not tell which applies` });
    }
  }
  return problems;
}

/** What lint asks of the rulesets around the one it reads; the service passes one whose bases never come from files. */
export type LintRegistry = Pick<RulesetRegistry, 'versionsOf' | 'resolveBase'>;

export function lintRulesetSource(source: DeclarationSource, registry?: LintRegistry): ValidationError[] {
  const parsed = parseDeclarationText({ ...source, name: source.name.endsWith('.json') ? source.name : `${source.name}.json` });
  if (!parsed.ok) return parsed.errors;
  const validate = rulesetValidator();
  const located = (problems: Problem[], locate: Locate) =>
    problems.map(({ path, code, message }) => {
      const pointer = segmentsToPointer(path);
      return { pointer, ...locate(pointer), code, message };
    });
  // Whatever reads further recurses through the ruleset: too deep a one is reported alone, as loading refuses it.
  const tooDeep = nestingProblems(parsed.data);
  if (tooDeep.length > 0) return located(tooDeep, parsed.locate);
  const schemaProblems = validate(parsed.data) ? [] : schemaErrors(validate.errors, parsed.data, parsed.locate);
  // Meaning is checked even when the schema fails, as far as the shape allows, so one run shows everything.
  const ruleset = parsed.data as Ruleset;
  let meaning: Problem[] = [];
  if (ruleset && typeof ruleset === 'object' && Array.isArray(ruleset.rules) && ruleset.inForce && ruleset.appliesTo) {
    meaning = semanticProblems(ruleset, registry);
  }
  // The base is read as loading would read it: one that cannot be is the ruleset's problem, said here too.
  if (registry && ruleset && typeof ruleset === 'object' && typeof ruleset.extends === 'string') {
    try {
      registry.resolveBase(ruleset.extends, source.name, ruleset.inForce?.from ?? new Date().toISOString().slice(0, 10));
    } catch (error) {
      if (!(error instanceof MbcheckError)) throw error;
      meaning.push({ path: ['extends'], code: 'unreadable-base', message: `the base cannot be loaded: ${error.message}` });
    }
  }
  return [...schemaProblems, ...located(meaning, parsed.locate)].sort((a, b) => a.line - b.line || a.column - b.column);
}
