// RFC 8785 canonical JSON and the DSSE pre-authentication encoding, held to the examples their specifications give.
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/attest/canonicalJson.js';
import { preAuthenticationEncoding } from '../../src/attest/dsse.js';
import { base58btc, didKeyOf, fromBase58btc, rawKeyOfDidKey } from '../../src/attest/multibase.js';

describe('canonicalJson (RFC 8785)', () => {
  it('writes the example of RFC 8785 section 3.2.4: numbers as ECMAScript does, strings escaped minimally, members sorted', () => {
    const parsed = JSON.parse('{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}');
    expect(canonicalJson(parsed)).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  it('sorts member names by UTF-16 code units, as in RFC 8785 section 3.2.3 (a surrogate pair sorts before U+FB33)', () => {
    const names = ['\u20ac', '\r', '\ufb33', '1', '\ud83d\ude00', '\u0080', '\u00f6'];
    const value = Object.fromEntries(names.map((n, i) => [n, i]));
    // Read from the text: Object.keys would put the integer-like "1" first whatever the order written.
    const order = [...canonicalJson(value).matchAll(/"((?:[^"\\]|\\.)*)":/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
    expect(order).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
  });

  it('gives one text for the same value however it was written: spacing and member order do not matter', () => {
    const a = JSON.parse('{ "b": [1, {"y": 2, "x": 1}], "a": -0 }');
    const b = JSON.parse('{"a":0,"b":[1,{"x":1,"y":2}]}');
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":0,"b":[1,{"x":1,"y":2}]}');
  });

  it('refuses what JSON cannot carry exactly, naming where it is', () => {
    expect(() => canonicalJson({ a: [Number.NaN] })).toThrow(/NaN at \/a\/0/);
    expect(() => canonicalJson({ s: 'broken \ud800 pair' })).toThrow(/lone surrogate at \/s/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function at \/f/);
  });
});

describe('DSSE pre-authentication encoding', () => {
  it('is the example of the DSSE protocol: lengths in bytes, in decimal', () => {
    expect(preAuthenticationEncoding('http://example.com/HelloWorld', Buffer.from('hello world')).toString()).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
    // Lengths count bytes, not characters: "€" is three.
    expect(preAuthenticationEncoding('t', Buffer.from('€')).toString()).toBe('DSSEv1 1 t 3 €');
  });
});

describe('base58btc and did:key', () => {
  it('round-trips bytes, leading zeros included', () => {
    for (const bytes of [[], [0], [0, 0, 1], [255, 254, 0, 3], Array.from({ length: 64 }, (_, i) => (i * 37) % 256)]) {
      expect(Array.from(fromBase58btc(base58btc(Uint8Array.from(bytes)))!)).toEqual(bytes);
    }
    expect(base58btc(Buffer.from('Hello World!'))).toBe('2NEpo7TZRRrLZSi2U');
    expect(fromBase58btc('0OIl')).toBeUndefined();
  });

  it('reads the key a did:key names, and nothing that is not an Ed25519 did:key', () => {
    const raw = Uint8Array.from({ length: 32 }, (_, i) => i);
    const did = didKeyOf(raw);
    expect(did).toMatch(/^did:key:z6Mk/);
    expect(Array.from(rawKeyOfDidKey(did)!)).toEqual(Array.from(raw));
    expect(Array.from(rawKeyOfDidKey(`${did}#${did.slice(8)}`)!)).toEqual(Array.from(raw));
    expect(rawKeyOfDidKey(`${did}#zOther`)).toBeUndefined();
    // A P-256 did:key (zDn…) is not an Ed25519 key.
    expect(rawKeyOfDidKey('did:key:zDnaeoWd5aKSeZ8QAimcVrLGEU2SnWCrY4wQneAAk5NhQyn8U')).toBeUndefined();
  });
});
