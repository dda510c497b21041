// The library's entry point is for checking declarations in code: it must not load the HTTP service (Fastify)
// or the browser (Puppeteer), which have their own entry (mbcheck/serve) or load on first use (renderReport).
// Read off the compiled files' static imports, the ones Node loads when the entry is imported.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const STATIC_IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm;

/** Every package a compiled module loads before its code runs, following its relative imports. */
function staticPackages(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      const specifier = match[1] ?? match[2]!;
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
      else if (!specifier.startsWith('node:')) packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
    }
  };
  visit(entry);
  return packages;
}

describe('the package entry points', () => {
  it('mbcheck loads neither Fastify nor Puppeteer; mbcheck/serve loads Fastify', () => {
    const entry = join('dist', 'index.js');
    expect(existsSync(entry)).toBe(true);
    const main = staticPackages(entry);
    expect([...main].filter((p) => /fastify|puppeteer/.test(p))).toEqual([]);
    expect(main.has('ajv') || main.has('yaml')).toBe(true);
    expect(staticPackages(join('dist', 'serve', 'index.js')).has('fastify')).toBe(true);
  });

  it('package.json exports both, and ships the licence and the docs', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { exports: Record<string, { default: string }>; files: string[] };
    expect(pkg.exports['.']!.default).toBe('./dist/index.js');
    expect(pkg.exports['./serve']!.default).toBe('./dist/serve/index.js');
    expect(pkg.files).toEqual(expect.arrayContaining(['LICENSE', 'docs']));
    expect(readFileSync('LICENSE', 'utf8')).toMatch(/Apache License\s+Version 2\.0/);
  });
});
