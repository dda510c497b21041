// evaluate rules: one json-rules-engine Engine per ruleset version, built once, run on {declaration, metrics}.
import { Engine, type TopLevelConditionResult } from 'json-rules-engine';
import type { Declaration } from '../generated/declaration.js';
import type { Rule } from '../generated/ruleset.js';
import type { Metrics } from '../metrics/types.js';
import { appliesTo } from '../rulesets/registry.js';
import type { LoadedRuleset } from '../rulesets/load.js';
import { severityOf, type FailedCondition, type Finding, type Outcome, type RulesetSummary } from '../result.js';
import { compileMessage, valueAtPath, type MessageTemplate } from './messages.js';
import { addCustomOperators } from './operators.js';
import { describeApplicability } from './describe.js';
import { isPlainPath, resolvePlainPath } from './paths.js';
import { compileCondition, operatorsOf, supportsFastPath, type CompiledCondition } from './fastPath.js';

const APPLIES = '#applies';

const countOf = { pass: 'pass', fail: 'fail', 'not-applicable': 'notApplicable', 'cannot-tell': 'cannotTell' } as const;

interface CompiledRule {
  rule: Rule;
  fail: MessageTemplate;
  /** What the rule's appliesWhen says, in words: the same for every declaration, so worded once. */
  notApplicable: string | undefined;
  evidencePaths: Array<[name: string, path: string]>;
  pass: MessageTemplate | undefined;
}

export class CompiledRuleset {
  private readonly engine: Engine;
  private readonly rules: CompiledRule[];
  private readonly scope: string;
  /** Set when every rule can be evaluated synchronously with the same results as the engine (see fastPath.ts). */
  private readonly fast: Array<{ id: string; conditions: CompiledCondition; appliesWhen: CompiledCondition | undefined }> | undefined;

  constructor(readonly loaded: LoadedRuleset) {
    this.scope = describeScope(loaded);
    const plain = loaded.ruleset.rules.every((rule) => pathsOf(rule.conditions).every(isPlainPath) && pathsOf(rule.appliesWhen).every(isPlainPath));
    this.engine = new Engine([], { allowUndefinedFacts: true, ...(plain ? { pathResolver: resolvePlainPath } : {}) });
    addCustomOperators(this.engine);
    this.rules = loaded.ruleset.rules.map((rule) => {
      this.engine.addRule({ name: rule.id, conditions: rule.conditions as never, event: { type: rule.id } });
      if (rule.appliesWhen) this.engine.addRule({ name: rule.id + APPLIES, conditions: rule.appliesWhen as never, event: { type: rule.id + APPLIES } });
      return {
        rule,
        fail: compileMessage(rule.message.fail),
        pass: rule.message.pass ? compileMessage(rule.message.pass) : undefined,
        notApplicable: rule.appliesWhen ? `The rule applies only when ${describeApplicability(rule.appliesWhen)}.` : undefined,
        evidencePaths: Object.entries(rule.evidence ?? {}),
      };
    });
    const operator = operatorsOf(this.engine);
    const fastForm = operator && loaded.ruleset.rules.every((rule) => supportsFastPath(rule.conditions, operator) && (rule.appliesWhen === undefined || supportsFastPath(rule.appliesWhen, operator)));
    this.fast = fastForm
      ? loaded.ruleset.rules.map((rule) => ({
          id: rule.id,
          conditions: compileCondition(rule.conditions as Record<string, unknown>, operator),
          appliesWhen: rule.appliesWhen ? compileCondition(rule.appliesWhen as Record<string, unknown>, operator) : undefined,
        }))
      : undefined;
  }

  /** The outcome of every rule (and its applicability) by name, with the engine's annotated condition tree. */
  private async run(declaration: Declaration, metrics: Metrics, engineOnly: boolean): Promise<Map<string, { result: boolean; conditions?: ResultNode }>> {
    const byName = new Map<string, { result: boolean; conditions?: ResultNode }>();
    if (this.fast && !engineOnly) {
      const facts = { declaration, metrics };
      for (const { id, conditions, appliesWhen } of this.fast) {
        // The annotated tree is needed only to explain a failure.
        const result = conditions.test(facts);
        byName.set(id, result ? { result } : { result, conditions: conditions.explain(facts) as ResultNode });
        if (appliesWhen) byName.set(id + APPLIES, { result: appliesWhen.test(facts) });
      }
      return byName;
    }
    const { results, failureResults } = await this.engine.run({ declaration, metrics });
    for (const r of [...results, ...failureResults]) byName.set(r.name, { result: r.result, conditions: r.conditions as ResultNode });
    return byName;
  }

