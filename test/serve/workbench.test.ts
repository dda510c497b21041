// GET / and /workbench/...: the workbench page under its content security policy, its bundled files, and the
// bundled examples (only those: no path reaches another file). Needs the page built (npm run build).
import { readdirSync, readFileSync, statSync } from 'node:fs';
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
  const folders = readdirSync('examples').filter((name) => statSync(`examples/${name}`).isDirectory()).sort();

  it('lists every examples/*.yaml with its title, and serves each as it is written', async () => {
    const listing = await app.inject({ url: '/workbench/examples' });
    expect(listing.statusCode).toBe(200);
    const { examples } = listing.json<{ examples: Array<{ name: string; title: string }> }>();
    expect(examples.map((e) => e.name).filter((name) => name.endsWith('.yaml'))).toEqual(bundled);
    expect(examples.find((e) => e.name === 'steel-stacked-100-percent.yaml')?.title).toBe('CO2 100% reduced steel plate, Q1 2026');
    for (const name of bundled) {
      const response = await app.inject({ url: `/workbench/examples/${name}` });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/yaml; charset=utf-8');
      expect(response.body).toBe(readFileSync(`examples/${name}`, 'utf8'));
    }
  });

  it('lists each example folder with its ledger files, and serves its declaration and each file as written', async () => {
    expect(folders).toEqual(expect.arrayContaining(['chemicals-csv', 'steel-credit-workbook']));
    const { examples } = (await app.inject({ url: '/workbench/examples' })).json<{ examples: Array<{ name: string; title: string; files?: string[] }> }>();
    expect(examples.filter((e) => !e.name.endsWith('.yaml')).map((e) => e.name)).toEqual(folders);
    expect(examples.find((e) => e.name === 'chemicals-csv')).toEqual({ name: 'chemicals-csv', title: 'Bio-attributed ethylene, first quarter of 2026', files: ['inputs.csv', 'outputs.csv'] });
    expect(examples.find((e) => e.name === 'steel-credit-workbook')?.files).toEqual(['ledger.xlsx']);
    expect(examples.find((e) => e.name === 'steel-stacked-100-percent.yaml')).not.toHaveProperty('files');
    const declaration = await app.inject({ url: '/workbench/examples/chemicals-csv' });
    expect(declaration.statusCode).toBe(200);
    expect(declaration.headers['content-type']).toBe('application/yaml; charset=utf-8');
    expect(declaration.body).toBe(readFileSync('examples/chemicals-csv/chemicals-csv.yaml', 'utf8'));
    const csv = await app.inject({ url: '/workbench/examples/chemicals-csv/inputs.csv' });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body).toBe(readFileSync('examples/chemicals-csv/inputs.csv', 'utf8'));
    const workbook = await app.inject({ url: '/workbench/examples/steel-credit-workbook/ledger.xlsx' });
    expect(workbook.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(workbook.rawPayload.equals(readFileSync('examples/steel-credit-workbook/ledger.xlsx'))).toBe(true);
  });

  it('serves no file outside an example folder\'s ledger files, whatever the path', async () => {
    for (const url of [
      '/workbench/examples/chemicals-csv/chemicals-csv.yaml',
      '/workbench/examples/chemicals-csv/..%2F..%2Fpackage.json',
      '/workbench/examples/chemicals-csv/..%2Fsteel-credit-workbook%2Fledger.xlsx',
      '/workbench/examples/chemicals-csv/%2Fetc%2Fpasswd',
      '/workbench/examples/..%2Fschemas/openapi.json',
      '/workbench/examples/steel-stacked-100-percent.yaml/inputs.csv',
      '/workbench/examples/chemicals-csv/constructor',
      '/workbench/examples/chemicals-csv/../../package.json',
    ]) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(expectErrorShape(response.json()).code, url).toBe('not-found');
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
