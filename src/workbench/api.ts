// The service's own routes, as the workbench calls them: the same POST /v1/check and /v1/report as any client.
import type { CheckAnswerBody } from '../serve/checkView.js';

export type { CheckResult, Finding } from '../result.js';
export { plainResult } from '../serve/checkView.js';
export type { CheckView, CrossSiteView, LedgerView, PlacedFinding, PlaceView, PoolColumn, ProfileDecisionView, ProfileOptionView } from '../serve/checkView.js';

/** A check's answer as the page asks for it: each finding's place, and the report's method and ledger views. */
export type CheckedResult = CheckAnswerBody & { error?: { code: string; message: string } };
const CHECK_INCLUDE = 'include=places,view';

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
  /** The ledger files of an example folder, each read with readExampleFile. */
  files?: string[];
}

/** What is sent beside the declaration: the ledger files it names, and a verifier's waivers (YAML or JSON). */
export interface Attachments {
  files: readonly File[];
  waivers?: string;
}

export interface CheckQuery {
  asOf?: string;
  /** `id` or `id@version`; undefined: every ruleset in force on asOf. */
  rulesets?: string[];
}

/** A result (valid or not), or why the service judged nothing. */
/** A problem the service found in an input beside the declaration (the waivers), at its line in that input. */
export interface InputProblem {
  pointer: string;
  line: number;
  column: number;
  message: string;
}

export type CheckAnswer = { kind: 'result'; result: CheckedResult } | { kind: 'error'; status: number; message: string; code?: string; problems?: InputProblem[] };

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

/**
 * The request body: the text alone, or, with ledger files or waivers, multipart/form-data as the service reads it
 * (src/serve/multipart.ts): the part "declaration", one part per ledger file under its own name, the part "waivers".
 */
function requestOf(text: string, attachments: Attachments | undefined): { body: string | FormData; headers: Record<string, string> } {
  const waivers = attachments?.waivers?.trim() ? attachments.waivers : undefined;
  if (!attachments || (attachments.files.length === 0 && !waivers)) return { body: text, headers: { 'content-type': mediaTypeOf(text) } };
  const form = new FormData();
  const extensionOf = (content: string) => (mediaTypeOf(content) === 'application/json' ? 'json' : 'yaml');
  form.append('declaration', new Blob([text], { type: mediaTypeOf(text) }), `declaration.${extensionOf(text)}`);
  for (const file of attachments.files) form.append(file.name, file, file.name);
  if (waivers) form.append('waivers', new Blob([waivers], { type: mediaTypeOf(waivers) }), `waivers.${extensionOf(waivers)}`);
  // No content-type of our own: the browser writes the boundary into it.
  return { body: form, headers: {} };
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

/** A ledger file of an example folder, as a File named as its declaration names it. */
export async function readExampleFile(example: string, file: string): Promise<File> {
  const response = await fetch(`/workbench/examples/${encodeURIComponent(example)}/${encodeURIComponent(file)}`);
  if (!response.ok) throw new ServiceError(await errorMessage(response));
  return new File([await response.blob()], file, { type: response.headers.get('content-type') ?? '' });
}

export async function check(text: string, query: CheckQuery, signal: AbortSignal, attachments?: Attachments): Promise<CheckAnswer> {
  const search = queryString(query);
  const response = await fetch(`/v1/check${search}${search ? '&' : '?'}${CHECK_INCLUDE}`, { method: 'POST', ...requestOf(text, attachments), signal });
  const body = (await response.json().catch(() => undefined)) as CheckedResult | { error?: { code?: string; message?: string; problems?: InputProblem[] } } | undefined;
  // 400 (unreadable) and 422 (invalid, or no ruleset applies) carry the result itself, with its problems.
  if (body && 'validationErrors' in body) return { kind: 'result', result: body };
  return { kind: 'error', status: response.status, message: body?.error?.message ?? `the service answered ${response.status} ${response.statusText}`, ...(body?.error?.code ? { code: body.error.code } : {}), ...(body?.error?.problems ? { problems: body.error.problems } : {}) };
}

/** The SARIF 2.1.0 log of the check (POST /v1/check?format=sarif), under any status that still carries a log. */
export async function checkSarif(text: string, query: CheckQuery, attachments?: Attachments): Promise<Blob> {
  const search = queryString(query);
  const response = await fetch(`/v1/check${search}${search ? '&' : '?'}format=sarif`, { method: 'POST', ...requestOf(text, attachments) });
  if (!(response.headers.get('content-type') ?? '').startsWith('application/sarif+json')) throw new ServiceError(await errorMessage(response));
  return response.blob();
}

/** The report of the text (PDF, or HTML), and the name the service gives it. */
export async function report(text: string, query: CheckQuery, format: 'pdf' | 'html', attachments?: Attachments): Promise<{ blob: Blob; fileName: string }> {
  const search = queryString(query);
  const response = await fetch(`/v1/report${search}${search ? '&' : '?'}format=${format}`, { method: 'POST', ...requestOf(text, attachments) });
  if (!response.ok) throw new ServiceError(await errorMessage(response));
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `report.${format}`;
  return { blob: await response.blob(), fileName };
}

export const reportPdf = (text: string, query: CheckQuery, attachments?: Attachments) => report(text, query, 'pdf', attachments);
