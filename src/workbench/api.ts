// The service's own routes, as the workbench calls them: the same POST /v1/check and /v1/report as any client.
import type { CheckResult } from '../result.js';

export type { CheckResult, Finding } from '../result.js';

export interface RulesetVersion {
  id: string;
  version: string;
  title: string;
  inForceOnAsOf: boolean;
  selectedOnAsOf: boolean;
}

export interface Example {
  name: string;
  title: string;
}

export interface CheckQuery {
  asOf?: string;
  /** `id` or `id@version`; undefined: every ruleset in force on asOf. */
  rulesets?: string[];
}

/** A result (valid or not), or why the service judged nothing. */
export type CheckAnswer = { kind: 'result'; result: CheckResult & { error?: { code: string; message: string } } } | { kind: 'error'; status: number; message: string };

export class ServiceError extends Error {}

function queryString(query: CheckQuery): string {
  const fields = new URLSearchParams();
  if (query.asOf) fields.set('asOf', query.asOf);
  if (query.rulesets?.length) fields.set('ruleset', query.rulesets.join(','));
  const text = fields.toString();
  return text ? `?${text}` : '';
}

/** JSON when the text opens an object, else YAML: how the service is told to parse it. */
export function mediaTypeOf(text: string): 'application/json' | 'application/yaml' {
  return /^\s*\{/.test(text) ? 'application/json' : 'application/yaml';
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // Not JSON: the status says what there is to say.
  }
  return `the service answered ${response.status} ${response.statusText}`;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new ServiceError(await errorMessage(response));
  return (await response.json()) as T;
}

export async function listRulesets(asOf?: string): Promise<RulesetVersion[]> {
  return (await getJson<{ rulesets: RulesetVersion[] }>(`/v1/rulesets${queryString(asOf ? { asOf } : {})}`)).rulesets;
}

export async function listExamples(): Promise<Example[]> {
  return (await getJson<{ examples: Example[] }>('/workbench/examples')).examples;
}

export async function readExample(name: string): Promise<string> {
  const response = await fetch(`/workbench/examples/${encodeURIComponent(name)}`);
  if (!response.ok) throw new ServiceError(await errorMessage(response));
  return response.text();
}

export async function check(text: string, query: CheckQuery, signal: AbortSignal): Promise<CheckAnswer> {
  const response = await fetch(`/v1/check${queryString(query)}`, { method: 'POST', body: text, headers: { 'content-type': mediaTypeOf(text) }, signal });
  const body = (await response.json().catch(() => undefined)) as (CheckResult & { error?: { code: string; message: string } }) | { error?: { message?: string } } | undefined;
  // 400 (unreadable) and 422 (invalid, or no ruleset applies) carry the result itself, with its problems.
  if (body && 'validationErrors' in body) return { kind: 'result', result: body };
  return { kind: 'error', status: response.status, message: body?.error?.message ?? `the service answered ${response.status} ${response.statusText}` };
}

/** The PDF report of the text, and the name the service gives it. */
export async function reportPdf(text: string, query: CheckQuery): Promise<{ blob: Blob; fileName: string }> {
  const response = await fetch(`/v1/report${queryString(query)}`, { method: 'POST', body: text, headers: { 'content-type': mediaTypeOf(text) } });
  if (!response.ok) throw new ServiceError(await errorMessage(response));
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'report.pdf';
  return { blob: await response.blob(), fileName };
}
