// What a report prints of the attestation made for it (report --attestation): who signed it, the digest of what was
// signed, and when. A report may only print an attestation of the same check: the same declaration bytes, the
// same date in force, the same rulesets with the same verdicts; anything else is refused, never printed.
import type { KeyObject } from 'node:crypto';
import { MbcheckError } from '../errors.js';
import type { CheckResult } from '../result.js';
import { fileNameOf } from './statement.js';
import { sameDeclaration, verifyAttestation } from './verify.js';

export interface AttestationView {
  /** The attestation's file name. */
  file: string;
  format: 'in-toto-dsse' | 'dcc';
  /** The key the attestation names as its signer (sha256 of its SPKI). */
  signedBy: string;
  /** sha256 of the bytes signed. */
  statementDigest: string;
  issuedAt?: string;
  /** True when the report was printed with the signer's public key and the signature held under it. */
  signatureChecked: boolean;
}

export function attestationForReport(file: string, text: string, result: CheckResult, key?: KeyObject): AttestationView {
  const refuse = (why: string) => new MbcheckError('attestation-mismatch', `${file}: ${why}; the report prints only an attestation of this very check`);
  if (!result.declaration.sha256) throw refuse('the declaration could not be read');
  const name = fileNameOf(result.declaration.source);
  const files = result.declaration.files ?? [{ name, sha256: result.declaration.sha256 }];
  const given = { name, sha256: result.declaration.sha256, files };
  const v = verifyAttestation(text, { ...(key ? { key } : {}), declaration: given });
  if (!v.signed) throw refuse(`it cannot be read (${v.signature.problem ?? 'not an attestation'})`);
  if (key && !v.signature.holds) throw refuse(`its signature does not hold for the key given (${v.signature.problem ?? ''})`);
  if (!v.declaration?.matches) throw refuse(`it does not attest this declaration (sha256 ${result.declaration.sha256}${result.declaration.files ? ', with its ledger files' : ''})`);
  if (v.format === 'in-toto-dsse') {
    if (v.signed.asOf !== result.asOf) throw refuse(`it attests the rulesets in force on ${v.signed.asOf}, and this report is as of ${result.asOf}: give --as-of ${v.signed.asOf}`);
    // The one verify matched: by its bytes, whatever the declaration is called now.
    const attested = v.signed.declarations.find((d) => sameDeclaration(d, given))!;
    const says = (r: { id: string; version: string; sha256: string; verdict: string }) => `${r.id}@${r.version} ${r.verdict} (${r.sha256.slice(0, 12)})`;
    const signed = attested.rulesets.map(says).join(', ');
    const here = (result.rulesets ?? []).map(says).join(', ');
    if (signed !== here) throw refuse(`it attests ${signed || 'no ruleset'}, and this report checks ${here || 'no ruleset'}: give the same --ruleset and --waivers as the attestation`);
    if (attested.verdict !== result.verdict) throw refuse(`it attests the verdict ${attested.verdict}, and this check gives ${result.verdict}: give the same --waivers as the attestation`);
  }
  const signedBy = v.signature.signedBy.find(Boolean);
  if (!signedBy) throw refuse('it names no signing key');
  return {
    file,
    format: v.format,
    signedBy,
    statementDigest: v.statementDigest!,
    ...(v.signed.issuedAt ? { issuedAt: v.signed.issuedAt } : {}),
    signatureChecked: key !== undefined && v.signature.holds,
  };
}
