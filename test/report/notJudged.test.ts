// The "not judged" report of a declaration that could not be judged: each problem with its place, the file by
// its name, and the count of problems beyond those listed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { reportSource } from '../../src/report/index.js';
import { sourceFromText } from '../../src/declaration/source.js';

const ASOF = '2026-11-29';

describe('the not-judged report (HTML, no browser needed)', () => {
  it('lists each problem with line, column, pointer and message, escaped', async () => {
    const text = readFileSync('test/fixtures/declarations/three-errors.yaml', 'utf8').replace('id: three-errors', 'id: "<b>x</b>"');
    const { result, content } = await reportSource(sourceFromText('/home/someone/private/three-errors.yaml', text), { asOf: ASOF, format: 'html' });
    expect(result.valid).toBe(false);
    const html = content as string;
    expect(html).toContain('Not judged');
    expect(html).toContain('three-errors.yaml');
    expect(html).not.toContain('/home/someone/private');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(html).not.toContain('<b>x</b>');
    for (const e of result.validationErrors) {
      expect(html).toContain(`line ${e.line}, column ${e.column}`);
      expect(html).toContain(e.pointer);
    }
    expect(html).toContain('must be &gt; 0; got -5');
  });

  it('says that more problems were counted than listed', async () => {
    const declaration = parseYaml(readFileSync('examples/steel-credit-transition.yaml', 'utf8')) as { ledger: { outputs: Array<Record<string, unknown>> } };
    const line = declaration.ledger.outputs[0]!;
    declaration.ledger.outputs = Array.from({ length: 500 }, (_, i) => ({ ...line, id: `o-${i}`, site: 'nowhere' }));
    const { content } = await reportSource(sourceFromText('many.json', JSON.stringify(declaration)), { asOf: ASOF, format: 'html' });
    const html = content as string;
    expect(html).toContain('more than 200 problems must be fixed');
    expect(html).toContain('And 300 more problem(s) not listed');
    expect(html.match(/<tr>/g)!.length).toBe(201);
  });
});
