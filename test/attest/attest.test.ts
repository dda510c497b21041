// Signed attestations (CONTRACT.md section 5): what mbcheck attest signs is what mbcheck verify reads back, under
// the key that signed it only, for the declaration it names only; one changed byte anywhere that was signed fails.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSource, fingerprints, readNamedLedgerFiles } from '../../src/check.js';
import { readSource } from '../../src/declaration/source.js';
import { attest, generateKeyPair, verifyAttestation } from '../../src/attest/index.js';
import { checkCredentialProof, type Credential } from '../../src/attest/credential.js';
import { canonicalJson } from '../../src/attest/canonicalJson.js';
import type { DsseEnvelope } from '../../src/attest/dsse.js';
import type { Statement } from '../../src/attest/statement.js';
import type { Waiver } from '../../src/generated/waivers.js';

const ASOF = '2026-11-29';
const STACKED = 'examples/steel-stacked-100-percent.yaml';
const CSV = 'examples/chemicals-csv/chemicals-csv.yaml';

const pair = generateKeyPair();
const privateKey = createPrivateKey(pair.privatePem);
const publicKey = createPublicKey(pair.publicPem);
const stranger = createPublicKey(generateKeyPair().publicPem);

async function checked(file: string, waivers?: Waiver[]) {
  return checkSource(await readSource(file), { asOf: ASOF, ...(waivers ? { waivers } : {}) });
}

async function declarationOf(file: string) {
  const source = await readSource(file);
  await readNamedLedgerFiles(source);
  const name = file.split('/').pop()!;
  const { sha256, files } = fingerprints(source);
  return { name, sha256: sha256!, files: files ?? [{ name, sha256: source.sha256 }] };
}

const payloadOf = (text: string) => JSON.parse(Buffer.from((JSON.parse(text) as DsseEnvelope).payload, 'base64').toString('utf8')) as Statement;

