// The workbench: a page served at GET / with its bundled script and style, and the bundled examples it can open.
// Everything the page needs comes from this service; its policy lets it load nothing from anywhere else.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { paths } from '../../paths.js';
import { quoted } from '../../quoting.js';
import { HttpError } from '../errors.js';
import { ledgerExtension, LEDGER_MEDIA_TYPES, readExamples } from '../examples.js';

/**
 * No inline script, no plug-ins, no frames, no form posts: the page talks to this origin only. The one inline
 * style allowed is the editor's own (CodeMirror writes its theme into a <style> element), by a nonce fresh for
 * each response, which the page hands to the editor (EditorView.cspNonce).
 */
export function workbenchPolicy(styleNonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${styleNonce}'`,
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Where index.html takes the nonce (in a meta element the script reads). */
const NONCE_PLACEHOLDER = '{{styleNonce}}';

/** The files of the built page (dist/workbench), by the name they are served under /workbench/. */
const ASSETS: Record<string, string> = {
  'workbench.js': 'text/javascript; charset=utf-8',
  'workbench.css': 'text/css; charset=utf-8',
};

const noExample = (name: string) => new HttpError(404, 'not-found', `there is no bundled example ${quoted(name.slice(0, 100))}; GET /workbench/examples lists them`);

function notBuilt(): HttpError {
  return new HttpError(503, 'workbench-not-built', `the workbench page is not built (${paths.workbench} is missing); run npm run build`);
}

/** A file of the built page, read once when first asked for (the API works without a build). */
function builtFile(name: string): () => string {
  let text: string | undefined;
  return () => {
    if (text === undefined) {
      const file = join(paths.workbench, name);
      if (!existsSync(file)) throw notBuilt();
      text = readFileSync(file, 'utf8');
    }
    return text;
  };
}

export function registerWorkbench(routes: FastifyInstance): void {
  const page = builtFile('index.html');
  const assets = new Map(Object.keys(ASSETS).map((name) => [name, builtFile(name)]));
  const examples = readExamples(paths.examples);

  routes.get('/', async (_request: FastifyRequest, reply: FastifyReply) => {
    const html = page();
    if (!html.includes(NONCE_PLACEHOLDER)) throw notBuilt();
    const nonce = randomBytes(16).toString('base64');
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', workbenchPolicy(nonce))
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .send(html.replaceAll(NONCE_PLACEHOLDER, nonce));
  });
  routes.get<{ Params: { asset: string } }>('/workbench/:asset', async (request, reply) => {
    const read = Object.hasOwn(ASSETS, request.params.asset) ? assets.get(request.params.asset) : undefined;
    if (!read) throw new HttpError(404, 'not-found', `there is no workbench file ${quoted(request.params.asset.slice(0, 100))}`);
    return reply.type(ASSETS[request.params.asset]!).header('cache-control', 'no-cache').send(read());
  });
  routes.get('/workbench/examples', async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send({ examples: [...examples.values()].map(({ name, title, files }) => ({ name, title, ...(files ? { files } : {}) })) }),
  );
  routes.get<{ Params: { name: string } }>('/workbench/examples/:name', async (request, reply) => {
    const example = examples.get(request.params.name);
    if (!example) throw noExample(request.params.name);
    return reply.type('application/yaml; charset=utf-8').header('cache-control', 'public, max-age=300').send(example.text);
  });
  routes.get<{ Params: { name: string; file: string } }>('/workbench/examples/:name/:file', async (request, reply) => {
    const { name, file } = request.params;
    const example = examples.get(name);
    if (!example) throw noExample(name);
    const bytes = example.ledgerFiles.get(file);
    if (!bytes) throw new HttpError(404, 'not-found', `the example ${quoted(name)} has no ledger file ${quoted(file.slice(0, 100))}${example.files?.length ? `; it has ${example.files.join(', ')}` : ''}`);
    return reply.type(LEDGER_MEDIA_TYPES[ledgerExtension(file)!]!).header('cache-control', 'public, max-age=300').send(bytes);
  });
}
