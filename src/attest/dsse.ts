// DSSE (Dead Simple Signing Envelope, v1): the payload is carried as base64 bytes and signed with its type through
// the pre-authentication encoding, so that no re-serialisation of the envelope can change what was signed.
import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { keyFingerprint } from './keys.js';

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

export interface DsseSignature {
  keyid: string;
  sig: string;
}

export interface DsseEnvelope {
  payloadType: string;
  payload: string;
  signatures: DsseSignature[];
}

/** PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in bytes, in decimal. */
export function preAuthenticationEncoding(payloadType: string, payload: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
}

export function signEnvelope(payload: Uint8Array, privateKey: KeyObject, payloadType = IN_TOTO_PAYLOAD_TYPE): DsseEnvelope {
  // Ed25519 hashes internally: node:crypto takes no digest name for it (null).
  const sig = sign(null, preAuthenticationEncoding(payloadType, payload), privateKey);
  return { payloadType, payload: Buffer.from(payload).toString('base64'), signatures: [{ keyid: keyFingerprint(privateKey), sig: sig.toString('base64') }] };
}

/** The signatures of the envelope that the key made, checked over the exact payload bytes. */
export function envelopeSignedBy(envelope: DsseEnvelope, publicKey: KeyObject): boolean {
  const payload = Buffer.from(envelope.payload, 'base64');
  const message = preAuthenticationEncoding(envelope.payloadType, payload);
  return envelope.signatures.some((s) => {
    const signature = Buffer.from(s.sig, 'base64');
    return signature.length === 64 && verify(null, message, publicKey, signature);
  });
}

/** The digest a report prints of a statement: sha256 of the payload bytes that were signed. */
export function payloadDigest(envelope: DsseEnvelope): string {
  return `sha256:${createHash('sha256').update(Buffer.from(envelope.payload, 'base64')).digest('hex')}`;
}