describe('attest and verify: in-toto Statement in a DSSE envelope', () => {
  let text: string;
  beforeAll(async () => {
    text = attest({ results: [await checked(STACKED)], privateKey, reports: [{ name: 'stacked.pdf', sha256: 'a'.repeat(64) }] });
  });

  it('signs a Statement whose subject is the declaration by its sha256, with the verdicts, rulesets and tool in the predicate', async () => {
    const statement = payloadOf(text);
    const result = await checked(STACKED);
    expect(statement._type).toBe('https://in-toto.io/Statement/v1');
    expect(statement.predicateType).toBe('https://mbcheck.dev/attestation/check/v1');
    expect(statement.subject).toEqual([{ name: 'steel-stacked-100-percent.yaml', digest: { sha256: result.declaration.sha256 } }, { name: 'stacked.pdf', digest: { sha256: 'a'.repeat(64) } }]);
    const attested = statement.predicate.results[0]!;
    expect(statement.predicate.asOf).toBe(ASOF);
    expect(statement.predicate.tool).toEqual(result.tool);
    expect(attested.verdict).toBe('fail');
    expect(attested.rulesets.map((r) => [r.id, r.version, r.sha256, r.verdict])).toEqual(result.rulesets!.map((r) => [r.id, r.version, r.sha256, r.verdict]));
    expect(attested.findings.find((f) => f.ruleId === 'integrity/no-stacked-attribution')).toMatchObject({ outcome: 'fail', level: 'shall' });
    // The payload is the statement in RFC 8785 form, so anyone can recompute the bytes that were signed.
    expect(Buffer.from((JSON.parse(text) as DsseEnvelope).payload, 'base64').toString('utf8')).toBe(canonicalJson(statement));
  });

  it('verifies under the signing key, for the declaration signed, and says what was signed', async () => {
    const v = verifyAttestation(text, { key: publicKey, declaration: await declarationOf(STACKED) });
    expect(v.ok).toBe(true);
    expect(v.signature.holds).toBe(true);
    expect(v.keyFingerprint).toBe(pair.fingerprint);
    expect(v.declaration).toMatchObject({ matches: true, signedAs: 'steel-stacked-100-percent.yaml' });
    expect(v.signed!.declarations[0]).toMatchObject({ verdict: 'fail', name: 'steel-stacked-100-percent.yaml' });
    expect(v.statementDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('still verifies when the envelope is re-serialised (compact, reordered): the signature is over the payload bytes', () => {
    const envelope = JSON.parse(text) as DsseEnvelope;
    const reordered = JSON.stringify({ signatures: envelope.signatures, payload: envelope.payload, payloadType: envelope.payloadType });
    expect(verifyAttestation(reordered, { key: publicKey }).ok).toBe(true);
  });

  it('fails under any other key', () => {
    const v = verifyAttestation(text, { key: stranger });
    expect(v.ok).toBe(false);
    expect(v.signature.problem).toMatch(/no signature is by this key/);
  });

  it('fails when any one byte of the signed statement changes', () => {
    const envelope = JSON.parse(text) as DsseEnvelope;
    const payload = Buffer.from(envelope.payload, 'base64');
    // Every 97th byte, flipped one bit at a time: none may go unnoticed.
    for (let at = 0; at < payload.length; at += 97) {
      const changed = Buffer.from(payload);
      changed[at] = changed[at]! ^ 0x01;
      const v = verifyAttestation(JSON.stringify({ ...envelope, payload: changed.toString('base64') }), { key: publicKey });
      expect(v.ok, `byte ${at}`).toBe(false);
    }
  });

  it('fails when the payload type, the key id or the signature is changed, or the payload is spelled another way in base64', () => {
    const envelope = JSON.parse(text) as DsseEnvelope;
    const sig = envelope.signatures[0]!;
    const flipped = Buffer.from(sig.sig, 'base64');
    flipped[0] = flipped[0]! ^ 0x80;
    for (const changed of [
      { ...envelope, payloadType: 'application/json' },
      { ...envelope, signatures: [{ ...sig, keyid: 'sha256:' + '0'.repeat(64) }] },
      { ...envelope, signatures: [{ ...sig, sig: flipped.toString('base64') }] },
      { ...envelope, signatures: [] },
      { ...envelope, payload: `${envelope.payload.slice(0, 10)}\n${envelope.payload.slice(10)}` },
    ]) {
      expect(verifyAttestation(JSON.stringify(changed), { key: publicKey }).ok).toBe(false);
    }
    expect(verifyAttestation(`${text.slice(0, 40)}x${text.slice(41)}`, { key: publicKey }).ok).toBe(false);
  });

  it('refuses a validly signed payload that is not canonical JSON, or not an mbcheck statement', () => {
    const signed = (payload: string): string => {
      const bytes = Buffer.from(payload);
      const pae = Buffer.concat([Buffer.from(`DSSEv1 28 application/vnd.in-toto+json ${bytes.length} `), bytes]);
      return JSON.stringify({ payloadType: 'application/vnd.in-toto+json', payload: bytes.toString('base64'), signatures: [{ keyid: pair.fingerprint, sig: sign(null, pae, privateKey).toString('base64') }] });
    };
    const statement = payloadOf(text);
    // A duplicate key reads two ways: the canonical form has none.
    const duplicated = canonicalJson(statement).replace('"predicateType"', '"predicateType":"x","predicateType"');
    expect(verifyAttestation(signed(duplicated), { key: publicKey }).signature.problem).toMatch(/canonical JSON/);
    expect(verifyAttestation(signed(canonicalJson({ ...statement, predicateType: 'https://slsa.dev/provenance/v1' })), { key: publicKey }).signature.problem).toMatch(/predicate type/);
    const { results: _results, ...noResults } = statement.predicate;
    expect(verifyAttestation(signed(canonicalJson({ ...statement, predicate: noResults })), { key: publicKey }).signature.problem).toMatch(/schemas\/attestation.schema.json/);
    expect(verifyAttestation(signed(canonicalJson({ ...statement, subject: [] })), { key: publicKey }).signature.problem).toMatch(/subjects do not list/);
    expect(verifyAttestation(signed(canonicalJson(statement)), { key: publicKey }).ok).toBe(true);
  });

  it('says the declaration does not match when one byte of it differs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbcheck-attest-'));
    const copy = join(dir, 'steel-stacked-100-percent.yaml');
    writeFileSync(copy, `${readFileSync(STACKED, 'utf8')} `);
    const v = verifyAttestation(text, { key: publicKey, declaration: await declarationOf(copy) });
    expect(v.signature.holds).toBe(true);
    expect(v.declaration!.matches).toBe(false);
    expect(v.ok).toBe(false);
  });

  it('covers a declaration\'s ledger files: each is a subject, and a changed CSV no longer matches', async () => {
    const signed = attest({ results: [await checked(CSV)], privateKey });
    expect(payloadOf(signed).subject.map((s) => s.name)).toEqual(['chemicals-csv.yaml', 'inputs.csv', 'outputs.csv']);
    expect(verifyAttestation(signed, { key: publicKey, declaration: await declarationOf(CSV) }).ok).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'mbcheck-attest-'));
    for (const f of ['chemicals-csv.yaml', 'inputs.csv', 'outputs.csv']) copyFileSync(`examples/chemicals-csv/${f}`, join(dir, f));
    writeFileSync(join(dir, 'outputs.csv'), readFileSync(join(dir, 'outputs.csv'), 'utf8').replace(/\n$/, '\n\n'));
    expect(verifyAttestation(signed, { key: publicKey, declaration: await declarationOf(join(dir, 'chemicals-csv.yaml')) }).declaration!.matches).toBe(false);
  });

  it('records the waivers applied, and a waived failure as waived', async () => {
    const waiver: Waiver = { rule: 'integrity/baseline-not-above-conventional-route', reason: 'Baseline agreed with the scheme owner in writing.', approvedBy: 'A. Verifier', expires: '2027-01-31' };
    const statement = payloadOf(attest({ results: [await checked(STACKED, [waiver])], privateKey }));
    const attested = statement.predicate.results[0]!;
    expect(attested.waivers).toEqual([{ ...waiver, status: 'applied' }]);
    expect(attested.findings.find((f) => f.ruleId === waiver.rule)).toMatchObject({ outcome: 'fail', waived: true });
  });
});

