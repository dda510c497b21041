// Positions in JSON text come from scanning the text, no longer from reading it as YAML. The YAML reading is the
// oracle: on every pointer of these documents (and on missing ones) both must give the same line and column.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, parse as parseYaml, type Node } from 'yaml';
import { jsonLocator } from '../../src/declaration/jsonLocate.js';
import { pointerToSegments, segmentsToPointer, type Position } from '../../src/declaration/problems.js';

function yamlOracle(text: string): (pointer: string) => Position {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  const at = (offset: number | undefined): Position => (offset === undefined ? { line: 0, column: 0 } : (({ line, col }) => ({ line, column: col }))(lineCounter.linePos(offset)));
  return (pointer) => {
    let node = doc.contents as Node | null;
    let position = at(node?.range?.[0]);
    for (const segment of pointerToSegments(pointer)) {
      if (isMap(node)) {
        const pair = [...node.items].reverse().find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === segment);
        if (!pair) return position;
        node = pair.value as Node | null;
        position = at(node?.range?.[0]);
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)] as Node | undefined;
        if (!/^\d+$/.test(segment) || !item) return position;
        node = item;
        position = at(item.range?.[0]);
      } else return position;
    }
    return position;
  };
}

/** Every pointer in the data, plus a missing child under each container. */
function pointersOf(value: unknown, path: Array<string | number> = []): string[] {
  const here = [segmentsToPointer(path)];
  if (Array.isArray(value)) return [...here, segmentsToPointer([...path, value.length]), ...value.flatMap((v, i) => pointersOf(v, [...path, i]))];
  if (value !== null && typeof value === 'object') {
    return [...here, segmentsToPointer([...path, 'missing']), ...Object.entries(value).flatMap(([k, v]) => pointersOf(v, [...path, k]))];
  }
  return here;
}

function agree(text: string): number {
  const ours = jsonLocator(text);
  const oracle = yamlOracle(text);
  const pointers = pointersOf(JSON.parse(text));
  for (const pointer of pointers) expect(ours(pointer), pointer).toEqual(oracle(pointer));
  return pointers.length;
}

describe('jsonLocator', () => {
  it('agrees with the YAML reading on every pointer of the examples, pretty-printed and minified', () => {
    for (const file of readdirSync('examples').filter((f) => f.endsWith('.yaml'))) {
      const data = parseYaml(readFileSync(`examples/${file}`, 'utf8'));
      expect(agree(JSON.stringify(data, null, 2))).toBeGreaterThan(20);
      agree(JSON.stringify(data));
      agree(JSON.stringify(data, null, '\t'));
    }
  });

  it('agrees on escaped keys and strings, pointer escapes, empty containers and odd spacing', () => {
    agree('{"a/b": {"c~d": [1, {"e\\"f": "x\\\\"}, []]}, "\\u0067": {},\r\n "s": "[{,}]"  ,"n" : -1.5e3 , "t":true,"z":null}');
  });

  it('points at the last of duplicate keys, the value JSON.parse keeps', () => {
    const text = '{\n  "a": 1,\n  "a": 2\n}';
    expect(JSON.parse(text).a).toBe(2);
    expect(jsonLocator(text)('/a')).toEqual({ line: 3, column: 8 });
  });

  it('agrees on random JSON documents (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(undefined, 2, '\t'), (value, indent) => {
        const text = JSON.stringify({ root: value }, null, indent);
        agree(text);
      }),
      { numRuns: 200 },
    );
  });
});
