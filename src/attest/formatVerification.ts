// A verification in words: what was signed, by which key, and whether the files in hand are the ones signed.
import { printable } from '../quoting.js';
import type { Verification } from './verify.js';

/** Every line goes through printable(): names, key ids and messages come from the file, which anyone can write. */
export function formatVerification(file: string, v: Verification): string {
  return `${verificationLines(file, v).map(printable).join('\n')}\n`;
}

function verificationLines(file: string, v: Verification): string[] {
  const lines: string[] = [`${file}: ${v.format === 'dcc' ? 'a Digital Conformity Credential (eddsa-jcs-2022 proof)' : 'an in-toto Statement in a DSSE envelope'}`];
  lines.push(`  key given:  ${v.keyFingerprint}`);
  lines.push(`  signature:  ${v.signature.holds ? 'holds for this key' : `DOES NOT HOLD: ${v.signature.problem ?? 'it does not verify'}`}`);
  if (!v.signature.holds && v.signature.signedBy.length > 0) lines.push(`  signed by:  ${v.signature.signedBy.filter(Boolean).join(', ') || 'no key named'}`);
  if (v.statementDigest) lines.push(`  digest:     ${v.statementDigest} (of the bytes signed)`);
  const s = v.signed;
  if (s) {
    lines.push(v.signature.holds ? '  what was signed:' : '  what it claims (not to be relied on: the signature does not hold):');
    if (s.tool) lines.push(`    checked by ${s.tool.name} ${s.tool.version}${s.asOf ? `, rulesets in force on ${s.asOf}` : ''}${s.issuedAt ? `, signed ${s.issuedAt}` : ''}`);
    else if (s.issuedAt) lines.push(`    signed ${s.issuedAt}`);
    for (const d of s.declarations) {
      const others = d.files.slice(1).map((f) => f.name).join(', ');
      // The statement's sha256 covers the ledger files too; a credential links each file with the sha256 of its own bytes.
      const ledger = d.files.length < 2 ? '' : v.format === 'dcc' ? `, with ledger files ${others} (each linked by its sha256)` : ` (of it and its ledger files ${others}, as sha256sum lines)`;
      lines.push(`    declaration ${d.name}${d.id ? ` (${d.id})` : ''}, sha256 ${d.sha256}${ledger}${d.verdict ? `: ${d.valid ? d.verdict : 'invalid, not judged'}` : ''}`);
      for (const r of d.rulesets) lines.push(`      ${r.id}@${r.version}: ${r.verdict} (ruleset sha256 ${r.sha256})`);
      for (const w of d.waiversApplied) lines.push(`      waiver applied: ${w.rule}${w.pointer ? ` at ${w.pointer}` : ''}, approved by ${w.approvedBy} until ${w.expires}: ${w.reason}`);
    }
    if (s.statement) lines.push(`    states: ${s.statement}`);
    for (const a of s.assessments ?? []) lines.push(`    assessment ${a.name}: ${a.conformance === undefined ? 'no conformance stated (did not apply)' : a.conformance ? 'conforms' : 'does not conform'}`);
    for (const r of s.reports) lines.push(`    report ${r.name}, sha256 ${r.sha256}`);
  }
  if (v.declaration) lines.push(`  declaration given: ${v.declaration.name}, sha256 ${v.declaration.sha256}: ${v.declaration.matches ? `matches the one signed${v.declaration.signedAs && v.declaration.signedAs !== v.declaration.name ? ` as ${v.declaration.signedAs}` : ''}` : 'DOES NOT MATCH any declaration signed'}`);
  if (v.report) lines.push(`  report given: ${v.report.name}, sha256 ${v.report.sha256}: ${v.report.matches ? 'matches the one signed' : 'DOES NOT MATCH any report signed'}`);
  lines.push(v.ok ? 'VERIFIED' : 'NOT VERIFIED');
  return lines;
}
