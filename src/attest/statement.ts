// The in-toto Statement (v1) that an attestation signs: the declarations, ledger files and reports as subjects by
// the sha256 of their bytes, and the check as the predicate (schemas/attestation.schema.json).
import { basename } from 'node:path';
import type { AttestedFile, AttestedResult, CheckAttestation } from '../generated/attestation.js';
import type { CheckResult } from '../result.js';
import { MbcheckError } from '../errors.js';

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const PREDICATE_TYPE = 'https://mbcheck.dev/attestation/check/v1';

export interface Subject {
  name: string;
  digest: { sha256: string };
}

export interface Statement {
  _type: typeof STATEMENT_TYPE;
  subject: Subject[];
  predicateType: typeof PREDICATE_TYPE;
  predicate: CheckAttestation;
}

/** A file's name as a report or statement states it: its name, never the local path it was read from. */
export function fileNameOf(source: string): string {
  return source === '-' || source === '<stdin>' ? '-' : basename(source);
}

function attestedResult(result: CheckResult): AttestedResult {
  if (!result.declaration.sha256) {
    throw new MbcheckError('unattestable', `${result.declaration.source}: cannot attest a declaration that could not be read${result.error ? ` (${result.error.message})` : ''}`);
  }
  return {
    declaration: {
      id: result.declaration.id,
      name: fileNameOf(result.declaration.source),
      sha256: result.declaration.sha256,
      ...(result.declaration.files ? { files: result.declaration.files.map(({ name, sha256 }) => ({ name, sha256 })) } : {}),
    },
    valid: result.valid,
    verdict: result.verdict,
    rulesets: (result.rulesets ?? []).map((r) => ({
      id: r.id,
      version: r.version,
      title: r.title,
      sha256: r.sha256,
      ...(r.extends ? { extends: { ...r.extends } } : {}),
      standard: { ...r.standard },
      verdict: r.verdict,
      counts: { ...r.counts },
    })),
    findings: (result.findings ?? []).map((f) => ({ ruleId: f.ruleId, ruleset: f.ruleset, title: f.title, level: f.level, outcome: f.outcome, ...(f.waiver ? { waived: true } : {}) })),
    waivers: (result.waivers ?? []).map((w) => ({ rule: w.rule, ...(w.pointer !== undefined ? { pointer: w.pointer } : {}), reason: w.reason, approvedBy: w.approvedBy, expires: w.expires, status: w.status })),
    ...(result.error ? { error: { code: result.error.code, message: result.error.message } } : {}),
  };
}

export interface StatementInput {
  results: readonly CheckResult[];
  /** Reports signed with the results, by file name and the sha256 of their bytes. */
  reports?: readonly AttestedFile[];
  /** When the statement is made; default now. */
  issuedAt?: Date;
}

export function buildStatement({ results, reports = [], issuedAt = new Date() }: StatementInput): Statement {
  if (results.length === 0) throw new MbcheckError('usage', 'nothing to attest: give at least one declaration');
  const attested = results.map(attestedResult);
  const asOf = results[0]!.asOf;
  if (!asOf || results.some((r) => r.asOf !== asOf)) throw new MbcheckError('usage', 'the results to attest were checked as of different dates; attest them one date at a time');
  // Subjects are what a verifier can hash on disk: the declaration's own bytes and each ledger file's.
  const subject: Subject[] = attested.flatMap((r) => (r.declaration.files ?? [{ name: r.declaration.name, sha256: r.declaration.sha256 }]).map(({ name, sha256 }) => ({ name, digest: { sha256 } })));
  subject.push(...reports.map(({ name, sha256 }) => ({ name, digest: { sha256 } })));
  const tool = results[0]!.tool;
  return {
    _type: STATEMENT_TYPE,
    subject,
    predicateType: PREDICATE_TYPE,
    predicate: {
      tool: { name: tool.name, version: tool.version },
      asOf,
      // Whole seconds: the statement is a record, not a benchmark, and RFC 3339 readers vary on fractions.
      issuedAt: `${issuedAt.toISOString().slice(0, 19)}Z`,
      results: attested as CheckAttestation['results'],
      ...(reports.length > 0 ? { reports: reports.map(({ name, sha256 }) => ({ name, sha256 })) } : {}),
    },
  };
}
