// The evidence a declaration offers, judged rather than counted present: whether the verification is by a party
// independent of the declarant and accredited, whether it is done (after the period, not after the as-of date)
// or only planned, and whether the transitional use ends after the period.
import type { Declaration } from '../generated/declaration.js';
import type { Evidence } from '../generated/metrics.js';

/** Legal forms that say nothing about who a party is: "Acme Steel GmbH" is Acme Steel. */
const LEGAL_FORMS = /\b(gmbh|ag|kg|se|ltd|limited|inc|llc|plc|corp|corporation|co|company|sa|sas|sarl|spa|srl|bv|nv|ab|oy|as|kk)\b/g;
/** Words that make a verification the declarant's own. */
const INTERNAL = /\b(internal|in-house|inhouse|self|own|intern|interne|interner|internes|konzernrevision|innenrevision|auto-?evaluation|autoevaluaci[oó]n|propi[oa]|interno|interna|auto-?certif\w*|self-?certif\w*)\b/;

const core = (name: string) =>
  name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, ' ').replace(LEGAL_FORMS, ' ').replace(/\s+/g, ' ').trim();

/** Why a verification body is not independent of the declarant, or null when nothing says so. */
export function notIndependentBecause(body: string, organization: string): string | null {
  const b = core(body);
  const o = core(organization);
  if (o.length >= 3 && (b === o || ` ${b} `.includes(` ${o} `))) return `the body names the declarant (${organization})`;
  if (INTERNAL.test(b)) return 'the body is an internal or self-assessment';
  return null;
}

export function evidenceOf(declaration: Declaration, asOf: string): Evidence {
  const { verification, transition } = declaration.method.reporting;
  const periodEnd = declaration.period.end;
  const because = verification?.body ? notIndependentBecause(verification.body, declaration.organization.name) : null;
  const date = verification?.date ?? null;
  const status: Evidence['verification']['status'] = !verification?.body
    ? 'not-stated'
    : date === null
      ? 'undated'
      : date <= periodEnd
        ? 'before-period-end'
        : date > asOf
          ? 'planned'
          : 'done';
  const accredited = Boolean(verification?.accreditation);
  const independent = verification?.body ? because === null : null;
  return {
    asOf,
    verification: {
      stated: Boolean(verification?.body),
      body: verification?.body ?? null,
      independent,
      notIndependentBecause: because,
      accredited,
      date,
      status,
      judged: status === 'done' && independent === true && accredited,
    },
    transition: {
      endDate: transition?.endDate ?? null,
      roadmap: Boolean(transition?.roadmapUrl),
      afterPeriod: transition?.endDate ? transition.endDate > periodEnd : null,
    },
  };
}
