// Signed attestations of checks: `mbcheck attest` and `mbcheck verify`, and the same as library calls.
import type { KeyObject } from 'node:crypto';
import type { AttestedFile } from '../generated/attestation.js';
import type { CheckResult } from '../result.js';
import { canonicalJson } from './canonicalJson.js';
import { buildCredential, signCredential, type CredentialOptions } from './credential.js';
import { signEnvelope } from './dsse.js';
import { publicKeyOf } from './keys.js';
import { buildStatement } from './statement.js';

export { canonicalJson } from './canonicalJson.js';
export { generateKeyPair, keyFingerprint, readPrivateKey, readPublicKey } from './keys.js';
export { verifyAttestation, type Verification, type VerifyInputs } from './verify.js';
export { buildStatement, PREDICATE_TYPE, type Statement } from './statement.js';
export { payloadDigest, type DsseEnvelope } from './dsse.js';
export { formatVerification } from './formatVerification.js';
export { attestationForReport, type AttestationView } from './forReport.js';

export type AttestationFormat = 'in-toto' | 'dcc';

export interface AttestRequest {
  results: readonly CheckResult[];
  privateKey: KeyObject;
  reports?: readonly AttestedFile[];
  /** in-toto (default): a Statement in a DSSE envelope; dcc: a Digital Conformity Credential. */
  format?: AttestationFormat;
  issuedAt?: Date;
  issuerName?: CredentialOptions['issuerName'];
}

/** The attestation as the JSON text to write: the envelope, or the signed credential. */
export function attest({ results, privateKey, reports, format = 'in-toto', issuedAt, issuerName }: AttestRequest): string {
  const statement = buildStatement({ results, ...(reports ? { reports } : {}), ...(issuedAt ? { issuedAt } : {}) });
  if (format === 'dcc') {
    const credential = buildCredential(statement.predicate, publicKeyOf(privateKey), issuerName ? { issuerName } : {});
    return `${JSON.stringify(signCredential(credential, privateKey, statement.predicate.issuedAt), null, 2)}\n`;
  }
  const envelope = signEnvelope(Buffer.from(canonicalJson(statement), 'utf8'), privateKey);
  return `${JSON.stringify(envelope, null, 2)}\n`;
}
