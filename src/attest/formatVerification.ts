// A verification in words: what was signed, by which key, and whether the files in hand are the ones signed.
import type { Verification } from './verify.js';

export function formatVerification(file: string, v: Verification): string {
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
      lines.push(`    declaration ${d.name}${d.id ? ` (${d.id})` : ''}, sha256 ${d.sha256}${d.verdict ? `: ${d.valid ? d.verdict : 'invalid, not judged'}` : ''}`);
      for (const r of d.rulesets) lines.push(`      ${r.id}@${r.version}: ${r.verdict} (ruleset sha256 ${r.sha256})`);
      for (const w of d.waiversApplied) lines.push(`      waiver applied: ${w.rule}${w.pointer ? ` at ${w.pointer}` : ''}, approved by ${w.approvedBy} until ${w.expires}: ${w.reason}`);
    }
    for (const a of s.assessments ?? []) lines.push(`    assessment ${a.name}: ${a.conformance === undefined ? 'no conformance stated (did not apply)' : a.conformance ? 'conforms' : 'does not conform'}`);
    for (const r of s.reports) lines.push(`    report ${r.name}, sha256 ${r.sha256}`);
  }
  if (v.declaration) lines.push(`  declaration given: ${v.declaration.name}, sha256 ${v.declaration.sha256}: ${v.declaration.matches ? `matches the one signed${v.declaration.signedAs && v.declaration.signedAs !== v.declaration.name ? ` as ${v.declaration.signedAs}` : ''}` : 'DOES NOT MATCH any declaration signed'}`);
  if (v.report) lines.push(`  report given: ${v.report.name}, sha256 ${v.report.sha256}: ${v.report.matches ? 'matches the one signed' : 'DOES NOT MATCH any report signed'}`);
  lines.push(v.ok ? 'VERIFIED' : 'NOT VERIFIED');
  return `${lines.join('\n')}\n`;
}
