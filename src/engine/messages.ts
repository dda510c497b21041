// Renders a rule's message templates (Handlebars) with the actual figures, as plain text.
import { createRequire } from 'node:module';
import type HandlebarsNamespace from 'handlebars';
import HandlebarsRuntime from 'handlebars/runtime.js';
import { precompiledMessages } from '../generated/messages.js';

type HandlebarsEnvironment = typeof HandlebarsNamespace;

// Messages are plain text: escaping happens where a format needs it (markdown, junit, html).
// scripts/precompile-messages.mjs compiles the bundled rulesets' messages with these same options.
const COMPILE_OPTIONS = { noEscape: true, strict: false } as const;

/** Numbers as a person checks them by hand: up to 4 decimals (more for a small figure), no float noise, no thousands separators. */
export function formatNumber(value: unknown, digits = 4): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value === null || value === undefined ? 'n/a' : String(value);
  // toFixed writes exponents from 1e21 on, and trimming zeros would cut "e+140" to "e+14".
  if (Math.abs(value) >= 1e21) return String(value);
  let fixed = value.toFixed(digits);
  // A figure that is not zero never reads 0: a real shortfall of 0.0000007 says so, to two significant digits.
  if (value !== 0 && Number(fixed) === 0 && Math.abs(value) >= 1e-20) fixed = value.toFixed(Math.min(20, Math.ceil(-Math.log10(Math.abs(value))) + 1));
  const trimmed = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
  // Float noise below the shown digits (a difference of two equal sums) must not read as "-0".
  return trimmed === '-0' ? '0' : trimmed;
}

const helpers: Record<string, (...args: unknown[]) => unknown> = {
  num: (value, digits) => formatNumber(value, typeof digits === 'number' ? digits : 4),
  pct: (value) => (typeof value === 'number' ? `${formatNumber(value * 100, 2)}%` : 'n/a'),
  join: (value) => (Array.isArray(value) ? value.join(', ') : ''),
  default: (value, fallback) => (value === undefined || value === null || value === '' ? fallback : value),
  // For a phrase per value of an enum: {{#if (eq metrics.evidence.verification.status "planned")}}.
  eq: (a, b) => a === b,
  lt: (a, b) => typeof a === 'number' && typeof b === 'number' && a < b,
  abs: (value) => (typeof value === 'number' ? Math.abs(value) : value),
  includes: (list, value) => Array.isArray(list) && list.includes(value),
};

/** The helpers a message template may call, beside Handlebars' if, unless and each. */
export const MESSAGE_HELPERS = Object.keys(helpers);

/**
 * Handlebars' log would write to standard output, into a report in JSON or any other format, and lookup reaches
 * properties by a name computed as it renders. Loading refuses a message that calls either (see
 * rulesets/messageTemplates.ts); here they do nothing, for a template rendered without that reading.
 */
const inert: Record<string, () => undefined> = { log: () => undefined, lookup: () => undefined };

function withHelpers<T extends HandlebarsEnvironment>(hb: T): T {
  for (const [name, helper] of Object.entries({ ...helpers, ...inert })) hb.registerHelper(name, helper);
  return hb;
}

const runtime = withHelpers((HandlebarsRuntime as HandlebarsEnvironment).create());
let compiler: HandlebarsEnvironment | undefined;

/** The full Handlebars, loaded only for a message that was not precompiled (a ruleset of the user's own). */
function messageCompiler(): HandlebarsEnvironment {
  compiler ??= withHelpers((createRequire(import.meta.url)('handlebars') as HandlebarsEnvironment).create());
  return compiler;
}

export type MessageTemplate = (context: object) => string;

export function compileMessage(source: string, { precompiled = true }: { precompiled?: boolean } = {}): MessageTemplate {
  const spec = precompiled ? precompiledMessages.get(source) : undefined;
  const template = spec ? runtime.template(spec as TemplateSpecification) : messageCompiler().compile(source, COMPILE_OPTIONS);
  return (context) => template(context).replace(/\s+/g, ' ').trim();
}

/** Whether a message's template comes precompiled with the package. */
export function isPrecompiled(source: string): boolean {
  return precompiledMessages.has(source);
}

// Paths come from rulesets, and the service reads the ones its clients send: emptied when it grows past the bundled ones.
const keysCache = new Map<string, string[]>();
const MAX_KEYS = 4096;

/** Resolves a dotted path such as `metrics.ledger.stacking.worst.outputId` in the rule context. */
export function valueAtPath(context: object, path: string): unknown {
  let keys = keysCache.get(path);
  if (!keys) {
    if (keysCache.size >= MAX_KEYS) keysCache.clear();
    keysCache.set(path, (keys = path.split('.')));
  }
  let node: unknown = context;
  for (const key of keys) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return null;
    node = (node as Record<string, unknown>)[key];
  }
  return node === undefined ? null : node;
}
