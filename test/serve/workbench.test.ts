// GET / and /workbench/...: the workbench page under its content security policy, its bundled files, and the
// bundled examples (only those: no path reaches another file). Needs the page built (npm run build).
import { readdirSync, readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorShape, quietApp } from './helpers.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = quietApp();
  await app.ready();
});
afterAll(() => app.close());

const directives = (policy: string) => new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

describe('GET /', () => {
  it('serves the page under a strict policy: no inline script, everything from this origin, a fresh style nonce', async () => {
    const first = await app.inject({ url: '/' });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('text/html; charset=utf-8');
    const policy = directives(String(first.headers['content-security-policy']));
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    const style = policy.get('style-src')!;
    expect(style[0]).toBe("'self'");
    const nonce = /^'nonce-([A-Za-z0-9+/=]{16,})'$/.exec(style[1] ?? '')?.[1];
    expect(nonce).toBeDefined();
    expect(first.body).toContain(`<meta name="style-nonce" content="${nonce}">`);
    expect(first.body).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(first.body).not.toMatch(/(src|href)="(https?:)?\/\//);
    const second = await app.inject({ url: '/' });
    expect(second.headers['content-security-policy']).not.toBe(first.headers['content-security-policy']);
  });

  it('serves the bundled script and style, and nothing else under /workbench/', async () => {
    const script = await app.inject({ url: '/workbench/workbench.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    // CodeMirror is inside the bundle: the page imports nothing from elsewhere.
    expect(script.body).toContain('cm-editor');
    expect(script.body).not.toMatch(/\bimport\s*\(?\s*["'](https?:)?\/\//);
    expect((await app.inject({ url: '/workbench/workbench.css' })).headers['content-type']).toBe('text/css; charset=utf-8');
    for (const url of ['/workbench/index.html', '/workbench/..%2Fpackage.json', '/workbench/toString', '/workbench/__proto__']) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expectErrorShape(response.json());
    }
  });
});

describe('the bundled examples', () => {
  const bundled = readdirSync('examples').filter((name) => name.endsWith('.yaml')).sort();

  it('lists every examples/*.yaml with its title, and serves each as it is written', async () => {
    const listing = await app.inject({ url: '/workbench/examples' });
    expect(listing.statusCode).toBe(200);
    const { examples } = listing.json<{ examples: Array<{ name: string; title: string }> }>();
    expect(examples.map((e) => e.name)).toEqual(bundled);
    expect(examples.find((e) => e.name === 'steel-stacked-100-percent.yaml')?.title).toBe('CO2 100% reduced steel plate, Q1 2026');
    for (const name of bundled) {
      const response = await app.inject({ url: `/workbench/examples/${name}` });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/yaml; charset=utf-8');
      expect(response.body).toBe(readFileSync(`examples/${name}`, 'utf8'));
    }
  });

  it('serves no other file, whatever the name', async () => {
    for (const name of ['..%2Fpackage.json', '..%2F..%2Fetc%2Fpasswd', 'chemicals-csv%2Fdeclaration.yaml', 'steel-stacked-100-percent.yml', '%2Fetc%2Fpasswd', 'constructor']) {
      const response = await app.inject({ url: `/workbench/examples/${name}` });
      expect(response.statusCode, name).toBe(404);
      expect(expectErrorShape(response.json()).code).toBe('not-found');
    }
    expect((await app.inject({ url: '/workbench/examples/../../package.json' })).statusCode).toBe(404);
  });
});
