// Shared by the service's tests: example bodies, a captured log, and a server on a loopback port.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/serve/app.js';
import type { ServeOptions } from '../../src/serve/options.js';

export const ASOF = '2026-11-29';
export const exampleBytes = (name: string): Buffer => readFileSync(`examples/${name}`);
export const creditYaml = exampleBytes('steel-credit-transition.yaml');
export const YAML = { 'content-type': 'application/yaml' };
export const JSON_TYPE = { 'content-type': 'application/json' };

/** A YAML "billion laughs": nine levels of aliases, each expanding the one before nine times. */
export const aliasBomb = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((name, i) => {
    const previous = 'abcdefghi'[i]!;
    return `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`;
  }),
].join('\n');

/** The log lines a server wrote, parsed. */
export class LogCapture {
  readonly lines: Array<Record<string, unknown>> = [];
  write(line: string): void {
    this.lines.push(JSON.parse(line) as Record<string, unknown>);
  }
  requests(): Array<Record<string, unknown>> {
    return this.lines.filter((l) => l['msg'] === 'request');
  }
}

/** A server that logs nothing, with one check worker unless told otherwise: tests need no more, whatever the cores. */
export function quietApp(options: ServeOptions = {}): FastifyInstance {
  return buildApp({ logLevel: 'silent', checkWorkers: 1, ...options });
}

/** Listens on an ephemeral loopback port; returns the base URL. */
export async function listen(app: FastifyInstance): Promise<string> {
  return app.listen({ port: 0, host: '127.0.0.1' });
}

/** A promise opened from outside: a renderer or a check held until the test lets it go. */
export function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

export function expectErrorShape(body: unknown): { code: string; message: string } {
  const error = (body as { error?: { code?: unknown; message?: unknown } }).error;
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string') throw new Error(`not an error body: ${JSON.stringify(body)}`);
  if (/\n\s+at /.test(error.message)) throw new Error(`a stack trace in an error body: ${error.message}`);
  return { code: error.code, message: error.message };
}
