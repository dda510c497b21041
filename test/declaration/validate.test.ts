// Bad input gets a clear error with its pointer, line and column, never a crash or a hang.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { validateDeclaration } from '../../src/check.js';
import { sourceFromBytes, sourceFromText } from '../../src/declaration/source.js';
import { MbcheckError } from '../../src/errors.js';

const fixture = (name: string) => sourceFromText(`test/fixtures/declarations/${name}`, readFileSync(`test/fixtures/declarations/${name}`, 'utf8'));
const example = (name: string) => sourceFromText(name, readFileSync(name, 'utf8'));

describe('schema errors', () => {
  const result = validateDeclaration(fixture('three-errors.yaml'));
  const byPointer = Object.fromEntries(result.validationErrors.map((e) => [e.pointer, e]));

  it('reports every error at once', () => {
    expect(result.valid).toBe(false);
    expect(result.verdict).toBe('fail');
    expect(Object.keys(byPointer).sort()).toEqual(['/ledger/inputs/0/quantity', '/method/attribution', '/method/transferBoundary/level']);
  });
  it('names what was expected and what was found', () => {
    expect(byPointer['/method/transferBoundary/level']).toMatchObject({ line: 14, column: 12, message: 'must be one of "batch", "process", "site", "multi-site"; got "regional"' });
    expect(byPointer['/ledger/inputs/0/quantity']).toMatchObject({ line: 27, column: 9, message: 'must be > 0; got -5' });
  });
  it('places a missing property at the object it belongs to', () => {
    expect(byPointer['/method/attribution']).toMatchObject({ line: 10, message: 'missing required property "attribution"' });
  });
});

describe('cross-field errors', () => {
  const result = validateDeclaration(fixture('cross-field.json'));
  const messages = result.validationErrors.map((e) => `${e.pointer} @${e.line}: ${e.message}`);
  it('finds every inconsistency, with lines in the JSON source', () => {
    expect(messages).toEqual([
      '/period/end @8: period.end 2026-01-01 is before period.start 2026-06-30',
      '/method/transferBoundary/sites/1/id @12: duplicate site id "s1" (first used at index 0)',
      '/method/allocation/productGroups @13: product group shares must sum to 1 (within 0.000001); they sum to 0.9',
      '/ledger/inputs/0/date @20: input "in-1" is dated 2026-03-01, outside the declaration\'s period 2026-06-30 to 2026-01-01',
      '/ledger/inputs/0/site @20: input "in-1" names site "s9", which is not declared in method.transferBoundary.sites (declared: s1)',
      '/ledger/outputs/0/date @21: output "out-1" is dated 2026-03-02, outside the declaration\'s period 2026-06-30 to 2026-01-01',
      '/ledger/outputs/0/productGroup @21: output "out-1" names product group "coil", which is not declared in method.allocation.productGroups (declared: hrc, plate)',
    ]);
  });
});

describe('a commodity that misspells an EUDR one', () => {
  const withCommodity = (commodity: string) => {
    const text = readFileSync('examples/cocoa-eudr-compliant.yaml', 'utf8').replace(/^commodity: cocoa$/m, `commodity: ${JSON.stringify(commodity)}`);
    return validateDeclaration(sourceFromText('cocoa.yaml', text));
  };

  it('is a cross-field error at /commodity, on its line, with the spelling to use', () => {
    const result = withCommodity('cocao');
    expect(result.valid).toBe(false);
    expect(result.validationErrors).toEqual([
      expect.objectContaining({ pointer: '/commodity', line: 12, column: 12, code: 'commodity-near-miss', message: expect.stringContaining('commodity "cocao" looks like a misspelling of "cocoa" (the EUDR commodity cocoa): write "cocoa"') }),
    ]);
  });

  it('names the words that look like a product of the commodity, and both spellings to use', () => {
    const [error] = withCommodity('organic coca butter').validationErrors;
    expect(error?.message).toContain('commodity "organic coca butter": "coca butter" looks like a misspelling of "cocoa butter" (the EUDR commodity cocoa): write "cocoa butter" or "cocoa"');
  });

  it.each(['Cocoa', 'cocoa-beans', 'HS 1801', 'crude-steel', 'wheat', 'ethylene'])('accepts %j', (commodity) => {
    expect(withCommodity(commodity).valid).toBe(true);
  });
});

