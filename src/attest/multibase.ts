// base58btc, as multibase ("z…") and did:key write Ed25519 keys and signatures.
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

export function base58btc(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  let n = 0n;
  for (const b of bytes) n = n * 256n + BigInt(b);
  let out = '';
  while (n > 0n) {
    out = ALPHABET[Number(n % 58n)]! + out;
    n /= 58n;
  }
  return '1'.repeat(zeros) + out;
}

/** The bytes of a base58btc string, or undefined when it holds a character outside the alphabet. */
export function fromBase58btc(text: string): Uint8Array | undefined {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  let n = 0n;
  for (const c of text) {
    const digit = ALPHABET.indexOf(c);
    if (digit < 0) return undefined;
    n = n * 58n + BigInt(digit);
  }
  const body: number[] = [];
  while (n > 0n) {
    body.unshift(Number(n % 256n));
    n /= 256n;
  }
  return Uint8Array.from([...new Array<number>(zeros).fill(0), ...body]);
}

// The multicodec prefix of an Ed25519 public key (0xed, as an unsigned varint).
const ED25519_PUB = [0xed, 0x01];

export function didKeyOf(rawPublicKey: Uint8Array): string {
  return `did:key:z${base58btc(Uint8Array.from([...ED25519_PUB, ...rawPublicKey]))}`;
}

/** The raw Ed25519 key a did:key (or its verification method, did:key:z…#z…) names, or undefined. */
export function rawKeyOfDidKey(did: string): Uint8Array | undefined {
  const match = /^did:key:z([1-9A-HJ-NP-Za-km-z]+)(?:#z\1)?$/.exec(did);
  const bytes = match ? fromBase58btc(match[1]!) : undefined;
  if (!bytes || bytes.length !== 34 || bytes[0] !== ED25519_PUB[0] || bytes[1] !== ED25519_PUB[1]) return undefined;
  return bytes.slice(2);
}
