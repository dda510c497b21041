// The work of the authoring routes on a sent ruleset (lint, test, coverage, diff), one function for both places it
// runs: a worker thread of the check pool, or the server's own thread. Either way the answer is the route's JSON body.
import { checkSource } from '../check.js';
import { sourceFromBytes } from '../declaration/source.js';
import { paths } from '../paths.js';
import { coverageMatrix } from '../rulesets/coverage.js';
import { diffRulesets } from '../rulesets/diff.js';
import { runRuleFixtures } from '../rulesets/fixtures.js';
import { lintRulesetSource } from '../rulesets/lint.js';
import type { LoadedRuleset } from '../rulesets/load.js';
import type { RulesetRegistry } from '../rulesets/registry.js';
import { exampleSource, readExamples, type BundledExample } from './examples.js';
import { parsedOrUndefined, readyFixtures, refuseLargeRuleset, type RulesetSources, SENT_RULESET, type FixtureText } from './rulesetSources.js';

export type AuthoringOp = 'lint' | 'test' | 'coverage' | 'diff';

/** What a route hands over once it has read the request: plain data, so that it can cross to a worker thread. */
export interface AuthoringJob {
  op: AuthoringOp;
  /** The sent ruleset's exact text: lint positions are those of these bytes. */
  bytes: Uint8Array;
  /** test: the sent fixture files. */
  fixtures?: FixtureText[];
  /** diff: the bundled ruleset to compare with (as the query gave it) and the date that picks its version. */
  against?: string;
  asOf?: string;
}

/** The JSON body the route answers with. */
export type AuthoringBody = Record<string, unknown>;

export interface AuthoringPlace {
  sources: RulesetSources;
  registry: RulesetRegistry;
  /**
   * Between two steps (fixture cases, examples of a diff): the deadline, and in the server's own thread a turn of
   * the event loop, since those steps are promises that never wait and would otherwise hold up every other request.
   */
  between: () => void | Promise<void>;
}

export const AUTHORING_ADVICE = 'If it happens again the ruleset or its fixtures are too large for this server: run `mbcheck ruleset` on your own machine';

export const authoringWhat = (op: AuthoringOp) => `ruleset ${op}`;

/** The corpus a diff judges, read once per thread: examples/*.yaml and the example folders, named as the workbench names them. */
let examples: BundledExample[] | undefined;

/** An example's verdict under one ruleset; an example folder is checked with the ledger files read from it alone. */
async function verdictUnder(example: BundledExample, loaded: LoadedRuleset, asOf: string): Promise<string> {
  const result = await checkSource(exampleSource(example), { asOf }, [loaded]);
  return result.valid ? (result.rulesets?.[0]?.verdict ?? 'n/a') : 'invalid';
}

export async function authoringWork(job: AuthoringJob, { sources, registry, between }: AuthoringPlace): Promise<AuthoringBody> {
  switch (job.op) {
    case 'lint': {
      refuseLargeRuleset(parsedOrUndefined(job.bytes), sources.patternCompileMs);
      const problems = lintRulesetSource(sourceFromBytes(SENT_RULESET, job.bytes), sources.lintRegistry());
      await between();
      return { problems: problems.map(({ pointer, line, column, code, message }) => ({ pointer, line, column, code, message })) };
    }
    case 'test': {
      const loaded = sources.load(job.bytes);
      const fixtures = [...readyFixtures(job.fixtures ?? [], sources.baseDeclarations()), ...sources.baseFixtures(loaded)];
      const rules = await runRuleFixtures(loaded, fixtures, { beforeCase: between });
      const judged = rules.map((rule) => ({ ...rule, ok: rule.complete && rule.cases.every((c) => c.ok) }));
      const passed = judged.filter((r) => r.ok).length;
      return { ruleset: `${loaded.ruleset.id}@${loaded.ruleset.version}`, ok: passed === judged.length, passed, failed: judged.length - passed, rules: judged };
    }
    case 'coverage': {
      const loaded = sources.load(job.bytes);
      // The same JSON as `mbcheck ruleset coverage --format json`.
      return { rulesets: [`${loaded.ruleset.id}@${loaded.ruleset.version}`], decisions: coverageMatrix([loaded.ruleset]) };
    }
    case 'diff': {
      const asOf = job.asOf!;
      // The version in force is pinned with this route's own parameter, not with the check's `ruleset`.
      const against = registry.resolve(job.against!, asOf, (id) => `against=${id}@VERSION`);
      const sent = sources.load(job.bytes);
      const corpus = [];
      for (const example of (examples ??= [...readExamples(paths.examples).values()])) {
        await between();
        const before = await verdictUnder(example, against, asOf);
        await between();
        corpus.push({ source: example.name, before, after: await verdictUnder(example, sent, asOf) });
      }
      // The same JSON as `mbcheck ruleset diff A B --corpus examples --format json`.
      return { ...diffRulesets(against, sent), asOf, corpus };
    }
  }
}