describe('conditional requirements', () => {
  const base = readFileSync('examples/steel-credit-transition.yaml', 'utf8');
  it('needs a benchmark when control is benchmark', () => {
    const text = base.replace(/    benchmark: \{[^\n]*\n/, '');
    const result = validateDeclaration(sourceFromText('x.yaml', text));
    expect(result.validationErrors.map((e) => [e.pointer, e.message])).toEqual([['/method/inputBoundary/benchmark', 'missing required property "benchmark"']]);
  });
  it('needs certificate terms when the instrument is a certificate', () => {
    const result = validateDeclaration(sourceFromText('x.yaml', base.replace('instrument: emission-factor', 'instrument: certificate')));
    expect(result.validationErrors.map((e) => e.pointer)).toEqual(['/method/reporting/certificate']);
  });
  it('needs a batch on every ledger line at batch level', () => {
    const result = validateDeclaration(sourceFromText('x.yaml', base.replace('level: site', 'level: batch')));
    // Every one of the example's 4 inputs and 9 outputs lacks its batch.
    expect(result.validationErrors).toHaveLength(13);
    expect(result.validationErrors[0]).toMatchObject({ pointer: '/ledger/inputs/0/batch', message: 'missing required property "batch"' });
  });
});

describe('syntax and hostile input', () => {
  it('gives the line of a YAML syntax error', () => {
    const result = validateDeclaration(sourceFromText('bad.yaml', 'schemaVersion: "1"\nid: [unclosed\n'));
    expect(result.validationErrors[0]).toMatchObject({ pointer: '', code: 'syntax' });
    expect(result.validationErrors[0]!.line).toBeGreaterThan(0);
  });
  it('gives the line and column of a JSON syntax error', () => {
    const result = validateDeclaration(sourceFromText('bad.json', '{\n  "id": "x",\n}'));
    expect(result.validationErrors[0]).toMatchObject({ line: 3, column: 1, code: 'syntax' });
    expect(result.validationErrors[0]!.message).toMatch(/^not valid JSON/);
  });
  it('refuses a YAML alias bomb quickly', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`);
    const result = validateDeclaration(sourceFromText('bomb.yaml', lines.join('\n')));
    expect(result.valid).toBe(false);
    expect(result.validationErrors[0]!.message).toMatch(/aliases/);
  });
  it('refuses very deep nesting without crashing', () => {
    const deep = `${'['.repeat(10000)}${']'.repeat(10000)}`;
    for (const name of ['deep.yaml', 'deep.json']) {
      const result = validateDeclaration(sourceFromText(name, deep));
      expect(result.valid).toBe(false);
      expect(result.validationErrors).not.toHaveLength(0);
    }
  });
  it('does not let __proto__ keys reach the prototype', () => {
    const result = validateDeclaration(sourceFromText('proto.json', '{"__proto__": {"polluted": true}, "schemaVersion": "1"}'));
    expect(result.valid).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(result.validationErrors.some((e) => e.pointer === '/__proto__')).toBe(true);
  });
  it('rejects bytes that are not UTF-8 with a clear error', () => {
    expect(() => sourceFromBytes('latin1.yaml', Uint8Array.from([0x69, 0x64, 0x3a, 0x20, 0xe9, 0x0a]))).toThrow(MbcheckError);
    expect(() => sourceFromBytes('latin1.yaml', Uint8Array.from([0xe9]))).toThrow(/not valid UTF-8/);
  });
  it('rejects numbers written as strings, and NaN', () => {
    const text = readFileSync('examples/steel-credit-transition.yaml', 'utf8').replace('quantity: 1200,', 'quantity: "1200",').replace('emissionFactor: 0.7, lowCarbon: true, evidence: [EPD-2026-131]', 'emissionFactor: .nan, lowCarbon: true, evidence: [EPD-2026-131]');
    const result = validateDeclaration(sourceFromText('x.yaml', text));
    expect(result.validationErrors.map((e) => [e.pointer, e.message])).toEqual([
      ['/ledger/inputs/0/quantity', 'must be of type number; got "1200"'],
      ['/ledger/inputs/2/emissionFactor', 'must be of type number; got NaN'],
    ]);
  });
});

describe('the bundled examples', () => {
  it.each(['examples/steel-credit-transition.yaml'])('%s is valid', (name) => {
    expect(validateDeclaration(example(name)).validationErrors).toEqual([]);
  });
});

describe('size', () => {
  it('asks for JSON when a YAML declaration is too large to parse safely', async () => {
    const { MAX_YAML_CHARS } = await import('../../src/declaration/parse.js');
    const result = validateDeclaration(sourceFromText('huge.yaml', `# ${'x'.repeat(MAX_YAML_CHARS)}\n`));
    expect(result.validationErrors[0]).toMatchObject({ code: 'too-large' });
    expect(result.validationErrors[0]!.message).toMatch(/write large ledgers as JSON/);
  });
});

describe('a flood of errors', () => {
  it('lists the first 200 problems of 50,000 broken ledger lines and counts the rest, in bounded time', () => {
    const data = parseYaml(readFileSync('examples/steel-credit-transition.yaml', 'utf8'));
    // Each line is wrong three ways: an id that is a number, a date that is not one, a quantity as a string.
    data.ledger.inputs = Array.from({ length: 50_000 }, (_, i) => ({ id: i, date: 'x', quantity: '5' }));
    const result = validateDeclaration(sourceFromText('flood.json', JSON.stringify(data)));
    expect(result.validationErrors).toHaveLength(201);
    expect(result.validationErrors[0]).toMatchObject({ pointer: expect.stringMatching(/^\/ledger\/inputs\/0\//), line: 1 });
    expect(result.validationErrors.at(-1)).toMatchObject({ code: 'too-many-errors', message: expect.stringMatching(/^and about \d+ more problem/) });
  });
});
