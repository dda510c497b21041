// The service's authoring routes, as the Author tab calls them: a bundled ruleset with its fixtures, and lint,
// test, coverage and diff of the text in the editor. Nothing is stored on the server.

export interface FixtureText {
  name: string;
  text: string;
}

export interface BundledRuleset {
  id: string;
  version: string;
  title: string;
  text: string;
  fixtures: FixtureText[];
  bases: string[];
}

export interface LintProblem {
  pointer: string;
  line: number;
  column: number;
  code: string;
  message: string;
}

export interface CaseReport {
  name: string;
  expected: string;
  actual: string;
  ok: boolean;
  message: string;
}

export interface RuleTestReport {
  ruleId: string;
  file: string | null;
  complete: boolean;
  ok: boolean;
  cases: CaseReport[];
}

export interface TestReport {
  ruleset: string;
  ok: boolean;
  passed: number;
  failed: number;
  rules: RuleTestReport[];
}

export interface Coverage {
  rulesets: string[];
  decisions: Array<{ decision: number; name: string; cells: Array<{ ruleset: string; shall: number; should: number; may: number }> }>;
}

export interface RuleBrief {
  ruleId: string;
  title: string;
  level: string;
  decision: number | null;
}

export interface RulesetDiff {
  from: string;
  to: string;
  header: Array<{ field: string; before: string; after: string }>;
  added: RuleBrief[];
  removed: RuleBrief[];
  changed: Array<{ ruleId: string; changes: Array<{ field: string; before: string; after: string }> }>;
  asOf: string;
  corpus: Array<{ source: string; before: string; after: string }>;
}

export class AuthoringError extends Error {}

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

async function answer<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => undefined)) as (T & { error?: { message?: string } }) | undefined;
  if (!response.ok || body === undefined) throw new AuthoringError(body?.error?.message ?? `the service answered ${response.status} ${response.statusText}`);
  return body;
}

const send = <T>(url: string, body: string, signal?: AbortSignal) => fetch(url, { method: 'POST', body, headers: JSON_HEADERS, ...(signal ? { signal } : {}) }).then((r) => answer<T>(r));

export async function bundledRuleset(spec: string): Promise<BundledRuleset> {
  const [id = '', version = ''] = spec.split('@');
  return answer<BundledRuleset>(await fetch(`/v1/rulesets/${encodeURIComponent(id)}/${encodeURIComponent(version)}`, { headers: { accept: 'application/json' } }));
}

export async function lint(text: string, signal: AbortSignal): Promise<LintProblem[]> {
  return (await send<{ problems: LintProblem[] }>('/v1/rulesets/lint', text, signal)).problems;
}

export const coverage = (text: string, signal: AbortSignal) => send<Coverage>('/v1/rulesets/coverage', text, signal);

export const runFixtures = (text: string, fixtures: readonly FixtureText[]) => send<TestReport>('/v1/rulesets/test', JSON.stringify({ ruleset: text, fixtures }));

export const diff = (text: string, against: string) => send<RulesetDiff>(`/v1/rulesets/diff?against=${encodeURIComponent(against)}`, text);
