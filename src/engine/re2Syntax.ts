// Rewrites a ruleset pattern, written for JavaScript's RegExp with flags i and u, in RE2's syntax with the same
// meaning. The two differ where a declarant would look for a gap: JavaScript's \s includes the no-break and other
// Unicode spaces and its dot stops at \r, U+2028 and U+2029, RE2's do not; so \s, \S and . are spelled out here.
// The input must already be a valid RegExp with flags iu, whose strict grammar leaves nothing ambiguous to read.
// Left as RE2 reads them: \P{...} under case-insensitivity (JavaScript's quirk matches every cased letter).

export type Re2Translation = { source: string } | { why: string };

const hex = (codePoint: number) => `\\x{${codePoint.toString(16)}}`;
const range = ([from, to]: readonly [number, number]) => (from === to ? hex(from) : `${hex(from)}-${hex(to)}`);

/** JavaScript's \s: WhiteSpace and LineTerminator of ECMA-262, as code point ranges in order. */
const JS_SPACE: ReadonlyArray<readonly [number, number]> = [
  [0x9, 0xd], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff],
];
const complement = (ranges: ReadonlyArray<readonly [number, number]>) => {
  const out: Array<[number, number]> = [];
  let next = 0;
  for (const [from, to] of ranges) {
    if (from > next) out.push([next, from - 1]);
    next = to + 1;
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff]);
  return out;
};
const SPACE = JS_SPACE.map(range).join('');
const NOT_SPACE = complement(JS_SPACE).map(range).join('');
const ANY = `${hex(0)}-${hex(0x10ffff)}`;
/** JavaScript's dot without the s flag: anything but a line terminator. */
const DOT = `[^${hex(0xa)}${hex(0xd)}${hex(0x2028)}${hex(0x2029)}]`;

const LOOKAROUND = 'RE2 runs no lookahead or lookbehind, which need backtracking: match the text itself, or write a second condition with not:matches';
const BACKREFERENCE = 'it uses a backreference, which RE2 cannot run (matching one takes backtracking): repeat the group\'s pattern instead';
/** Names JavaScript accepts in \p{Name=Value} where RE2 takes the value alone. */
const PROPERTY_PREFIX = /^(?:Script|sc|General_Category|gc)=/;

type Step = { text: string; next: number } | { why: string };

function escape(pattern: string, at: number, inClass: boolean): Step {
  const c = pattern[at + 1]!;
  switch (c) {
    case 's':
      return { text: inClass ? SPACE : `[${SPACE}]`, next: at + 2 };
    case 'S':
      return { text: inClass ? NOT_SPACE : `[${NOT_SPACE}]`, next: at + 2 };
    case 'b':
      // Inside a class, \b is the backspace character.
      return { text: inClass ? hex(8) : '\\b', next: at + 2 };
    case '0':
      return { text: hex(0), next: at + 2 };
    case 'k':
      return { why: BACKREFERENCE };
    case 'c':
      return { text: hex(pattern.charCodeAt(at + 2) % 32), next: at + 3 };
    case 'u': {
      if (pattern[at + 2] === '{') {
        const end = pattern.indexOf('}', at);
        return { text: hex(parseInt(pattern.slice(at + 3, end), 16)), next: end + 1 };
      }
      const unit = parseInt(pattern.slice(at + 2, at + 6), 16);
      // Under u, a pair of escaped surrogates is one character.
      const low = /^\\u(d[c-f][0-9a-f]{2})/i.exec(pattern.slice(at + 6));
      if (unit >= 0xd800 && unit <= 0xdbff && low) {
        return { text: hex(0x10000 + ((unit - 0xd800) << 10) + (parseInt(low[1]!, 16) - 0xdc00)), next: at + 12 };
      }
      return { text: hex(unit), next: at + 6 };
    }
    case 'p':
    case 'P': {
      const end = pattern.indexOf('}', at);
      return { text: `\\${c}{${pattern.slice(at + 3, end).replace(PROPERTY_PREFIX, '')}}`, next: end + 1 };
    }
    default:
      if (c >= '1' && c <= '9') return { why: BACKREFERENCE };
      // \d \D \w \W \B \t \n \r \v \f \xHH and escaped punctuation read the same in both.
      return { text: `\\${c}`, next: at + 2 };
  }
}

function characterClass(pattern: string, at: number): Step {
  let i = at + 1;
  const negated = pattern[i] === '^';
  if (negated) i++;
  // [] matches nothing and [^] anything in JavaScript; RE2 reads a ] first in a class as a literal.
  if (pattern[i] === ']') return { text: negated ? `[${ANY}]` : `[^${ANY}]`, next: i + 1 };
  let body = '';
  while (pattern[i] !== ']') {
    if (pattern[i] === '\\') {
      const step = escape(pattern, i, true);
      if ('why' in step) return step;
      body += step.text;
      i = step.next;
    } else {
      // A [ would open a POSIX class such as [:alpha:] in RE2; in JavaScript it is a character.
      const char = String.fromCodePoint(pattern.codePointAt(i)!);
      body += char === '[' ? '\\[' : char;
      i += char.length;
    }
  }
  return { text: `[${negated ? '^' : ''}${body}]`, next: i + 1 };
}

export function toRe2Syntax(pattern: string): Re2Translation {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    let step: Step;
    if (c === '\\') step = escape(pattern, i, false);
    else if (c === '[') step = characterClass(pattern, i);
    else if (c === '.') step = { text: DOT, next: i + 1 };
    else if (pattern.startsWith('(?=', i) || pattern.startsWith('(?!', i)) step = { why: `it uses a lookahead; ${LOOKAROUND}` };
    else if (pattern.startsWith('(?<=', i) || pattern.startsWith('(?<!', i)) step = { why: `it uses a lookbehind; ${LOOKAROUND}` };
    else if (pattern.startsWith('(?<', i)) step = { text: '(?P<', next: i + 3 };
    else {
      const char = String.fromCodePoint(pattern.codePointAt(i)!);
      step = { text: char, next: i + char.length };
    }
    if ('why' in step) return step;
    out += step.text;
    i = step.next;
  }
  return { source: out };
}
