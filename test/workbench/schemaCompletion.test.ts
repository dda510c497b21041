// The editor's schema completion finds the path at the cursor in YAML (by indentation, flow collections too) and
// in JSON (by the syntax tree), and offers the declaration schema's property names and enum values there, less the
// keys the mapping at the cursor already has.
import { readFileSync } from 'node:fs';
import { CompletionContext } from '@codemirror/autocomplete';
import { json } from '@codemirror/lang-json';
import { yaml } from '@codemirror/lang-yaml';
import { EditorState } from '@codemirror/state';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ITEM, jsonPlace, SchemaIndex, schemaCompletion, yamlPlace } from '../../src/workbench/schemaCompletion.js';

const index = new SchemaIndex(JSON.parse(readFileSync('schemas/declaration.schema.json', 'utf8')));

/** The text with `▮` marking the cursor. */
function at(text: string, language: 'yaml' | 'json') {
  const pos = text.indexOf('▮');
  const state = EditorState.create({ doc: text.replace('▮', ''), extensions: [language === 'yaml' ? yaml() : json()] });
  return language === 'yaml' ? yamlPlace(state, pos) : jsonPlace(state, pos);
}

describe('the path at the cursor, in YAML', () => {
  it.each([
    ['id: x\nmethod:\n  inp▮', 'key', ['method'], 'inp'],
    ['id: x\nmethod:\n  inputBoundary:\n    control: cert▮', 'value', ['method', 'inputBoundary', 'control'], 'cert'],
    ['method:\n  transferBoundary:\n    sites:\n      - id: a\n        co▮', 'key', ['method', 'transferBoundary', 'sites', ITEM], 'co'],
    ['method:\n  transferBoundary:\n    sites:\n    - id: a\n    - na▮', 'key', ['method', 'transferBoundary', 'sites', ITEM], 'na'],
    ['method:\n  inputBoundary:\n    control: x\n  temp▮', 'key', ['method'], 'temp'],
    ['description: |\n  method:\n    x\nsec▮', 'key', [], 'sec'],
    ['organization: { name: A, co▮', 'key', ['organization'], 'co'],
    ['method:\n  allocation:\n    productGroups: [ { id: a, sh▮', 'key', ['method', 'allocation', 'productGroups', ITEM], 'sh'],
  ] as const)('%j', (text, kind, path, typed) => {
    expect(at(text, 'yaml')).toMatchObject({ kind, path, typed });
  });

  it('offers nothing in a comment', () => {
    expect(at('method: # inp▮', 'yaml')).toBeUndefined();
  });
});

describe('the path at the cursor, in JSON', () => {
  it.each([
    ['{"method": {"inp▮', 'key', ['method'], '"inp'],
    ['{"method": {"inputBoundary": {"control": "▮', 'value', ['method', 'inputBoundary', 'control'], '"'],
    ['{"method": {"transferBoundary": {"sites": [{"co▮', 'key', ['method', 'transferBoundary', 'sites', ITEM], '"co'],
    ['{"sector": "st▮"}', 'value', ['sector'], '"st'],
  ] as const)('%j', (text, kind, path, typed) => {
    expect(at(text, 'json')).toMatchObject({ kind, path, typed });
  });
});

describe('what the schema offers there', () => {
  it('the properties of a mapping, with their descriptions', () => {
    const names = index.properties(['method']).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['inputBoundary', 'temporalBoundary', 'transferBoundary', 'allocation', 'attribution', 'stacking', 'reporting']));
    expect(index.properties([]).find((p) => p.name === 'commodity')?.description).toMatch(/EUDR commodities/);
    expect(index.properties(['method', 'transferBoundary', 'sites', ITEM]).map((p) => p.name)).toEqual(expect.arrayContaining(['id', 'country']));
  });

  it('the enum values of a value, through $ref and oneOf', () => {
    expect(index.values(['sector']).map((v) => v.value)).toContain('steel');
    expect(index.values(['method', 'inputBoundary', 'control']).map((v) => v.value)).toContain('certification');
    expect(index.values(['schemaVersion']).map((v) => v.value)).toEqual(['1']);
    expect(index.values(['nothing', 'here'])).toEqual([]);
  });
});

describe('the keys already written in the same mapping', () => {
  it.each([
    ['block mapping, above and below', 'id: x\nmethod:\n  inputBoundary:\n    control: x\n  temporalBoundary: {}\n  ▮\n  stacking:\n    x: 1\nsector: steel', ['inputBoundary', 'temporalBoundary', 'stacking']],
    ['a sequence item from its `- `', 'sites:\n  - id: a\n    country: BE\n  - id: b\n    co▮\n    name: B', ['id', 'name']],
    ['a new item takes nothing from the one before', 'sites:\n  - id: a\n    country: BE\n  - co▮', []],
    ['a compact sequence under a sibling', 'method:\n  transferBoundary:\n    sites:\n    - id: a\n  allo▮', ['transferBoundary']],
    ['flow mapping, before and after the cursor', 'organization: { name: A, co▮, legalForm: { country: x } }', ['name', 'legalForm']],
    ['nested flow mapping', 'method: { allocation: { key: mass }, att▮ }', ['allocation']],
  ] as const)('YAML: %s', (_name, text, present) => {
    expect(at(text, 'yaml')).toMatchObject({ kind: 'key', present });
  });

  it('JSON: the object at the cursor, not its parent or children', () => {
    expect(at('{"id": "x", "method": {"inputBoundary": {"control": "x"}, "▮", "stacking": {}}, "sector": "steel"}', 'json')).toMatchObject({ kind: 'key', path: ['method'], present: ['inputBoundary', 'stacking'] });
    expect(at('{"id": "x", "sec▮": "steel", "title": "t"}', 'json')).toMatchObject({ kind: 'key', path: [], present: ['id', 'title'] });
  });

  describe('are not offered again', () => {
    const schema = readFileSync('schemas/declaration.schema.json', 'utf8');
    beforeEach(() => {
      vi.stubGlobal('fetch', async () => new Response(schema, { headers: { 'content-type': 'application/schema+json' } }));
    });
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    async function offered(text: string, language: 'yaml' | 'json'): Promise<string[]> {
      const pos = text.indexOf('▮');
      const state = EditorState.create({ doc: text.replace('▮', ''), extensions: [language === 'yaml' ? yaml() : json()] });
      const result = await schemaCompletion()(new CompletionContext(state, pos, true));
      return (result?.options ?? []).map((o) => o.label);
    }

    it.each([
      ['YAML block', 'id: x\nmethod:\n  inputBoundary:\n    control: x\n  temporalBoundary: {}\n  ▮', 'yaml', ['inputBoundary', 'temporalBoundary'], 'allocation'],
      ['YAML flow', 'method: { inputBoundary: {}, ▮ }', 'yaml', ['inputBoundary'], 'allocation'],
      ['JSON', '{"method": {"inputBoundary": {}, "▮"}}', 'json', ['inputBoundary'], 'allocation'],
    ] as const)('%s', async (_name, text, language, taken, still) => {
      const labels = await offered(text, language);
      expect(labels).toContain(still);
      for (const key of taken) expect(labels).not.toContain(key);
    });

    it('except the key being typed at the cursor', async () => {
      expect(await offered('id: x\nmethod:\n  inputBo▮\n  allocation: {}', 'yaml')).toContain('inputBoundary');
      expect(await offered('{"method": {"inputBo▮": {}, "allocation": {}}}', 'json')).toContain('inputBoundary');
    });
  });
});
