// Ed25519 keys in PEM, as node:crypto reads and writes them: PKCS #8 for the private key, SPKI for the public one.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { MbcheckError } from '../errors.js';
import { readRegularFileSync } from '../regularFile.js';

const KEY_LIMIT = { what: 'the key file', maxBytes: 64 * 1024 };
const MAKE_ONE = 'make a key pair with: mbcheck attest --generate-key --output signer';

export interface KeyPairPem {
  privatePem: string;
  publicPem: string;
  fingerprint: string;
}

export function generateKeyPair(): KeyPairPem {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: keyFingerprint(publicKey),
  };
}

function keyOf(path: string, read: (pem: Buffer) => KeyObject, what: string): KeyObject {
  const pem = readRegularFileSync(path, KEY_LIMIT);
  let key: KeyObject;
  try {
    key = read(pem);
  } catch (error) {
    if (error instanceof MbcheckError) throw error;
    const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(pem.toString('latin1')) || /passphrase/i.test((error as Error).message);
    const reason = encrypted ? 'it is encrypted with a passphrase, which mbcheck does not read; export it without one (openssl pkey -in KEY -out PLAIN.pem)' : 'it is not a PEM key that can be read';
    throw new MbcheckError('bad-key', `${path}: not ${what}: ${reason}; ${MAKE_ONE}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new MbcheckError('bad-key', `${path}: ${what} must be Ed25519, and this is ${key.asymmetricKeyType ? `an ${key.asymmetricKeyType.toUpperCase()} key` : 'a symmetric key'}; ${MAKE_ONE}`);
  }
  return key;
}

export function readPrivateKey(path: string): KeyObject {
  return keyOf(
    path,
    (pem) => {
      if (/-----BEGIN PUBLIC KEY-----/.test(pem.toString('latin1'))) throw new MbcheckError('bad-key', `${path}: this is a public key; signing needs the private key (PEM, PKCS #8)`);
      return createPrivateKey(pem);
    },
    'an Ed25519 private key (PEM)',
  );
}

/** A public key, or the public half of a private key file (a verifier should be handed only the public one). */
export function readPublicKey(path: string): KeyObject {
  return keyOf(path, (pem) => createPublicKey(pem), 'an Ed25519 public key (PEM)');
}

export function publicKeyOf(key: KeyObject): KeyObject {
  return key.type === 'private' ? createPublicKey(key) : key;
}

/**
 * sha256 of the public key's SPKI (DER) bytes, which anyone can recompute:
 * `openssl pkey -pubin -in signer.pub.pem -outform DER | sha256sum`.
 */
export function keyFingerprint(key: KeyObject): string {
  const der = publicKeyOf(key).export({ type: 'spki', format: 'der' });
  return `sha256:${createHash('sha256').update(der).digest('hex')}`;
}

/** The 32 bytes of an Ed25519 public key. */
export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = publicKeyOf(key).export({ format: 'jwk' });
  return Buffer.from(jwk.x!, 'base64url');
}

export function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
}
