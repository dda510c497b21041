// What a rule's message template refers to, read from its Handlebars syntax tree: the helpers it calls and the
// paths it reads. A template that does not parse, or calls a helper nobody registered, fails when the message
// is rendered, in the middle of a check, and one that calls log writes into the report: such a ruleset is
// refused when it is loaded. A path that nothing provides renders as an empty string, silently: lint reports it.
import { createRequire } from 'node:module';
import type HandlebarsNamespace from 'handlebars';
import { MESSAGE_HELPERS } from '../engine/messages.js';

type Node = { type: string; [key: string]: unknown };
type PathNode = Node & { original: string; data: boolean; depth: number; parts: string[] };

/** The block helpers of Handlebars that messages use, beside the ones mbcheck registers for messages. */
const BUILT_IN_HELPERS = ['if', 'unless', 'each'];
/**
 * Handlebars' other helpers, refused by name: log writes to the console, in the middle of a report in any format;
 * lookup reads a property named at run time; with and the two fallbacks have no use in a sentence.
 */
const REFUSED_HELPERS = new Map([
  ['log', 'it writes to the console'],
  ['lookup', 'it reads properties by a name computed as the message renders'],
  ['with', 'no message needs it: write the full path'],
  ['helperMissing', "it is Handlebars' own fallback"],
  ['blockHelperMissing', "it is Handlebars' own fallback"],
]);
/**
 * How many values each helper needs. Called with fewer, Handlebars' blocks throw in the middle of a check
 * ("#if requires exactly one argument") and mbcheck's own print "[object Object]".
 */
const ARGUMENTS: Record<string, { least: number; most: number }> = {
  if: { least: 1, most: 1 },
  unless: { least: 1, most: 1 },
  each: { least: 1, most: 1 },
  num: { least: 1, most: 2 },
  pct: { least: 1, most: 1 },
  join: { least: 1, most: 1 },
  default: { least: 2, most: 2 },
  eq: { least: 2, most: 2 },
  lt: { least: 2, most: 2 },
  abs: { least: 1, most: 1 },
  includes: { least: 2, most: 2 },
};

function arityProblem(name: string, given: number): string | undefined {
  const wanted = ARGUMENTS[name] ?? { least: 1, most: Infinity };
  if (given >= wanted.least && given <= wanted.most) return undefined;
  const count = wanted.least === wanted.most ? `${wanted.least}` : wanted.most === Infinity ? `at least ${wanted.least}` : `${wanted.least} or ${wanted.most}`;
  return `the template calls "${name}" with ${given} value(s); it takes ${count}, as in {{${name === 'if' || name === 'unless' || name === 'each' ? `#${name} metrics.x}}...{{/${name}` : `${name} metrics.x${wanted.least > 1 ? ' "..."' : ''}`}}}`;
}

/** Blocks whose inside reads from another context than {declaration, metrics, ruleset}. */
const CONTEXT_CHANGING = new Set(['each']);

/**
 * A message is a sentence or two: the longest bundled one is about 2,100 characters. A template is rendered for every
 * failing finding of every check, in the thread that runs the check, and nothing can interrupt it.
 */
export const MAX_TEMPLATE_CHARS = 8192;

export interface TemplateProblem {
  code: 'bad-template' | 'unknown-helper';
  message: string;
}

export interface TemplateReading {
  problems: TemplateProblem[];
  /** Paths read in the message's own context, dotted: metrics.ledger.claim.claimedOutputs. */
  paths: string[];
}

let parser: typeof HandlebarsNamespace | undefined;
function handlebars(): typeof HandlebarsNamespace {
  parser ??= createRequire(import.meta.url)('handlebars') as typeof HandlebarsNamespace;
  return parser;
}

const isPath = (node: unknown): node is PathNode => (node as Node | null)?.type === 'PathExpression';
/** A name Handlebars would look up among the helpers: one step, not this., ../ or @data. */
const isSimpleName = (path: PathNode) => isPath(path) && path.parts.length === 1 && !path.data && path.depth === 0 && path.original === path.parts[0];

