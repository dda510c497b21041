// `ruleset lint`: a ruleset file checked against its schema, then for meaning: duplicate ids, facts and paths
// that no declaration or metric provides (in conditions, messages and evidence), message templates that do not
// parse or call unknown helpers, unknown operators, dates in force overlapping another version, and
// applicability no declaration can reach. Every problem with its pointer, line and column.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Declaration } from '../generated/declaration.js';
import type { Condition, Ruleset } from '../generated/ruleset.js';
import { parseDeclarationText } from '../declaration/parse.js';
import { segmentsToPointer, type Locate, type ValidationError } from '../declaration/problems.js';
import { schemaErrors } from '../declaration/schemaErrors.js';
import type { DeclarationSource } from '../declaration/source.js';
import { operatorNames } from '../engine/operators.js';
import { deriveMetrics } from '../metrics/derive.js';
import { paths } from '../paths.js';
import { readTemplate } from './messageTemplates.js';
import { unsafePatterns } from './patterns.js';
import { loadSchema, rulesetValidator } from '../schemas.js';
import type { RulesetRegistry } from './registry.js';

type JsonSchema = { $ref?: string; properties?: Record<string, JsonSchema>; items?: JsonSchema; oneOf?: JsonSchema[]; anyOf?: JsonSchema[]; enum?: unknown[]; type?: unknown };

const decorators = ['not', 'someFact', 'someValue', 'everyFact', 'everyValue', 'swap'];

let declarationSchema: { root: JsonSchema; defs: Record<string, JsonSchema> } | undefined;
function declarationSchemaTree() {
  if (!declarationSchema) {
    const root = loadSchema('declaration.schema.json') as JsonSchema & { $defs: Record<string, JsonSchema> };
    declarationSchema = { root, defs: root.$defs };
  }
  return declarationSchema;
}

let sampleMetrics: unknown;
/** Metrics of a small bundled declaration with a ledger: the shape every metrics path must exist in. */
function metricsSample(): unknown {
  sampleMetrics ??= deriveMetrics(parseYaml(readFileSync(join(paths.rulesets, '_fixtures', 'steel-credit.yaml'), 'utf8')) as Declaration);
  return sampleMetrics;
}

function pathSegments(path: string): string[] {
  return path.replace(/^\$\.?/, '').replace(/\[(\d+|\*)\]/g, '.$1').split('.').filter(Boolean);
}

function schemaHasPath(schema: JsonSchema, segments: string[], defs: Record<string, JsonSchema>): boolean {
  let node: JsonSchema | undefined = schema;
  for (let i = 0; i < segments.length; i++) {
    while (node?.$ref) node = defs[node.$ref.replace('#/$defs/', '')];
    if (!node) return false;
    const branches: JsonSchema[] | undefined = node.oneOf ?? node.anyOf;
    if (branches) return branches.some((b) => schemaHasPath(b, segments.slice(i), defs));
    const segment = segments[i]!;
    if (node.items && (/^\d+$/.test(segment) || segment === '*' || segment === 'length')) {
      if (segment === 'length') return i === segments.length - 1;
      node = node.items;
    } else if (node.properties && Object.hasOwn(node.properties, segment)) node = node.properties[segment];
    else return false;
  }
  return true;
}

function sampleHasPath(sample: unknown, segments: string[]): boolean {
  let node = sample;
  for (const segment of segments) {
    // A figure that is null in the sample (no stacked output, say) may hold an object elsewhere: trust the prefix.
    if (node === null) return true;
    if (Array.isArray(node)) {
      if (segment === 'length') return true;
      if (!/^\d+$/.test(segment) && segment !== '*') return false;
      if (node.length === 0) return true;
      node = node[0];
    } else if (typeof node === 'object' && node !== undefined && Object.hasOwn(node, segment)) node = (node as Record<string, unknown>)[segment];
    else return false;
  }
  return true;
}