  /** `engineOnly` runs json-rules-engine itself even where the fast path applies (the tests compare both). */
  async evaluate(declaration: Declaration, metrics: Metrics, { engineOnly = false } = {}): Promise<{ summary: RulesetSummary; findings: Finding[] }> {
    const { ruleset, sha256 } = this.loaded;
    const applicable = appliesTo(this.loaded, declaration);
    const byName = applicable ? await this.run(declaration, metrics, engineOnly) : new Map<string, { result: boolean; conditions?: ResultNode }>();
    const context = { declaration, metrics, ruleset: { id: ruleset.id, version: ruleset.version } };
    const findings = this.rules.map(({ rule, fail, pass, notApplicable, evidencePaths }): Finding => {
      let outcome: Outcome;
      let message: string;
      let failedConditions: FailedCondition[] | undefined;
      if (!applicable) {
        outcome = 'not-applicable';
        message = `The ruleset applies to ${this.scope}; this declaration is ${declaration.sector} / ${declaration.commodity}.`;
      } else if (rule.appliesWhen && byName.get(rule.id + APPLIES)?.result !== true) {
        outcome = 'not-applicable';
        message = notApplicable!;
      } else if (rule.requires?.includes('ledger') && !metrics.hasLedger) {
        outcome = 'cannot-tell';
        message = 'Needs the ledger of inputs and outputs, and the declaration has none: add a ledger to have this judged.';
      } else if (rule.requires?.includes('period-ended') && declaration.period.end > metrics.evidence.asOf) {
        // Evidence of a period still running (or to come) cannot exist yet: judged once the period is over.
        outcome = 'cannot-tell';
        message = `Judged once the period is over: it ends ${declaration.period.end}, and the check is as of ${metrics.evidence.asOf}${metrics.evidence.verification.date ? `; the verification is dated ${metrics.evidence.verification.date}` : ''}.`;
      } else if (byName.get(rule.id)?.result === true) {
        outcome = 'pass';
        message = pass ? pass(context) : `Satisfied: ${rule.title}.`;
      } else {
        outcome = 'fail';
        message = fail(context);
        const tree = byName.get(rule.id)?.conditions;
        failedConditions = tree ? leafFailures(tree) : undefined;
      }
      const evidence: Record<string, unknown> = {};
      if (outcome === 'pass' || outcome === 'fail') {
        for (const [name, path] of evidencePaths) evidence[name] = valueAtPath(context, path);
      }
      const finding: Finding = {
        ruleId: rule.id,
        ruleset: ruleset.id,
        title: rule.title,
        decision: rule.decision,
        level: rule.level,
        severity: severityOf[rule.level],
        outcome,
        message,
        citation: rule.citation,
        interpretation: rule.interpretation,
        remediation: rule.remediation,
        evidence,
      };
      // Assigned, not spread into the literal: a spread makes every finding a slow dictionary object.
      if (failedConditions) finding.failedConditions = failedConditions;
      return finding;
    });
    const counts = { pass: 0, fail: 0, notApplicable: 0, cannotTell: 0 };
    for (const f of findings) counts[countOf[f.outcome]]++;
    const verdict = findings.some((f) => f.level === 'shall' && f.outcome === 'fail') ? 'fail' : counts.notApplicable === findings.length ? 'not-applicable' : 'pass';
    return {
      summary: {
        id: ruleset.id,
        version: ruleset.version,
        title: ruleset.title,
        sha256,
        ...(this.loaded.base ? { extends: { id: this.loaded.base.id, version: this.loaded.base.version, sha256: this.loaded.base.sha256 } } : {}),
        standard: { document: ruleset.standard.document, edition: ruleset.standard.edition, ...(ruleset.standard.status ? { status: ruleset.standard.status } : {}) },
        inForce: { ...ruleset.inForce },
        verdict,
        counts,
      },
      findings,
    };
  }
}

function pathsOf(condition: unknown): string[] {
  if (condition === null || typeof condition !== 'object') return [];
  if (Array.isArray(condition)) return condition.flatMap(pathsOf);
  const c = condition as Record<string, unknown>;
  // A value may itself be a fact reference with a path.
  return [...(typeof c['path'] === 'string' ? [c['path']] : []), ...pathsOf(c['all']), ...pathsOf(c['any']), ...pathsOf(c['not']), ...pathsOf(c['value'])];
}

export function describeScope(loaded: LoadedRuleset): string {
  const { sectors, commodities } = loaded.ruleset.appliesTo;
  const parts = [sectors ? `sectors ${sectors.join(', ')}` : '', commodities ? `commodities ${commodities.join(', ')}` : ''].filter(Boolean);
  return parts.length ? parts.join('; ') : 'every sector and commodity';
}

type ResultNode = TopLevelConditionResult | (Record<string, unknown> & { result?: boolean });

function leafFailures(node: ResultNode): FailedCondition[] {
  const n = node as Record<string, unknown>;
  if (Array.isArray(n['all'])) return (n['all'] as ResultNode[]).flatMap(leafFailures);
  if (Array.isArray(n['any'])) return n['result'] === true ? [] : (n['any'] as ResultNode[]).flatMap(leafFailures);
  if (n['not'] !== undefined) return n['result'] === true ? [] : [{ fact: 'not', operator: 'not', expected: 'the negated condition to fail', actual: 'it held' }];
  if (n['result'] === false && typeof n['fact'] === 'string') {
    return [{ fact: n['fact'], ...(typeof n['path'] === 'string' ? { path: n['path'] } : {}), operator: String(n['operator']), expected: n['valueResult'] ?? n['value'], actual: n['factResult'] ?? null }];
  }
  return [];
}

const compiledCache = new Map<string, CompiledRuleset>();
/**
 * The service compiles every ruleset a client sends (the authoring routes): the cache keeps the most recent
 * revisions, oldest out first, so that a stream of edited rulesets cannot grow it without end.
 */
const MAX_COMPILED = 64;

/** Engines are built once per ruleset revision (keyed by content hash) and reused for every declaration. */
export function compiledRuleset(loaded: LoadedRuleset): CompiledRuleset {
  const key = `${loaded.ruleset.id}@${loaded.ruleset.version}#${loaded.sha256}`;
  let compiled = compiledCache.get(key);
  if (!compiled) {
    if (compiledCache.size >= MAX_COMPILED) compiledCache.delete(compiledCache.keys().next().value!);
    compiled = new CompiledRuleset(loaded);
    compiledCache.set(key, compiled);
  }
  return compiled;
}
