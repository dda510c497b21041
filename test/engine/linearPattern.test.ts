// Ruleset patterns moved from JavaScript's RegExp (flags i and u) to RE2: a rule must match exactly the texts it
// matched before, including the ones a declarant would pick to slip past it (a no-break space in "100 %").
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { customOperators } from '../../src/engine/operators.js';
import { readPattern } from '../../src/engine/linearPattern.js';

const bundledPatterns = [
  ...new Set(
    ['rulesets', 'docs/rulesets'].flatMap((root) =>
      readdirSync(root, { withFileTypes: true })
        .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
        .flatMap((d) => readdirSync(`${root}/${d.name}`).filter((f) => f.endsWith('.json')).map((f) => readFileSync(`${root}/${d.name}/${f}`, 'utf8')))
        .flatMap((text) => [...text.matchAll(/"operator": "matches",\s*"value": ("(?:[^"\\]|\\.)*")/g)].map((m) => JSON.parse(m[1]!) as string)),
    ),
  ),
];

// Where RE2's syntax or meaning differs from JavaScript's, and a few of what both read alike.
const constructs = [
  '100\\s*%', '\\S+', 'a.b', '^a.$', '^net$', '[\\s\\d]+', '[^\\s]', '[\\S]', 'x[\\b]', '\\u00e9t\\u00E9', '\\u{1F600}', '\\uD83D\\uDE00', 'É', 'crédit',
  '\\bcredit\\b', '\\Bed', '[]', '[^]', 'a[^]b', '\\p{Lu}\\p{Ll}', '\\p{Script=Latin}+', '(?<word>ze)ro', 'x\\0', '\\cJ', '\\x41', '[a-z]+\\.', '[[]', '[-a]',
  'a{2,3}', 'a+?b', '\\/', '[\\-]', '\\t\\v\\f',
];

const alphabet = ['a', 'A', 'b', 'B', 'x', 'X', 'é', 'É', 'z', 'e', 'r', 'o', 'n', 't', '\u00a0', '\u3000', '\u2028', '\n', '\r', ' ', '\t', '\v', '\f', '\b', '\0', '!', '.', '%', '1', '0', '😀', '\ud83d', '[', '-', '/', 'c', 'd', 'i'];
// Words of the bundled patterns, so that random texts come near what they look for.
const words = ['100', 'credit', 'net', 'zero', 'carbon', 'neutral', 'free', 'mass', 'balance', 'physical', 'average', 'rolling', 'footprint', "'s"];
const texts = fc.array(fc.oneof(fc.constantFrom(...alphabet), fc.constantFrom(...words)), { maxLength: 12 }).map((parts) => parts.join(''));

describe('ruleset patterns on RE2', () => {
  it('finds the bundled patterns', () => expect(bundledPatterns.length).toBeGreaterThanOrEqual(5));

  it.each([...bundledPatterns, ...constructs])('%s matches what it matched as a RegExp with flags iu', (pattern) => {
    const re2 = readPattern(pattern);
    expect(re2).not.toHaveProperty('why');
    const js = new RegExp(pattern, 'iu');
    fc.assert(
      fc.property(texts, (text) => (re2 as { test(t: string): boolean }).test(text) === js.test(text)),
      { numRuns: 2000 },
    );
  });

  it('keeps the words of the bundled claim rule: case, spaces of every kind, word edges', () => {
    const claim = bundledPatterns.find((p) => p.startsWith('100'))!;
    const matches = (text: string) => customOperators['matches']!(text, claim);
    for (const text of ['100 % green steel', '100\u00a0% green', '100\u202f%', 'Carbon-Neutral coil', 'NET ZERO steel', 'zero emissions']) expect(matches(text), text).toBe(true);
    for (const text of ['10 % lower', 'carbon reduced', 'net-ish zero']) expect(matches(text), text).toBe(false);
  });

  it('compiles each pattern once', () => {
    expect(readPattern('mass[- ]?balance')).toBe(readPattern('mass[- ]?balance'));
  });
});
