// The same attestation as a W3C Verifiable Credential (data model 2.0) shaped like the UN Transparency Protocol's
// Digital Conformity Credential (0.6.1): one assessment per ruleset a declaration was checked against, each rule's
// outcome as a criterion with its conformance, and the declaration and reports as links with their sha256.
// Secured with a Data Integrity proof of the eddsa-jcs-2022 cryptosuite: RFC 8785 canonical JSON, so any JSON tool
// may re-serialise the credential and the proof still holds. The issuer is the did:key of the signing key.
import { createHash, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import type { AttestedResult, CheckAttestation } from '../generated/attestation.js';
import { canonicalJson } from './canonicalJson.js';
import { publicKeyFromRaw, rawPublicKey } from './keys.js';
import { base58btc, didKeyOf, fromBase58btc, rawKeyOfDidKey } from './multibase.js';

export const CREDENTIAL_CONTEXTS = ['https://www.w3.org/ns/credentials/v2', 'https://test.uncefact.org/vocabulary/untp/dcc/0.6.1/'];
const LINK_TYPE = 'https://mbcheck.dev/linkTypes/';
const TOPIC = 'environment.emissions';

export interface DataIntegrityProof {
  '@context'?: unknown;
  type: 'DataIntegrityProof';
  cryptosuite: 'eddsa-jcs-2022';
  created: string;
  verificationMethod: string;
  proofPurpose: 'assertionMethod';
  proofValue: string;
}

export type Credential = Record<string, unknown> & { '@context': string[]; proof?: DataIntegrityProof };

function outcomeInWords(outcome: string, waived: boolean | undefined): string {
  if (outcome === 'fail') return waived ? 'fails, and a waiver accepts the failure' : 'fails';
  return outcome === 'pass' ? 'passes' : outcome === 'not-applicable' ? 'does not apply' : 'cannot be told from the declaration';
}

function assessments(result: AttestedResult, index: number, asOf: string, credentialId: string) {
  return result.rulesets.map((ruleset) => ({
    type: ['ConformityAssessment'],
    // Numbered by declaration: two declarations of the same file name still get ids of their own.
    id: `${credentialId}#${index + 1}/${ruleset.id}@${ruleset.version}`,
    name: `${result.declaration.name}: ${ruleset.title} (${ruleset.id}@${ruleset.version})`,
    description: `The mass-balance method of ${result.declaration.name} checked against ${ruleset.id}@${ruleset.version} (ruleset sha256 ${ruleset.sha256}) as of ${asOf}: ${ruleset.verdict}; ${ruleset.counts.pass} rule(s) pass, ${ruleset.counts.fail} fail${ruleset.counts.waived ? ` (${ruleset.counts.waived} waived)` : ''}, ${ruleset.counts.notApplicable} do not apply, ${ruleset.counts.cannotTell} cannot be told.`,
    assessmentDate: asOf,
    ...(ruleset.standard ? { referenceStandard: { type: ['Standard'], name: `${ruleset.standard.document}${ruleset.standard.edition ? `, ${ruleset.standard.edition}` : ''}` } } : {}),
    assessmentCriteria: result.findings
      .filter((f) => f.ruleset === ruleset.id)
      .map((f) => ({
        type: ['Criterion'],
        id: `${LINK_TYPE.replace('linkTypes/', 'rules/')}${f.ruleId}`,
        name: f.title,
        description: `${f.ruleId} (${f.level}) ${outcomeInWords(f.outcome, f.waived)}.`,
        conformityTopic: TOPIC,
        status: 'active',
        // Only a rule that was judged conforms or not; one that did not apply, or could not be told, has no value.
        ...(f.outcome === 'pass' || f.outcome === 'fail' ? { conformance: f.outcome === 'pass' || f.waived === true } : {}),
      })),
    // A ruleset that does not apply to the declaration was not assessed: it states no conformance.
    ...(ruleset.verdict === 'not-applicable' ? {} : { conformance: ruleset.verdict === 'pass' }),
    conformityTopic: TOPIC,
  }));
}

function hashedLink(name: string, sha256: string, kind: string, linkName = `${kind} ${name}`) {
  return { linkURL: name, linkName, linkType: `${LINK_TYPE}${kind}`, hashDigest: sha256, hashMethod: 'SHA-256' };
}

/** A declaration and each ledger file it names, each by the SHA-256 of its own bytes. */
function declarationLinks(result: AttestedResult) {
  const [own, ...ledgerFiles] = result.declaration.files ?? [{ name: result.declaration.name, sha256: result.declaration.sha256 }];
  return [
    hashedLink(result.declaration.name, own!.sha256, 'declaration'),
    ...ledgerFiles.map((f) => hashedLink(f.name, f.sha256, 'ledger-file', `ledger file ${f.name} of ${result.declaration.name}`)),
  ];
}

function verdictInWords(r: AttestedResult): string {
  if (!r.valid) return 'invalid, so not judged';
  if (r.error) return `not judged (${r.error.message})`;
  return r.verdict;
}

export interface CredentialOptions {
  /** The issuer's name; default: the key's did:key. */
  issuerName?: string;
  id?: string;
}

/** The unsigned credential of an attestation's predicate. */
export function buildCredential(predicate: CheckAttestation, publicKey: KeyObject, options: CredentialOptions = {}): Credential {
  const did = didKeyOf(rawPublicKey(publicKey));
  const id = options.id ?? `urn:uuid:${randomUUID()}`;
  const results = predicate.results;
  const names = results.map((r) => r.declaration.name).join(', ');
  return {
    '@context': [...CREDENTIAL_CONTEXTS],
    type: ['DigitalConformityCredential', 'VerifiableCredential'],
    id,
    issuer: { type: ['CredentialIssuer'], id: did, name: options.issuerName ?? did },
    validFrom: predicate.issuedAt,
    credentialSubject: {
      type: ['ConformityAttestation', 'Attestation'],
      id: `${id}#attestation`,
      name: `Mass-balance method check of ${names}`,
      assessorLevel: 'Unspecified',
      assessmentLevel: 'Unspecified',
      attestationType: 'verification',
      description: `${predicate.tool.name} ${predicate.tool.version} checked ${names} against the rulesets in force on ${predicate.asOf}: ${results.map((r) => `${r.declaration.name} ${verdictInWords(r)}`).join('; ')}.${results.some((r) => r.waivers.some((w) => w.status === 'applied')) ? ` Waivers applied: ${results.flatMap((r) => r.waivers.filter((w) => w.status === 'applied').map((w) => `${w.rule}${w.pointer ? ` at ${w.pointer}` : ''} (approved by ${w.approvedBy} until ${w.expires}: ${w.reason})`)).join('; ')}.` : ''}`,
      auditableEvidence: results.flatMap(declarationLinks),
      ...(predicate.reports?.length ? { conformityCertificate: predicate.reports.map((r) => hashedLink(r.name, r.sha256, 'report')) } : {}),
      assessment: results.flatMap((r, index) => assessments(r, index, predicate.asOf, id)),
    },
  };
}

function hashData(unsecured: Record<string, unknown>, proofConfig: Record<string, unknown>): Buffer {
  const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  // eddsa-jcs-2022: the proof options' hash, then the document's, each over its RFC 8785 form.
  return Buffer.concat([sha(canonicalJson(proofConfig)), sha(canonicalJson(unsecured))]);
}

export function signCredential(credential: Credential, privateKey: KeyObject, created: string): Credential {
  const { proof: _ignored, ...unsecured } = credential;
  const did = didKeyOf(rawPublicKey(privateKey));
  const proofConfig = {
    '@context': unsecured['@context'],
    type: 'DataIntegrityProof' as const,
    cryptosuite: 'eddsa-jcs-2022' as const,
    created,
    verificationMethod: `${did}#${did.slice('did:key:'.length)}`,
    proofPurpose: 'assertionMethod' as const,
  };
  const signature = sign(null, hashData(unsecured, proofConfig), privateKey);
  return { ...unsecured, proof: { ...proofConfig, proofValue: `z${base58btc(signature)}` } };
}

export interface CredentialCheck {
  /** The key the proof names (its did:key), as a node:crypto key; undefined when the proof names none. */
  signer?: KeyObject;
  holds: boolean;
  problem?: string;
}

/** Whether the credential's proof holds for the key its verificationMethod names. */
export function checkCredentialProof(credential: Credential): CredentialCheck {
  const { proof, ...unsecured } = credential;
  if (!proof || typeof proof !== 'object') return { holds: false, problem: 'the credential has no proof' };
  if (proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== 'eddsa-jcs-2022') return { holds: false, problem: `the proof is not a DataIntegrityProof of the eddsa-jcs-2022 cryptosuite` };
  const raw = typeof proof.verificationMethod === 'string' ? rawKeyOfDidKey(proof.verificationMethod) : undefined;
  if (!raw) return { holds: false, problem: 'the proof names no did:key Ed25519 verification method' };
  const signer = publicKeyFromRaw(raw);
  const signature = typeof proof.proofValue === 'string' && proof.proofValue.startsWith('z') ? fromBase58btc(proof.proofValue.slice(1)) : undefined;
  if (!signature || signature.length !== 64) return { signer, holds: false, problem: 'the proof value is not a base58btc Ed25519 signature' };
  if (proof.proofPurpose !== 'assertionMethod') return { signer, holds: false, problem: `the proof's purpose is ${JSON.stringify(proof.proofPurpose)}, not assertionMethod` };
  const { proofValue: _value, ...options } = proof;
  // The proof's own @context, when it has one, is what was hashed: it must be the credential's (eddsa-jcs-2022).
  if (options['@context'] !== undefined && canonicalJson(options['@context']) !== canonicalJson(unsecured['@context'])) return { signer, holds: false, problem: "the proof's @context is not the credential's" };
  const proofConfig = { ...options, '@context': unsecured['@context'] };
  const issuer = (unsecured['issuer'] as { id?: unknown } | string | undefined);
  const issuerId = typeof issuer === 'string' ? issuer : issuer?.id;
  if (typeof issuerId !== 'string' || !proof.verificationMethod.startsWith(`${issuerId}#`)) return { signer, holds: false, problem: "the proof's key is not the issuer's" };
  return { signer, holds: verify(null, hashData(unsecured, proofConfig), signer, Buffer.from(signature)) };
}
