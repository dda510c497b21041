// The attacks an adversarial review tried on verify, each held to the answer it must get. No case may verify
// content the key did not sign, print a fake verdict, or stop with an internal error.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check.js';
import { readSource } from '../../src/declaration/source.js';
import { attest, formatVerification, generateKeyPair, verifyAttestation } from '../../src/attest/index.js';
import { canonicalJson } from '../../src/attest/canonicalJson.js';
import { signCredential, type Credential } from '../../src/attest/credential.js';
import type { DsseEnvelope } from '../../src/attest/dsse.js';

const ASOF = '2026-11-29';
const STACKED = 'examples/steel-stacked-100-percent.yaml';
const pair = generateKeyPair();
const privateKey = createPrivateKey(pair.privatePem);
const publicKey = createPublicKey(pair.publicPem);
const checked = async (file: string) => checkSource(await readSource(file), { asOf: ASOF });

function mbcheck(args: string[], cwd: string, input?: string) {
  const run = spawnSync(process.execPath, [join(process.cwd(), 'bin/mbcheck.js'), ...args], { encoding: 'utf8', cwd, env: { ...process.env, NO_COLOR: '1' }, ...(input !== undefined ? { input } : {}) });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** An envelope over any payload, properly signed with the test key. */
function signedEnvelope(payload: Buffer): DsseEnvelope {
  const type = 'application/vnd.in-toto+json';
  const pae = Buffer.concat([Buffer.from(`DSSEv1 ${type.length} ${type} ${payload.length} `), payload]);
  return { payloadType: type, payload: payload.toString('base64'), signatures: [{ keyid: pair.fingerprint, sig: sign(null, pae, privateKey).toString('base64') }] };
}

describe('verify against an adversary', () => {
  it('prints control characters from the file as text: a key id cannot erase "DOES NOT HOLD" and write VERIFIED', async () => {
    const envelope = JSON.parse(attest({ results: [await checked(STACKED)], privateKey })) as DsseEnvelope;
    const fake = '\r\u001b[1A\u001b[2K  signature:  holds for this key\nVERIFIED\u001b[8m';
    const text = JSON.stringify({ ...envelope, signatures: [{ ...envelope.signatures[0]!, keyid: fake }] });
    const shown = formatVerification('x.json', verifyAttestation(text, { key: publicKey }));
    expect(shown).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(shown.trim().split('\n').pop()).toBe('NOT VERIFIED');
    expect(shown.split('\n').filter((line) => line === 'VERIFIED')).toHaveLength(0);
  });

  it('refuses an envelope or credential that holds a key twice, since a reader keeping the first would see another document', async () => {
    const text = attest({ results: [await checked(STACKED)], privateKey });
    const envelope = JSON.parse(text) as DsseEnvelope;
    const twice = `{"payload":"eyJ9","payloadType":"${envelope.payloadType}","payload":"${envelope.payload}","signatures":${JSON.stringify(envelope.signatures)}}`;
    const v = verifyAttestation(twice, { key: publicKey });
    expect(v.ok).toBe(false);
    expect(v.signature.problem).toMatch(/"payload" twice/);
  });

  it('reads at most 16 signatures, and never stops with an internal error on absurd nesting or values', async () => {
    const envelope = JSON.parse(attest({ results: [await checked(STACKED)], privateKey })) as DsseEnvelope;
    const many = { ...envelope, signatures: Array.from({ length: 17 }, () => envelope.signatures[0]!) };
    expect(verifyAttestation(JSON.stringify(many), { key: publicKey }).signature.problem).toMatch(/at most 16/);
    const deep = `{"@context":[],"type":["DigitalConformityCredential"],"x":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    expect(verifyAttestation(deep, { key: publicKey }).ok).toBe(false);
    const surrogate = signedEnvelope(Buffer.from('{"_type":"\\ud800"}'));
    expect(verifyAttestation(JSON.stringify(surrogate), { key: publicKey }).ok).toBe(false);
  });

  it('refuses subjects the predicate does not account for, and invalid UTF-8 in a signed payload', async () => {
    const statement = JSON.parse(Buffer.from((JSON.parse(attest({ results: [await checked(STACKED)], privateKey })) as DsseEnvelope).payload, 'base64').toString('utf8'));
    const extra = { ...statement, subject: [...statement.subject, { name: 'other.yaml', digest: { sha256: 'c'.repeat(64) } }] };
    expect(verifyAttestation(JSON.stringify(signedEnvelope(Buffer.from(canonicalJson(extra)))), { key: publicKey }).signature.problem).toMatch(/does not account for/);
    const bytes = Buffer.from(canonicalJson(statement));
    const at = bytes.indexOf('steel-stacked');
    bytes[at] = 0xff;
    expect(verifyAttestation(JSON.stringify(signedEnvelope(bytes)), { key: publicKey }).signature.problem).toMatch(/canonical/);
  });

  it('holds a credential to its own @context and purpose, and to being a Digital Conformity Credential', async () => {
    const text = attest({ results: [await checked(STACKED)], privateKey, format: 'dcc' });
    const credential = JSON.parse(text) as Credential;
    const changedContext = { ...credential, proof: { ...credential.proof!, '@context': ['https://www.w3.org/ns/credentials/v2'] } };
    expect(verifyAttestation(JSON.stringify(changedContext), { key: publicKey }).ok).toBe(false);
    const { proof: _proof, ...unsigned } = credential;
    const generic = signCredential({ ...unsigned, type: ['VerifiableCredential'] } as Credential, privateKey, '2026-11-29T00:00:00Z');
    expect(verifyAttestation(JSON.stringify(generic), { key: publicKey }).signature.problem).toMatch(/not a DigitalConformityCredential/);
    const purpose = { ...credential, proof: { ...credential.proof!, proofPurpose: 'authentication' } };
    expect(verifyAttestation(JSON.stringify(purpose), { key: publicKey }).ok).toBe(false);
  });

  it('a credential over several declarations names the declaration of each assessment, and says which one was invalid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbcheck-adv-'));
    writeFileSync(join(dir, 'broken.yaml'), 'schemaVersion: "1"\nid: broken\ntitle: x\n');
    const text = attest({ results: [await checked('examples/cocoa-eudr-compliant.yaml'), await checked(STACKED), await checked(join(dir, 'broken.yaml'))], privateKey, format: 'dcc' });
    const credential = JSON.parse(text) as { credentialSubject: { assessment: Array<{ id: string; name: string }>; description: string } };
    const names = credential.credentialSubject.assessment.map((a) => a.name);
    expect(names.filter((n) => n.startsWith('steel-stacked-100-percent.yaml: ')).length).toBeGreaterThan(0);
    expect(names.filter((n) => n.startsWith('cocoa-eudr-compliant.yaml: ')).length).toBeGreaterThan(0);
    expect(new Set(credential.credentialSubject.assessment.map((a) => a.id)).size).toBe(names.length);
    expect(credential.credentialSubject.description).toMatch(/broken\.yaml invalid, so not judged/);
    expect(formatVerification('c.json', verifyAttestation(text, { key: publicKey }))).toMatch(/states: .*broken\.yaml invalid, so not judged/);
  });
});

describe('the same declaration, whatever it is called now', () => {
  it('a declaration with CSV ledgers matches under another name and from standard input, in both forms; its ledger CSVs are hashed file by file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbcheck-adv-'));
    mkdirSync(join(dir, 'renamed'));
    for (const f of ['inputs.csv', 'outputs.csv']) copyFileSync(`examples/chemicals-csv/${f}`, join(dir, 'renamed', f));
    copyFileSync('examples/chemicals-csv/chemicals-csv.yaml', join(dir, 'renamed', 'renamed.yaml'));
    writeFileSync(join(dir, 'signer.pem'), pair.privatePem);
    writeFileSync(join(dir, 'signer.pub.pem'), pair.publicPem);
    const original = join(process.cwd(), 'examples/chemicals-csv/chemicals-csv.yaml');
    for (const format of ['in-toto', 'dcc']) {
      // Exit 1: the example fails ghg-protocol, and the attestation records it.
      expect(mbcheck(['attest', original, '--key', 'signer.pem', '--output', `csv.${format}.json`, '--format', format, '--as-of', ASOF], dir).code).toBe(1);
      expect(mbcheck(['verify', `csv.${format}.json`, '--key', 'signer.pub.pem', '--declaration', 'renamed/renamed.yaml'], dir).code).toBe(0);
      const fromStdin = mbcheck(['verify', `../csv.${format}.json`, '--key', '../signer.pub.pem', '--declaration', '-'], join(dir, 'renamed'), readFileSync(original, 'utf8'));
      expect(fromStdin.code, fromStdin.stdout + fromStdin.stderr).toBe(0);
    }
    const credential = JSON.parse(readFileSync(join(dir, 'csv.dcc.json'), 'utf8')) as { credentialSubject: { auditableEvidence: Array<{ linkURL: string; hashDigest: string }> } };
    const { createHash } = await import('node:crypto');
    const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
    expect(credential.credentialSubject.auditableEvidence.map((l) => [l.linkURL, l.hashDigest])).toEqual([
      ['chemicals-csv.yaml', sha(original)],
      ['inputs.csv', sha('examples/chemicals-csv/inputs.csv')],
      ['outputs.csv', sha('examples/chemicals-csv/outputs.csv')],
    ]);
    // A missing ledger file is a file the verifier lacks: exit 2, not "does not match".
    const lacking = join(dir, 'lacking');
    mkdirSync(lacking);
    copyFileSync(original, join(lacking, 'chemicals-csv.yaml'));
    const missing = mbcheck(['verify', 'csv.in-toto.json', '--key', 'signer.pub.pem', '--declaration', 'lacking/chemicals-csv.yaml'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the ledger files/);
  });

  it('verify takes the attestation on standard input, but not it and the declaration both', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbcheck-adv-'));
    writeFileSync(join(dir, 'signer.pub.pem'), pair.publicPem);
    const both = mbcheck(['verify', '-', '--key', 'signer.pub.pem', '--declaration', '-'], dir, '{}');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/cannot both come on standard input/);
    expect(mbcheck(['verify', '-', '--key', 'signer.pub.pem'], dir, '{"payloadType":"x","payload":"","signatures":[]}').code).toBe(1);
  });

  it('attest refuses to write over a ledger file of the declaration it signs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbcheck-adv-'));
    for (const f of ['chemicals-csv.yaml', 'inputs.csv', 'outputs.csv']) copyFileSync(`examples/chemicals-csv/${f}`, join(dir, f));
    writeFileSync(join(dir, 'signer.pem'), pair.privatePem);
    const before = readFileSync(join(dir, 'inputs.csv'), 'utf8');
    expect(mbcheck(['attest', 'chemicals-csv.yaml', '--key', 'signer.pem', '--output', 'inputs.csv', '--as-of', ASOF], dir).code).toBe(2);
    expect(readFileSync(join(dir, 'inputs.csv'), 'utf8')).toBe(before);
  });
});

describe('keys', () => {
  it('an encrypted private key is named as such, and --generate-key wants a file name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbcheck-adv-'));
    const { privateKey: encrypted } = generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    writeFileSync(join(dir, 'locked.pem'), encrypted);
    const run = mbcheck(['attest', join(process.cwd(), STACKED), '--key', 'locked.pem', '--output', 'x.json'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/encrypted with a passphrase/);
    expect(mbcheck(['attest', '--generate-key', '--output', 'keys/'], dir).stderr).toMatch(/give the key files a name/);
  });
});
