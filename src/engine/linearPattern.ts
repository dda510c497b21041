// Ruleset patterns run on RE2 (re2js, pure JavaScript): its matching time grows linearly with the text whatever
// the pattern, so no rule can stall a check, where a backtracking RegExp could take hours on a 96-character title.
// No heuristic can tell every catastrophic pattern from a safe one; an engine that has none can.
import { createRequire } from 'node:module';
import type { RE2JS as RE2JSClass } from 're2js';
import { toRe2Syntax } from './re2Syntax.js';

// Loaded on the first pattern compiled: the rulesets in force today use none, and the engine costs a start-up
// (about 15 ms) that a check without patterns should not pay.
let engine: typeof RE2JSClass | undefined;
function re2(): typeof RE2JSClass {
  return (engine ??= (createRequire(import.meta.url)('re2js') as { RE2JS: typeof RE2JSClass }).RE2JS);
}

export interface LinearPattern {
  test(text: string): boolean;
}

/** A pattern ready to run, or why it cannot be. */
export type PatternReading = LinearPattern | { why: string };

// Patterns come from loaded rulesets only (see rulesets/patterns.ts); the service also loads rulesets its
// clients send, so the cache is emptied once it holds more patterns than the bundled rulesets have.
const cache = new Map<string, PatternReading>();
const MAX_PATTERNS = 4096;

function read(source: string): PatternReading {
  try {
    // The meaning every ruleset was written for: case-insensitive, Unicode-aware.
    new RegExp(source, 'iu');
  } catch (error) {
    return { why: `it is not a valid regular expression (${(error as Error).message})` };
  }
  const translated = toRe2Syntax(source);
  if ('why' in translated) return translated;
  try {
    const RE2JS = re2();
    return RE2JS.compile(translated.source, RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    return { why: `RE2, the linear-time engine that runs ruleset patterns, cannot run it (${(error as Error).message})` };
  }
}

/** Compiled once per pattern text, when the first ruleset holding it loads. */
export function readPattern(source: string): PatternReading {
  let reading = cache.get(source);
  if (!reading) {
    reading = read(source);
    if (cache.size >= MAX_PATTERNS) cache.clear();
    cache.set(source, reading);
  }
  return reading;
}

/** Whether the text matches; a pattern that cannot run throws, which loading a ruleset prevents. */
export function matchesPattern(text: string, source: string): boolean {
  const reading = readPattern(source);
  if ('why' in reading) throw new Error(`the pattern ${JSON.stringify(source)} cannot run: ${reading.why}`);
  return reading.test(text);
}