type Problem = { path: Array<string | number>; code: string; message: string };

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
  if (base === 'matches' && typeof condition.value === 'string') {
    for (const unsafe of unsafePatterns([{ id: 'lint', conditions: { all: [{ fact: 'declaration', operator: 'matches', value: condition.value }] } } as never])) {
      problems.push({ path: [...path, 'value'], code: 'unsafe-pattern', message: `the pattern ${JSON.stringify(unsafe.pattern)} is refused: ${unsafe.why}` });
    }
  }
  const segments = pathSegments(condition.path ?? '$');
  const known = condition.fact === 'declaration'
    ? schemaHasPath(declarationSchemaTree().root, segments, declarationSchemaTree().defs)
    : sampleHasPath(metricsSample(), segments);
  if (!known) {
    problems.push({ path: [...path, 'path'], code: 'unknown-path', message: `no ${condition.fact} provides ${condition.path ?? '$'}: ${condition.fact === 'declaration' ? 'see schemas/declaration.schema.json' : 'see the metrics of `mbcheck check --format json`'}` });
  }
  return problems;
}

/** Whether a path written as in messages and evidence (declaration.…, metrics.…, ruleset.id) reaches a value. */
function factPathKnown(path: string): boolean {
  const [root, ...rest] = path.split(/[./]/);
  if (root === 'declaration') return schemaHasPath(declarationSchemaTree().root, rest, declarationSchemaTree().defs);
  if (root === 'metrics') return sampleHasPath(metricsSample(), rest);
  if (root === 'ruleset') return rest.length <= 1 && (rest[0] === undefined || rest[0] === 'id' || rest[0] === 'version');
  return false;
}

const FACT_PATHS = 'messages and evidence read declaration.…, metrics.… and ruleset.id / ruleset.version (see schemas/declaration.schema.json and the metrics of `mbcheck check --format json`)';

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

function semanticProblems(ruleset: Ruleset, registry: RulesetRegistry | undefined): Problem[] {
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
    problems.push(...messageProblems(rule, ['rules', i]));
  });
  const sectors = (declarationSchemaTree().root.properties?.['sector']?.enum ?? []) as string[];
  (ruleset.appliesTo.sectors ?? []).forEach((sector, i) => {
    if (!sectors.includes(sector)) problems.push({ path: ['appliesTo', 'sectors', i], code: 'unreachable', message: `no declaration has sector "${sector}": sectors are ${sectors.join(', ')}` });
  });
  if (ruleset.inForce.until !== undefined && ruleset.inForce.until <= ruleset.inForce.from) {
    problems.push({ path: ['inForce', 'until'], code: 'unreachable', message: `in force until ${ruleset.inForce.until}, not after its start ${ruleset.inForce.from}: no date selects it` });
  }
  for (const other of registry?.versionsOf(ruleset.id) ?? []) {
    if (other.ruleset.version === ruleset.version) continue;
    const a = ruleset.inForce;
    const b = other.ruleset.inForce;
    if (a.from < (b.until ?? '9999-12-31') && b.from < (a.until ?? '9999-12-31')) {
      problems.push({ path: ['inForce'], code: 'overlapping-dates', message: `in force ${a.from} to ${a.until ?? 'open'}, overlapping ${ruleset.id}@${other.ruleset.version} (${b.from} to ${b.until ?? 'open'}): --as-of could not tell which applies` });
    }
  }
  return problems;
}

export function lintRulesetSource(source: DeclarationSource, registry?: RulesetRegistry): ValidationError[] {
  const parsed = parseDeclarationText({ ...source, name: source.name.endsWith('.json') ? source.name : `${source.name}.json` });
  if (!parsed.ok) return parsed.errors;
  const validate = rulesetValidator();
  const located = (problems: Problem[], locate: Locate) =>
    problems.map(({ path, code, message }) => {
      const pointer = segmentsToPointer(path);
      return { pointer, ...locate(pointer), code, message };
    });
  const schemaProblems = validate(parsed.data) ? [] : schemaErrors(validate.errors, parsed.data, parsed.locate);
  // Meaning is checked even when the schema fails, as far as the shape allows, so one run shows everything.
  const ruleset = parsed.data as Ruleset;
  let meaning: Problem[] = [];
  if (ruleset && typeof ruleset === 'object' && Array.isArray(ruleset.rules) && ruleset.inForce && ruleset.appliesTo) {
    meaning = semanticProblems(ruleset, registry);
  }
  return [...schemaProblems, ...located(meaning, parsed.locate)].sort((a, b) => a.line - b.line || a.column - b.column);
}