describe('attest --format dcc: a Digital Conformity Credential secured with eddsa-jcs-2022', () => {
  it('verifies the eddsa-jcs-2022 interoperability vector published by Digital Bazaar, and not once it is changed', () => {
    const vector = JSON.parse(readFileSync('test/attest/fixtures/eddsa-jcs-2022-vector.json', 'utf8')) as Credential;
    expect(checkCredentialProof(vector).holds).toBe(true);
    expect(checkCredentialProof({ ...vector, name: 'Alumni Credentials' }).holds).toBe(false);
  });

  it('has one assessment per ruleset, conformance per rule judged, and the declaration and report as hashed links', async () => {
    const result = await checked(STACKED);
    const credential = JSON.parse(attest({ results: [result], privateKey, format: 'dcc', reports: [{ name: 'stacked.pdf', sha256: 'b'.repeat(64) }], issuerName: 'Example Assurance' })) as Credential & { credentialSubject: Record<string, any>; issuer: { id: string; name: string } };
    expect(credential.type).toEqual(['DigitalConformityCredential', 'VerifiableCredential']);
    expect(credential.issuer.name).toBe('Example Assurance');
    expect(credential.proof!.verificationMethod.startsWith(`${credential.issuer.id}#`)).toBe(true);
    const subject = credential.credentialSubject;
    expect(subject.auditableEvidence).toEqual([expect.objectContaining({ linkURL: 'steel-stacked-100-percent.yaml', hashDigest: result.declaration.sha256, hashMethod: 'SHA-256' })]);
    expect(subject.conformityCertificate).toEqual([expect.objectContaining({ linkURL: 'stacked.pdf', hashDigest: 'b'.repeat(64) })]);
    expect(subject.assessment).toHaveLength(result.rulesets!.length);
    const integrity = subject.assessment.find((a: { name: string }) => a.name.includes('integrity@'));
    expect(integrity.conformance).toBe(false);
    const stacked = integrity.assessmentCriteria.find((c: { id: string }) => c.id.endsWith('integrity/no-stacked-attribution'));
    expect(stacked.conformance).toBe(false);
    // A ruleset that does not apply states no conformance, nor do its rules.
    const eudr = subject.assessment.find((a: { name: string }) => a.name.includes('eudr@'));
    expect(eudr.conformance).toBeUndefined();
    expect(eudr.assessmentCriteria.every((c: { conformance?: boolean }) => c.conformance === undefined)).toBe(true);
  });

  it('verifies after re-serialisation with other member order, and fails when a conformance changes or under another key', async () => {
    const text = attest({ results: [await checked(STACKED)], privateKey, format: 'dcc' });
    const credential = JSON.parse(text) as Credential & { credentialSubject: { assessment: Array<{ conformance?: boolean }> } };
    const sortedDeep = (v: unknown): unknown => (Array.isArray(v) ? v.map(sortedDeep) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, sortedDeep(x)])) : v);
    expect(verifyAttestation(JSON.stringify(sortedDeep(credential), null, 4), { key: publicKey }).ok).toBe(true);
    const flipped = structuredClone(credential);
    const failing = flipped.credentialSubject.assessment.find((a) => a.conformance === false)!;
    failing.conformance = true;
    expect(verifyAttestation(JSON.stringify(flipped), { key: publicKey }).ok).toBe(false);
    expect(verifyAttestation(text, { key: stranger }).signature.problem).toMatch(/another key/);
    expect(verifyAttestation(text, { key: publicKey, declaration: await declarationOf(STACKED) }).ok).toBe(true);
  });
});

