// The editor's schema completion finds the path at the cursor in YAML (by indentation, flow collections too) and
// in JSON (by the syntax tree), and offers the declaration schema's property names and enum values there.
import { readFileSync } from 'node:fs';
import { json } from '@codemirror/lang-json';
import { yaml } from '@codemirror/lang-yaml';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { ITEM, jsonPlace, SchemaIndex, yamlPlace } from '../../src/workbench/schemaCompletion.js';

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
