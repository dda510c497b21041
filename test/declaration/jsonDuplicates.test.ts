// A key written twice in a JSON object is refused at its line, as YAML refuses it: JSON.parse would silently keep
// the last value, and `"quantity": 99999, "quantity": 1200` would be judged as 1200.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { validateDeclaration } from '../../src/check.js';
import { firstDuplicateKey, membersInData, membersInText } from '../../src/declaration/jsonDuplicates.js';
import { StreamedJsonParser } from '../../src/declaration/jsonStream.js';
import { readSource, sourceFromText, STREAMED_JSON_BYTES } from '../../src/declaration/source.js';

const example = parseYaml(readFileSync('examples/steel-credit-transition.yaml', 'utf8')) as { ledger: { inputs: Array<Record<string, unknown>>; outputs: Array<Record<string, unknown>> } };

/** The example as pretty JSON with the first input's quantity written twice: 99999, then the example's own. */
function withRepeatedQuantity(): string {
  const text = JSON.stringify(example, null, 2);
  const quantity = `"quantity": ${example.ledger.inputs[0]!.quantity}`;
  const at = text.indexOf(quantity);
  return `${text.slice(0, at)}"quantity": 99999,\n        ${text.slice(at)}`;
}

describe('counting members', () => {
  it.each([
    ['{}', 0],
    ['{"a": 1, "b": [1, 2, {"c": "x:y"}]}', 3],
    ['{"a\\":b": "\\\\", "c": "\\"d:e\\""}', 2],
    ['[{"a": {"b": {"c": []}}}, 3]', 3],
  ])('%s has %d members, in the text and in the parsed data', (text, members) => {
    expect(membersInText(text)).toBe(members);
    expect(membersInData(JSON.parse(text))).toBe(members);
  });

  it('a repeated key makes the text count one more than the data', () => {
    const text = '{"a": 1, "b": {"k": 1, "k": 2}}';
    expect(membersInText(text)).toBe(membersInData(JSON.parse(text)) + 1);
  });
});

describe('firstDuplicateKey', () => {
  it('names the object and both places, inside arrays and nested objects', () => {
    const text = '{"a": [{"x": 1}, {"y": [1, 2], "z": {"q": 1}}, {"k": 1, "k": 2}]}';
    expect(firstDuplicateKey(text)).toEqual({ objectPointer: '/a/2', key: 'k', firstAt: text.indexOf('"k"'), againAt: text.lastIndexOf('"k"') });
  });

  it('reads escaped keys as JSON does: "\\u006b" and "k" are the same key', () => {
    expect(firstDuplicateKey('{"k": 1, "\\u006b": 2}')?.key).toBe('k');
  });

  it('a string value equal to a key is no duplicate', () => {
    expect(firstDuplicateKey('{"k": "k", "j": ["k", "k"]}')).toBeUndefined();
  });
});

describe('a JSON declaration with a repeated key', () => {
  it('is invalid, at the line of the second key, naming the first', () => {
    const text = withRepeatedQuantity();
    const result = validateDeclaration(sourceFromText('dup.json', text));
    expect(result.valid).toBe(false);
    const secondLine = text.slice(0, text.indexOf(`"quantity": ${example.ledger.inputs[0]!.quantity}`)).split('\n').length;
    expect(result.validationErrors).toEqual([
      expect.objectContaining({ code: 'duplicate-key', pointer: '/ledger/inputs/0', line: secondLine, message: expect.stringMatching(new RegExp(`"quantity" appears twice in this object \\(first at line ${secondLine - 1}\\)`)) }),
    ]);
  });

  it('the streamed reader gives up on it, so the whole-text parse words the error', () => {
    const text = withRepeatedQuantity();
    const parser = new StreamedJsonParser();
    parser.push(Buffer.from(text));
    expect(parser.end()).toBeUndefined();
    const honest = new StreamedJsonParser();
    honest.push(Buffer.from(JSON.stringify(example)));
    expect(honest.end()).toEqual(example);
  });

  it('a file large enough to be streamed is refused at the repeated key of a line deep in its ledger', async () => {
    const big = structuredClone(example);
    const line = big.ledger.outputs[0]!;
    for (let i = 0; big.ledger.outputs.length < 90_000; i++) big.ledger.outputs.push({ ...line, id: `extra-${i}` });
    let text = JSON.stringify(big);
    const at = text.indexOf('"id":"extra-80000"');
    text = `${text.slice(0, at)}"quantity":5,${text.slice(at)}`;
    expect(text.length).toBeGreaterThan(STREAMED_JSON_BYTES);
    const dir = mkdtempSync(join(tmpdir(), 'mbcheck-dup-'));
    try {
      const file = join(dir, 'big.json');
      writeFileSync(file, text);
      const result = validateDeclaration(await readSource(file));
      const index = big.ledger.outputs.findIndex((o) => o['id'] === 'extra-80000');
      expect(result.validationErrors).toEqual([expect.objectContaining({ code: 'duplicate-key', pointer: `/ledger/outputs/${index}`, line: 1 })]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