export function readTemplate(source: string): TemplateReading {
  const helpers = new Set([...BUILT_IN_HELPERS, ...MESSAGE_HELPERS]);
  const problems: TemplateProblem[] = [];
  const paths: string[] = [];
  if (source.length > MAX_TEMPLATE_CHARS) {
    return { problems: [{ code: 'bad-template', message: `the template is ${source.length} characters long; a message is at most ${MAX_TEMPLATE_CHARS}: say the rest in the rule's interpretation or remediation` }], paths };
  }
  let program: Node;
  try {
    program = handlebars().parse(source) as unknown as Node;
  } catch (error) {
    // Handlebars says where on its first line and what it expected on its last; the lines between draw an arrow.
    const lines = String((error as Error).message).split('\n').filter(Boolean);
    const said = lines.length > 1 ? `${lines[0]!.replace(/:$/, '')}: ${lines.at(-1)}` : (lines[0] ?? 'unknown error');
    return { problems: [{ code: 'bad-template', message: `the template does not parse (${said}); check that every {{#block}} has its {{/block}}` }], paths };
  }

  const readValue = (node: unknown, insideOtherContext: boolean): void => {
    if (isPath(node)) {
      // @index and friends, ../ and this are about a block's own context: nothing to check against the facts.
      // parts, not original: metrics.pools.[0].id and this.metrics.x name metrics.pools.0.id and metrics.x.
      if (!node.data && node.depth === 0 && node.parts.length > 0 && !insideOtherContext) paths.push(node.parts.join('.'));
    } else if ((node as Node | null)?.type === 'SubExpression') readCall(node as Node, insideOtherContext);
  };
  const readCall = (node: Node, insideOtherContext: boolean): void => {
    const path = node['path'] as PathNode;
    const params = (node['params'] as unknown[]) ?? [];
    const pairs = ((node['hash'] as { pairs?: Array<{ value: unknown }> } | undefined)?.pairs ?? []).map((p) => p.value);
    const calls = node.type === 'SubExpression' || params.length > 0 || pairs.length > 0;
    // A bare {{log}} calls the helper too: Handlebars tries a helper before a value for a simple name.
    const refused = isSimpleName(path) ? REFUSED_HELPERS.get(path.original) : undefined;
    if (refused) {
      problems.push({ code: 'unknown-helper', message: `the template calls "${path.original}", which messages may not use (${refused}); the helpers are ${[...helpers].join(', ')}` });
    } else if (calls && !helpers.has(path.original)) {
      problems.push({ code: 'unknown-helper', message: `the template calls "${path.original}", which is no helper; the helpers are ${[...helpers].join(', ')}` });
    } else if (!calls && !helpers.has(path.original)) {
      // {{metrics.x}}, or a section {{#metrics.x}}...{{/metrics.x}}: a value read from the context.
      readValue(path, insideOtherContext);
    } else if (isSimpleName(path) && helpers.has(path.original)) {
      const wrong = arityProblem(path.original, params.length);
      if (wrong) problems.push({ code: 'bad-template', message: wrong });
    }
    for (const value of [...params, ...pairs]) readValue(value, insideOtherContext);
  };
  // A block that iterates (each, or a section over a value, which Handlebars runs once per item of a list) inside
  // another multiplies the two lists: eight levels over a two-line ledger render 256 copies, thirty a billion, in
  // one message of one check that no deadline can stop. One level lists what a reader needs.
  let nestedIteration = false;
  const readProgram = (node: Node | null | undefined, insideOtherContext: boolean, iterating = false): void => {
    for (const statement of (node?.['body'] as Node[] | undefined) ?? []) {
      switch (statement.type) {
        case 'MustacheStatement':
          readCall(statement, insideOtherContext);
          break;
        case 'BlockStatement': {
          readCall(statement, insideOtherContext);
          const name = (statement['path'] as PathNode).original;
          // Inside each/with, or a section over a value, paths are read from that value, not from the facts.
          const changesContext = CONTEXT_CHANGING.has(name) || !helpers.has(name);
          if (changesContext && iterating && !nestedIteration) {
            nestedIteration = true;
            problems.push({ code: 'bad-template', message: `the template iterates inside an iteration ({{#${name}}} within an {{#each}} or a section over a list), which renders one list's items once per item of the other; iterate one level deep` });
          }
          readProgram(statement['program'] as Node, insideOtherContext || changesContext, iterating || changesContext);
          readProgram(statement['inverse'] as Node, insideOtherContext, iterating);
          break;
        }
        case 'PartialStatement':
        case 'PartialBlockStatement':
        case 'DecoratorBlock':
        case 'Decorator':
          problems.push({ code: 'bad-template', message: 'the template uses a partial or a decorator; messages have neither' });
          break;
      }
    }
  };
  readProgram(program, false);
  return { problems, paths };
}
