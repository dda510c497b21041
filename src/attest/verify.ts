// Verifying an attestation: does the signature hold for the key a verifier trusts, what does it say was checked,
// and is the declaration (and report) in hand the one it names. Either form mbcheck attest writes is read: an
// in-toto Statement in a DSSE envelope, or a Digital Conformity Credential with an eddsa-jcs-2022 proof.
import { createHash, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import type { CheckAttestation } from '../generated/attestation.js';
import { loadSchema } from '../schemas.js';
import { canonicalJson } from './canonicalJson.js';
import { checkCredentialProof, type Credential } from './credential.js';
import { envelopeSignedBy, payloadDigest, type DsseEnvelope } from './dsse.js';
import { keyFingerprint, rawPublicKey } from './keys.js';
import { PREDICATE_TYPE, STATEMENT_TYPE, type Statement } from './statement.js';
import { IN_TOTO_PAYLOAD_TYPE } from './dsse.js';
import { firstDuplicateKey } from '../declaration/jsonDuplicates.js';

/** More signatures than anyone signs with: each costs a verification, and a million would hold a verifier for minutes. */
const MAX_SIGNATURES = 16;

let predicateValidator: ValidateFunction<CheckAttestation> | undefined;
function validatePredicate(): ValidateFunction<CheckAttestation> {
  if (!predicateValidator) {
    const require = createRequire(import.meta.url);
    const { Ajv2020 } = require('ajv/dist/2020.js') as { Ajv2020: new (options: object) => { compile: <T>(schema: object) => ValidateFunction<T> } };
    const addFormats = require('ajv-formats') as (ajv: object) => object;
    const ajv = new Ajv2020({ allErrors: false, strict: true });
    addFormats(ajv);
    predicateValidator = ajv.compile<CheckAttestation>(loadSchema('attestation.schema.json'));
  }
  return predicateValidator;
}

/** A declaration as it is held against what was signed: its own bytes first, then each ledger file it names. */
export interface DeclarationFiles {
  name: string;
  /** As a check computes it: of the bytes, or with ledger files, of the sha256sum lines of all of them. */
  sha256: string;
  files: Array<{ name: string; sha256: string }>;
}

/** What a verifier is given besides the attestation: files to hold against it, each by name and sha256. */
export interface VerifyInputs {
  /** The public key a verifier trusts. Without one nothing is verified: the result only says what the file claims. */
  key?: KeyObject;
  /** The declaration's sha256 as a check computes it (with its ledger files, when it names some). */
  declaration?: DeclarationFiles;
  report?: { name: string; sha256: string };
}

export interface SignedDeclaration {
  name: string;
  id: string | null;
  sha256: string;
  /** The declaration's own bytes, then each ledger file: the files a verifier can hash on disk. */
  files: Array<{ name: string; sha256: string }>;
  valid: boolean;
  verdict: string;
  rulesets: Array<{ id: string; version: string; sha256: string; verdict: string }>;
  waiversApplied: Array<{ rule: string; pointer?: string; approvedBy: string; expires: string; reason: string }>;
}

export interface Verification {
  /** Both the signature holds for the key and every file given matches. */
  ok: boolean;
  format: 'in-toto-dsse' | 'dcc';
  /** Of the key given; '' when none was. */
  keyFingerprint: string;
  /** holds: under the key given. signedBy: the keys the file names (a DSSE keyid, a credential's did:key), not checked. */
  signature: { holds: boolean; problem?: string; signedBy: string[] };
  /** sha256 of the bytes that were signed (the DSSE payload; the credential without its proof, in RFC 8785 form). */
  statementDigest?: string;
  signed?: {
    tool?: { name: string; version: string };
    asOf?: string;
    issuedAt?: string;
    declarations: SignedDeclaration[];
    reports: Array<{ name: string; sha256: string }>;
    /** A credential's own summary of what was checked (its credentialSubject's description). */
    statement?: string;
    /** A credential's assessments: one per declaration and ruleset, with its conformance (none when it did not apply). */
    assessments?: Array<{ name: string; conformance?: boolean }>;
  };
  declaration?: { name: string; sha256: string; files: Array<{ name: string; sha256: string }>; matches: boolean; signedAs?: string };
  report?: { name: string; sha256: string; matches: boolean; signedAs?: string };
}

function digestOf(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

function isEnvelope(value: unknown): value is DsseEnvelope {
  const v = value as Partial<DsseEnvelope> | null;
  return typeof v === 'object' && v !== null && typeof v.payloadType === 'string' && typeof v.payload === 'string' && Array.isArray(v.signatures);
}

function isCredential(value: unknown): value is Credential {
  const v = value as { '@context'?: unknown; type?: unknown } | null;
  return typeof v === 'object' && v !== null && Array.isArray(v['@context']) && Array.isArray(v.type);
}

/** The same declaration: its own bytes, whatever it is called now, and the same ledger files under the names it gives them. */
export function sameDeclaration(signed: SignedDeclaration, given: DeclarationFiles): boolean {
  if (signed.sha256 === given.sha256) return true;
  const [own, ...ledger] = signed.files;
  const [givenOwn, ...givenLedger] = given.files;
  if (!own || !givenOwn || own.sha256 !== givenOwn.sha256 || ledger.length !== givenLedger.length) return false;
  const key = (f: { name: string; sha256: string }) => `${f.name}\u0000${f.sha256}`;
  const expected = new Set(ledger.map(key));
  return givenLedger.every((f) => expected.has(key(f)));
}

/** The statement an envelope carries, or why it is not one mbcheck signs. */
function statementOf(envelope: DsseEnvelope): { statement?: Statement; problem?: string } {
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) return { problem: `the payload type is ${JSON.stringify(envelope.payloadType)}, not ${IN_TOTO_PAYLOAD_TYPE}` };
  const bytes = Buffer.from(envelope.payload, 'base64');
  // Node's base64 reader skips what it cannot read: only the one canonical spelling of the bytes is accepted.
  if (bytes.toString('base64') !== envelope.payload) return { problem: 'the payload is not canonical base64' };
  let statement: unknown;
  const text = bytes.toString('utf8');
  try {
    statement = JSON.parse(text);
  } catch {
    return { problem: 'the payload is not JSON' };
  }
  // The payload is written in RFC 8785 form: anything else (a duplicate key, say) could be read two ways.
  if (!Buffer.from(canonicalJson(statement), 'utf8').equals(bytes)) return { problem: 'the payload is not in canonical JSON form (RFC 8785)' };
  const s = statement as Partial<Statement>;
  if (s._type !== STATEMENT_TYPE) return { problem: `the payload is not an in-toto Statement v1 (_type ${JSON.stringify(s._type)})` };
  if (s.predicateType !== PREDICATE_TYPE) return { problem: `the predicate type is ${JSON.stringify(s.predicateType)}, not ${PREDICATE_TYPE}` };
  const check = validatePredicate();
  if (!check(s.predicate)) return { problem: `the predicate does not follow schemas/attestation.schema.json: ${check.errors?.[0]?.instancePath || '/'} ${check.errors?.[0]?.message ?? ''}`.trim() };
  // The subjects are exactly the files the predicate names: none missing, none it does not account for.
  const subjects = new Set((Array.isArray(s.subject) ? s.subject : []).map((x) => `${x?.name}\u0000${x?.digest?.sha256}`));
  const named = new Set<string>();
  for (const f of [...s.predicate.results.flatMap((r) => r.declaration.files ?? [{ name: r.declaration.name, sha256: r.declaration.sha256 }]), ...(s.predicate.reports ?? [])]) {
    const key = `${f.name}\u0000${f.sha256}`;
    if (!subjects.has(key)) return { problem: `the statement's subjects do not list ${f.name} (sha256 ${f.sha256})` };
    named.add(key);
  }
  if ([...subjects].some((key) => !named.has(key)) || (s.subject ?? []).length !== subjects.size) return { problem: "the statement's subjects list files its predicate does not account for" };
  return { statement: s as Statement };
}

function signedDeclarations(predicate: CheckAttestation): SignedDeclaration[] {
  return predicate.results.map((r) => ({
    name: r.declaration.name,
    id: r.declaration.id,
    sha256: r.declaration.sha256,
    files: r.declaration.files ?? [{ name: r.declaration.name, sha256: r.declaration.sha256 }],
    valid: r.valid,
    verdict: r.verdict,
    rulesets: r.rulesets.map(({ id, version, sha256, verdict }) => ({ id, version, sha256, verdict })),
    waiversApplied: r.waivers.filter((w) => w.status === 'applied').map(({ rule, pointer, approvedBy, expires, reason }) => ({ rule, ...(pointer !== undefined ? { pointer } : {}), approvedBy, expires, reason })),
  }));
}

function credentialContents(credential: Credential): NonNullable<Verification['signed']> {
  const subject = (credential['credentialSubject'] ?? {}) as { auditableEvidence?: unknown; conformityCertificate?: unknown; assessment?: unknown; description?: unknown };
  const assessments = (Array.isArray(subject.assessment) ? subject.assessment : []) as Array<{ name?: unknown; conformance?: unknown }>;
  const links = (value: unknown) => (Array.isArray(value) ? value : value ? [value] : []) as Array<{ linkURL?: unknown; hashDigest?: unknown; linkType?: unknown }>;
  const named = (value: unknown) => links(value).filter((l) => typeof l.linkURL === 'string' && typeof l.hashDigest === 'string').map((l) => ({ name: l.linkURL as string, sha256: l.hashDigest as string, kind: String(l.linkType ?? '').split('/').pop() }));
  // Each declaration link is followed by the links of the ledger files it names.
  const declarations: SignedDeclaration[] = [];
  for (const link of named(subject.auditableEvidence)) {
    if (link.kind === 'ledger-file' && declarations.length > 0) declarations[declarations.length - 1]!.files.push({ name: link.name, sha256: link.sha256 });
    else declarations.push({ name: link.name, id: null, sha256: link.sha256, files: [{ name: link.name, sha256: link.sha256 }], valid: true, verdict: '', rulesets: [], waiversApplied: [] });
  }
  const validFrom = credential['validFrom'];
  return {
    ...(typeof validFrom === 'string' ? { issuedAt: validFrom } : {}),
    ...(typeof subject.description === 'string' ? { statement: subject.description } : {}),
    declarations,
    reports: named(subject.conformityCertificate).map(({ name, sha256 }) => ({ name, sha256 })),
    assessments: assessments.map((a) => ({ name: String(a.name ?? ''), ...(typeof a.conformance === 'boolean' ? { conformance: a.conformance } : {}) })),
  };
}

/**
 * Verifies the JSON text of an attestation against a public key and, when given, the declaration and report in
 * hand. Never throws for a bad attestation: what does not hold is said in the result (ok false).
 */
export function verifyAttestation(text: string, inputs: VerifyInputs): Verification {
  const fingerprint = inputs.key ? keyFingerprint(inputs.key) : '';
  const unreadable = (problem: string): Verification => ({ ok: false, format: 'in-toto-dsse', keyFingerprint: fingerprint, signature: { holds: false, problem, signedBy: [] } });
  try {
    return verifyText(text, inputs, fingerprint, unreadable);
  } catch (error) {
    // A stack overflow on absurd nesting, a value canonical JSON cannot hold: the file does not verify, that is all.
    return unreadable(`the attestation cannot be read (${error instanceof RangeError ? 'it is nested too deeply' : (error as Error).message})`);
  }
}

function verifyText(text: string, inputs: VerifyInputs, fingerprint: string, unreadable: (problem: string) => Verification): Verification {
  const noKey = 'no key was given: the signature is not checked';
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return unreadable(`the attestation is not JSON (${(error as Error).message})`);
  }
  // JSON.parse keeps the last of two equal keys: a reader that keeps the first would see another document.
  const duplicate = firstDuplicateKey(text);
  if (duplicate) return unreadable(`the attestation has the key ${JSON.stringify(duplicate.key)} twice in ${duplicate.objectPointer || 'its top level'}: it could be read two ways`);
  let verification: Verification;
  if (isEnvelope(document)) {
    if (document.signatures.length > MAX_SIGNATURES) return unreadable(`the envelope has ${document.signatures.length} signatures; at most ${MAX_SIGNATURES} are read`);
    const signedBy = document.signatures.map((s) => String(s?.keyid ?? ''));
    const { statement, problem } = statementOf(document);
    // A signature counts only under the key it names (or none): a keyid is a hint, and a wrong hint is a change.
    const named = document.signatures.filter((s) => s && typeof s.sig === 'string' && (!s.keyid || s.keyid === fingerprint));
    const holds = !problem && inputs.key !== undefined && envelopeSignedBy({ ...document, signatures: named }, inputs.key);
    verification = {
      ok: false,
      format: 'in-toto-dsse',
      keyFingerprint: fingerprint,
      signature: { holds, signedBy, ...(problem ? { problem } : holds ? {} : { problem: !inputs.key ? noKey : named.length === 0 ? `no signature is by this key (${fingerprint})` : 'the signature does not hold for this key over these bytes' }) },
      statementDigest: payloadDigest(document),
      ...(statement
        ? { signed: { tool: statement.predicate.tool, asOf: statement.predicate.asOf, issuedAt: statement.predicate.issuedAt, declarations: signedDeclarations(statement.predicate), reports: statement.predicate.reports ?? [] } }
        : {}),
    };
  } else if (isCredential(document)) {
    const types = (document as unknown as { type: unknown[] }).type;
    if (!types.includes('DigitalConformityCredential')) return { ...unreadable('the credential is not a DigitalConformityCredential of mbcheck attest'), format: 'dcc' };
    const check = checkCredentialProof(document);
    const byThisKey = check.signer !== undefined && inputs.key !== undefined && rawPublicKey(check.signer).equals(rawPublicKey(inputs.key));
    const holds = check.holds && byThisKey;
    const { proof: _proof, ...unsecured } = document;
    verification = {
      ok: false,
      format: 'dcc',
      keyFingerprint: fingerprint,
      signature: {
        holds,
        signedBy: check.signer ? [keyFingerprint(check.signer)] : [],
        ...(check.problem ? { problem: check.problem } : !check.holds ? { problem: 'the proof does not hold over this credential' } : !inputs.key ? { problem: noKey } : !byThisKey ? { problem: `the credential is signed by another key (${keyFingerprint(check.signer!)})` } : {}),
      },
      statementDigest: digestOf(canonicalJson(unsecured)),
      signed: credentialContents(document),
    };
  } else {
    return { ok: false, format: 'in-toto-dsse', keyFingerprint: fingerprint, signature: { holds: false, problem: 'the file is neither a DSSE envelope nor a verifiable credential', signedBy: [] } };
  }
  const signed = verification.signed;
  if (inputs.declaration) {
    const match = signed?.declarations.find((d) => sameDeclaration(d, inputs.declaration!));
    verification.declaration = { ...inputs.declaration, matches: match !== undefined, ...(match ? { signedAs: match.name } : {}) };
  }
  if (inputs.report) {
    const match = signed?.reports.find((r) => r.sha256 === inputs.report!.sha256);
    verification.report = { ...inputs.report, matches: match !== undefined, ...(match ? { signedAs: match.name } : {}) };
  }
  verification.ok = verification.signature.holds && verification.declaration?.matches !== false && verification.report?.matches !== false;
  return verification;
}