function mbcheck(args: string[], cwd?: string) {
  const run = spawnSync(process.execPath, [join(process.cwd(), 'bin/mbcheck.js'), ...args], { encoding: 'utf8', cwd, env: { ...process.env, NO_COLOR: '1' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('mbcheck attest and mbcheck verify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mbcheck-attest-cli-'));
  const example = join(process.cwd(), STACKED);

  it('--generate-key writes a private key only its owner can read, and a public key, and will not replace them without --force', () => {
    const made = mbcheck(['attest', '--generate-key', '--output', 'signer'], dir);
    expect(made.code).toBe(0);
    expect(statSync(join(dir, 'signer.pem')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'signer.pub.pem'), 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(made.stderr).toMatch(/key fingerprint sha256:[0-9a-f]{64}/);
    const again = mbcheck(['attest', '--generate-key', '--output', 'signer.pem'], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already there.*--force/);
  });

  it('attest writes the statement (exit 1: the declaration fails, as report does), verify holds with exit 0', () => {
    const signed = mbcheck(['attest', example, '--key', 'signer.pem', '--output', 'stacked.intoto.json', '--as-of', ASOF], dir);
    expect(signed.code).toBe(1);
    expect(signed.stderr).toMatch(/wrote stacked\.intoto\.json, signed by sha256:/);
    const checked = mbcheck(['verify', 'stacked.intoto.json', '--key', 'signer.pub.pem', '--declaration', example], dir);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(/signature: +holds for this key/);
    expect(checked.stdout).toMatch(/integrity@1\.1\.0: fail/);
    expect(checked.stdout).toMatch(/declaration given: steel-stacked-100-percent\.yaml.*matches the one signed/);
    expect(checked.stdout.trim().split('\n').pop()).toBe('VERIFIED');
  });

  it('verify exits 1 for a changed byte of the statement or of the declaration, and 2 for a key it cannot read', () => {
    const text = readFileSync(join(dir, 'stacked.intoto.json'), 'utf8');
    const at = text.indexOf('"payload": "') + 200;
    writeFileSync(join(dir, 'tampered.json'), `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`);
    const tampered = mbcheck(['verify', 'tampered.json', '--key', 'signer.pub.pem'], dir);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/DOES NOT HOLD/);
    writeFileSync(join(dir, 'edited.yaml'), readFileSync(example, 'utf8').replace('title:', 'title: ') );
    const edited = mbcheck(['verify', 'stacked.intoto.json', '--key', 'signer.pub.pem', '--declaration', 'edited.yaml'], dir);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toMatch(/DOES NOT MATCH/);
    expect(mbcheck(['verify', 'stacked.intoto.json', '--key', 'missing.pem'], dir).code).toBe(2);
    writeFileSync(join(dir, 'rsa.pem'), 'not a key');
    const bad = mbcheck(['verify', 'stacked.intoto.json', '--key', 'rsa.pem'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not an Ed25519 public key/);
    expect(bad.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('attest refuses to write over its own key or declaration, and asks for what it needs', () => {
    expect(mbcheck(['attest', example, '--key', 'signer.pem', '--output', 'signer.pem'], dir).code).toBe(2);
    expect(mbcheck(['attest', example, '--output', 'x.json'], dir).stderr).toMatch(/needs --key/);
    expect(mbcheck(['attest', example, '--key', 'signer.pub.pem', '--output', 'x.json'], dir).stderr).toMatch(/public key; signing needs the private key/);
  });

  it('--format dcc with --report: verify checks the report in hand too', () => {
    writeFileSync(join(dir, 'report.pdf'), '%PDF-1.7 stand-in for a report');
    expect(mbcheck(['attest', example, '--key', 'signer.pem', '--output', 'stacked.dcc.json', '--format', 'dcc', '--report', 'report.pdf', '--as-of', ASOF], dir).code).toBe(1);
    const ok = mbcheck(['verify', 'stacked.dcc.json', '--key', 'signer.pub.pem', '--declaration', example, '--report', 'report.pdf', '--format', 'json'], dir);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, format: 'dcc', report: { matches: true } });
    writeFileSync(join(dir, 'report.pdf'), '%PDF-1.7 another report');
    expect(mbcheck(['verify', 'stacked.dcc.json', '--key', 'signer.pub.pem', '--report', 'report.pdf'], dir).code).toBe(1);
  });
});

describe('interoperability: the DSSE signature checks with OpenSSL, which shares no code with mbcheck', () => {
  const openssl = spawnSync('openssl', ['version'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!openssl)('openssl pkeyutl verifies the Ed25519 signature over the pre-authentication encoding, and the key fingerprint is sha256 of the SPKI DER', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbcheck-openssl-'));
    const text = attest({ results: [await checked(STACKED)], privateKey });
    const envelope = JSON.parse(text) as DsseEnvelope;
    const payload = Buffer.from(envelope.payload, 'base64');
    writeFileSync(join(dir, 'pae.bin'), Buffer.concat([Buffer.from(`DSSEv1 ${envelope.payloadType.length} ${envelope.payloadType} ${payload.length} `), payload]));
    writeFileSync(join(dir, 'sig.bin'), Buffer.from(envelope.signatures[0]!.sig, 'base64'));
    writeFileSync(join(dir, 'pub.pem'), pair.publicPem);
    const run = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'pub.pem', '-rawin', '-in', 'pae.bin', '-sigfile', 'sig.bin'], { cwd: dir, encoding: 'utf8' });
    expect(run.stdout).toMatch(/Signature Verified Successfully/);
    const der = spawnSync('openssl', ['pkey', '-pubin', '-in', 'pub.pem', '-outform', 'DER'], { cwd: dir });
    const { createHash } = await import('node:crypto');
    expect(`sha256:${createHash('sha256').update(der.stdout).digest('hex')}`).toBe(envelope.signatures[0]!.keyid);
  });
});

describe('report --attestation: the verification page', () => {
  it("prints the signer's key fingerprint and the digest of the statement, checked with the key when it is given", async () => {
    const { reportSource } = await import('../../src/report/index.js');
    const text = attest({ results: [await checked(STACKED)], privateKey });
    const envelope = JSON.parse(text) as DsseEnvelope;
    const { payloadDigest } = await import('../../src/attest/dsse.js');
    const { content } = await reportSource(await readSource(STACKED), { asOf: ASOF, format: 'html', attestation: { file: 'stacked.intoto.json', text, key: publicKey } });
    const html = content as string;
    expect(html).toContain('<h2 id="attestation">Signed attestation</h2>');
    expect(html).toContain(pair.fingerprint);
    expect(html).toContain(payloadDigest(envelope));
    expect(html).toContain('checked with that key when this report was printed');
    const unchecked = (await reportSource(await readSource(STACKED), { asOf: ASOF, format: 'html', attestation: { file: 'stacked.intoto.json', text } })).content as string;
    expect(unchecked).toContain('not checked when this report was printed');
  });

  it('refuses an attestation of another declaration, another date, a tampered one, or one the key given did not sign', async () => {
    const { reportSource } = await import('../../src/report/index.js');
    const text = attest({ results: [await checked(STACKED)], privateKey });
    const report = async (file: string, asOf: string, attestation: { file: string; text: string; key?: typeof publicKey }) => reportSource(await readSource(file), { asOf, format: 'html', attestation });
    await expect(report('examples/steel-credit-transition.yaml', ASOF, { file: 'a.json', text })).rejects.toThrow(/does not attest this declaration/);
    await expect(report(STACKED, '2026-11-01', { file: 'a.json', text })).rejects.toThrow(/in force on 2026-11-29.*give --as-of 2026-11-29/);
    await expect(report(STACKED, ASOF, { file: 'a.json', text, key: stranger })).rejects.toThrow(/signature does not hold/);
    const envelope = JSON.parse(text) as DsseEnvelope;
    const statement = payloadOf(text);
    statement.predicate.results[0]!.verdict = 'pass';
    const forged = JSON.stringify({ ...envelope, payload: Buffer.from(canonicalJson(statement)).toString('base64') });
    await expect(report(STACKED, ASOF, { file: 'a.json', text: forged, key: publicKey })).rejects.toThrow(/signature does not hold/);
    // Without a key, a forged verdict is still caught: it is not this check's.
    await expect(report(STACKED, ASOF, { file: 'a.json', text: forged })).rejects.toThrow(/attests the verdict pass/);
  });
});

describe('report --attestation for a declaration under another name', () => {
  it('prints the attestation of a CSV-ledger declaration that was renamed since it was signed', async () => {
    const { reportSource } = await import('../../src/report/index.js');
    const text = attest({ results: [await checked(CSV)], privateKey });
    const dir = mkdtempSync(join(tmpdir(), 'mbcheck-attest-'));
    for (const f of ['inputs.csv', 'outputs.csv']) copyFileSync(`examples/chemicals-csv/${f}`, join(dir, f));
    copyFileSync(CSV, join(dir, 'renamed.yaml'));
    const { content } = await reportSource(await readSource(join(dir, 'renamed.yaml')), { asOf: ASOF, format: 'html', attestation: { file: 'csv.json', text, key: publicKey } });
    expect(content as string).toContain(pair.fingerprint);
  });
});
