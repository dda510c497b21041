// One registry says which names and media types stand for which document format: every caller asks it.
import { describe, expect, it } from 'vitest';
import { declarationFormatOf, formatOfFileName, formatOfMediaType, isDeclarationFileName, stemOf } from '../../src/declaration/formats.js';

describe('the document formats', () => {
  it.each([
    ['steel.yaml', 'yaml'],
    ['STEEL.YML', 'yaml'],
    ['steel.json', 'json'],
    ['inputs.csv', 'csv'],
    ['ledger.XLSX', 'xlsx'],
    ['notes.txt', undefined],
    ['yaml', undefined],
  ])('%s is %s', (name, format) => expect(formatOfFileName(name)?.name).toBe(format));

  it('reads media types with their parameters', () => {
    expect(formatOfMediaType('application/json; charset=utf-8')?.name).toBe('json');
    expect(formatOfMediaType('Text/X-YAML')?.name).toBe('yaml');
    expect(formatOfMediaType('text/csv')?.name).toBe('csv');
    expect(formatOfMediaType('text/plain')).toBeUndefined();
  });

  it('lists only declaration formats as declarations', () => {
    expect(['a.yaml', 'a.yml', 'a.json', 'a.csv', 'a.xlsx'].filter(isDeclarationFileName)).toEqual(['a.yaml', 'a.yml', 'a.json']);
  });

  it('reads a declaration by its name, else by its first character', () => {
    expect(declarationFormatOf('a.yaml', () => '{"id": 1}')).toBe('yaml');
    expect(declarationFormatOf('<stdin>', () => '  {"id": 1}')).toBe('json');
    expect(declarationFormatOf('<stdin>', () => 'id: x')).toBe('yaml');
  });

  it('names outputs after the declaration without its ending', () => {
    expect(stemOf('steel.yaml')).toBe('steel');
    expect(stemOf('steel.v2.JSON')).toBe('steel.v2');
    expect(stemOf('README')).toBe('README');
  });
});
