// `mbcheck attest` and `mbcheck verify`: the check of each declaration signed with an Ed25519 key, and the
// signature checked again by whoever holds the public key.
import { createHash, type KeyObject } from 'node:crypto';
import { lstatSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { checkSource, fingerprints, readNamedLedgerFiles, type CheckOptions } from '../check.js';
import { readSource } from '../declaration/source.js';
import { MbcheckError } from '../errors.js';
import type { LoadedRuleset } from '../rulesets/load.js';
import { readRegularFileSync, readRegularTextSync } from '../regularFile.js';
import type { CheckResult } from '../result.js';
import { attest, formatVerification, generateKeyPair, keyFingerprint, readPrivateKey, readPublicKey, verifyAttestation, type AttestationFormat } from '../attest/index.js';
import { fileNameOf } from '../attest/statement.js';
import type { DeclarationFiles } from '../attest/verify.js';
import { EXIT, exitCodeOf } from './batch.js';
import { expandInputs } from './inputs.js';
import { refuseInputAsOutput, writeAtomically } from './output.js';

const REPORT_LIMIT = { what: 'the report', maxBytes: 1024 * 1024 * 1024 };
const ATTESTATION_LIMIT = { what: 'the attestation', maxBytes: 256 * 1024 * 1024 };

export interface AttestOptions {
  key?: string;
  output?: string;
  report?: string[];
  format: AttestationFormat;
  issuerName?: string;
  generateKey?: boolean;
  force?: boolean;
  maxBytes: number;
}

/** The file names a key pair is written under: <prefix>.pem (private) and <prefix>.pub.pem. */
function keyPairPaths(output: string): { privatePath: string; publicPath: string } {
  const prefix = output.replace(/\.pub\.pem$|\.pem$/i, '');
  return { privatePath: `${prefix}.pem`, publicPath: `${prefix}.pub.pem` };
}

/** Whether anything is at the path, a dangling symbolic link included (a key must not be written through one). */
function somethingAt(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function writeKeyPair(output: string, force: boolean): number {
  if (output === '-' || /[\/]$/.test(output) || basename(output).replace(/\.pub\.pem$|\.pem$/i, '') === '') {
    throw new MbcheckError('usage', `--output ${output}: give the key files a name, such as --output keys/signer (for keys/signer.pem and keys/signer.pub.pem)`);
  }
  const { privatePath, publicPath } = keyPairPaths(output);
  for (const path of [privatePath, publicPath]) {
    if (!force && somethingAt(path)) throw new MbcheckError('exists', `${path} is already there; keep it, or give --force to replace it (a replaced key can no longer verify what it signed)`);
  }
  const pair = generateKeyPair();
  // Only the owner may read the private key, as ssh-keygen leaves it.
  writeAtomically(privatePath, pair.privatePem, { mode: 0o600 });
  writeAtomically(publicPath, pair.publicPem);
  process.stderr.write(`mbcheck: wrote ${privatePath} (the private key: keep it secret) and ${publicPath} (give it to whoever verifies)\nkey fingerprint ${pair.fingerprint}\n`);
  return EXIT.ok;
}

function fileDigest(path: string, limit: { what: string; maxBytes: number }): { name: string; sha256: string } {
  return { name: basename(path), sha256: createHash('sha256').update(readRegularFileSync(path, limit)).digest('hex') };
}

export async function attestCommand(files: string[], opts: AttestOptions, checkOptions: CheckOptions, rulesets: () => LoadedRuleset[], otherInputs: () => string[]): Promise<number> {
  if (opts.generateKey) {
    if (files.length > 0) throw new MbcheckError('usage', '--generate-key writes a key pair and signs nothing: give it no declaration');
    if (!opts.output) throw new MbcheckError('usage', '--generate-key needs --output PREFIX: the key pair is written to PREFIX.pem and PREFIX.pub.pem');
    return writeKeyPair(opts.output, opts.force === true);
  }
  if (files.length === 0) throw new MbcheckError('usage', 'give the declaration(s) to attest, or --generate-key to make a key pair');
  if (!opts.key) throw new MbcheckError('usage', 'attest needs --key PRIVATE.pem (make a key pair with: mbcheck attest --generate-key --output signer)');
  if (!opts.output) throw new MbcheckError('usage', 'attest needs --output PATH: the file to write the signed attestation to');
  const privateKey = readPrivateKey(opts.key);
  const chosen = rulesets();
  const entries = await expandInputs(files);
  refuseInputAsOutput(opts.output, [...entries.map((e) => e.name), ...otherInputs(), opts.key, ...(opts.report ?? [])]);
  const results: CheckResult[] = [];
  for (const entry of entries) {
    if (entry.problem) throw entry.problem;
    const result = await checkSource(await readSource(entry.name, opts.maxBytes), checkOptions, chosen);
    // A file that could not be read has nothing to sign: its bytes are not known.
    if (result.error && !result.declaration.sha256) throw new MbcheckError(result.error.code, `${entry.name}: ${result.error.message}`);
    results.push(result);
    // Its ledger files are inputs too: the attestation must not be written over one of them.
    const ledgerFiles = (result.declaration.files ?? []).slice(1).map((f) => join(dirname(entry.name), f.name));
    refuseInputAsOutput(opts.output, ledgerFiles);
  }
  const reports = (opts.report ?? []).map((path) => fileDigest(path, REPORT_LIMIT));
  const text = attest({ results, privateKey, reports, format: opts.format, ...(opts.issuerName ? { issuerName: opts.issuerName } : {}) });
  writeAtomically(opts.output, text);
  const verdicts = results.map((r) => `${fileNameOf(r.declaration.source)} ${r.valid ? r.verdict : 'invalid'}`).join(', ');
  process.stderr.write(`mbcheck: wrote ${opts.output}, signed by ${keyFingerprint(privateKey)} (${verdicts})\n`);
  // As report does: the file is written either way, and the exit code still says whether the declarations pass.
  return Math.max(...results.map((r) => exitCodeOf(r)));
}

/** An attestation for a report's verification page (report --attestation), with the signer's key when given. */
export function attestationForReportFile(file: string, keyFile: string | undefined): { file: string; text: string; key?: KeyObject } {
  return { file: basename(file), text: readRegularTextSync(file, ATTESTATION_LIMIT), ...(keyFile ? { key: readPublicKey(keyFile) } : {}) };
}

export interface VerifyOptions {
  key?: string;
  declaration?: string;
  report?: string;
  format: 'text' | 'json';
  maxBytes: number;
}

export async function verifyCommand(file: string, opts: VerifyOptions): Promise<number> {
  if (!opts.key) throw new MbcheckError('usage', 'verify needs --key PUBLIC.pem: the public key of whoever signed');
  if (file === '-' && opts.declaration === '-') throw new MbcheckError('usage', 'the attestation and the declaration cannot both come on standard input: give one of them as a file');
  const key = readPublicKey(opts.key);
  const text = file === '-' ? readFileSync(0, 'utf8') : readRegularTextSync(file, ATTESTATION_LIMIT);
  let declaration: DeclarationFiles | undefined;
  if (opts.declaration) {
    const source = await readSource(opts.declaration, opts.maxBytes);
    await readNamedLedgerFiles(source);
    // A ledger file that cannot be read is a file the verifier lacks (exit 2), not a declaration that differs.
    const missing = source.ledgerFiles?.sheets.find((sheet) => sheet.problem)?.problem;
    if (missing) throw new MbcheckError('unreadable', `${opts.declaration}: cannot read the ledger files it names: ${missing.file ?? ''} ${missing.message}`.replace('  ', ' '), 'io');
    const name = fileNameOf(opts.declaration);
    const { sha256, files } = fingerprints(source);
    declaration = { name, sha256: sha256!, files: files ?? [{ name, sha256: source.sha256 }] };
  }
  const report = opts.report ? fileDigest(opts.report, REPORT_LIMIT) : undefined;
  const verification = verifyAttestation(text, { key, ...(declaration ? { declaration } : {}), ...(report ? { report } : {}) });
  process.stdout.write(opts.format === 'json' ? `${JSON.stringify(verification, null, 2)}\n` : formatVerification(file, verification));
  return verification.ok ? EXIT.ok : EXIT.failed;
}
