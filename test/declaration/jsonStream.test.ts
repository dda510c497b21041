// The streamed reading of a large JSON declaration must give exactly what JSON.parse gives, however the bytes are
// cut into chunks, or give up (undefined) so that the whole text is parsed instead.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { StreamedJsonParser } from '../../src/declaration/jsonStream.js';

function streamed(bytes: Uint8Array, cuts: number[]): unknown {
  const parser = new StreamedJsonParser();
  let from = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length)].sort((a, b) => a - b)) {
    parser.push(bytes.subarray(from, cut));
    from = cut;
  }
  parser.push(bytes.subarray(from));
  return parser.end();
}

const everyByte = (bytes: Uint8Array) => Array.from({ length: bytes.length }, (_, i) => i);
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

describe('StreamedJsonParser', () => {
  it('gives JSON.parse\'s result for every example, whole and cut at every byte', () => {
    for (const file of readdirSync('examples').filter((f) => f.endsWith('.yaml'))) {
      const text = JSON.stringify(parseYaml(readFileSync(`examples/${file}`, 'utf8')), null, 2);
      const bytes = utf8(text);
      expect(streamed(bytes, [])).toEqual(JSON.parse(text));
      expect(streamed(bytes, everyByte(bytes))).toEqual(JSON.parse(text));
    }
  });

  it('reads escaped keys, escaped quotes and backslashes, multi-byte characters and a byte-order mark', () => {
    const text = '\ufeff{"led\\u0067er": {"unit": "t", "\\u0069nputs": [{"id": "a\\\\", "n": "x\\"],{"}, "é€𝄞", 3, [1, {"k": []}]], "outputs" : [ ] }, "z\\\\": "\\\\"}';
    const bytes = utf8(text);
    const expected = JSON.parse(text.slice(1));
    expect(streamed(bytes, [])).toEqual(expected);
    expect(streamed(bytes, everyByte(bytes))).toEqual(expected);
  });

  it('gives up on what it cannot reproduce: duplicate keys, syntax errors, invalid UTF-8, an unfinished document', () => {
    for (const text of [
      '{"ledger": {"inputs": [1]}, "ledger": {"inputs": [2]}}',
      '{"ledger": {"inputs": [1], "inputs": [2]}}',
      '{"ledger": {"inputs": [1, 2,]}}',
      '{"ledger": {"inputs": [,1]}}',
      '{"ledger": {"inputs": [1,,2]}}',
      '{"ledger": {"inputs": [1 2]}}',
      '{"ledger": {"inputs": [{"a": 1}}}',
      '{"ledger": {"inputs": [1]}',
      '{"a": 1}}',
    ]) {
      expect(streamed(utf8(text), []), text).toBeUndefined();
    }
    const invalid = Buffer.concat([utf8('{"ledger": {"inputs": [{"id": "'), Buffer.from([0xc3, 0x28]), utf8('"}]}}')]);
    expect(streamed(invalid, [])).toBeUndefined();
  });

  it('does not take a long key for the one before it, even one that ends in escapes', () => {
    const text = `{"ledger": {"inputs": [1], "${'k'.repeat(63)}\\\\\\"${'k'.repeat(10)}": [2, 3], "outputs": []}}`;
    const bytes = utf8(text);
    expect(streamed(bytes, [40, 90])).toEqual(JSON.parse(text));
    expect(streamed(bytes, everyByte(bytes))).toEqual(JSON.parse(text));
  });

  it('leaves documents of other shapes whole: a root array, a ledger that is not an object', () => {
    for (const text of ['[{"ledger": {"inputs": [1]}}]', '{"ledger": [{"inputs": [1]}]}', '{"ledger": null, "inputs": [1]}', '"x"', '42']) {
      expect(streamed(utf8(text), everyByte(utf8(text)))).toEqual(JSON.parse(text));
    }
  });

  it('gives JSON.parse\'s result on random documents cut anywhere (property)', () => {
    const line = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.record({ id: fc.string(), quantity: fc.double({ noNaN: true, noDefaultInfinity: true }), note: fc.string({ unit: 'binary' }) }));
    const document = fc.record({
      id: fc.string({ unit: 'binary' }),
      before: fc.jsonValue({ maxDepth: 2 }),
      ledger: fc.record({ unit: fc.constant('t'), inputs: fc.array(line, { maxLength: 8 }), outputs: fc.array(line, { maxLength: 8 }), extra: fc.jsonValue({ maxDepth: 2 }) }),
      after: fc.jsonValue({ maxDepth: 2 }),
    });
    fc.assert(
      fc.property(document, fc.constantFrom(undefined, 1, '\t'), fc.array(fc.nat(2000), { maxLength: 12 }), (data, indent, cuts) => {
        const text = JSON.stringify(data, null, indent);
        expect(streamed(utf8(text), cuts)).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });
});
