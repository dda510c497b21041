// The evidence a declaration offers, judged rather than counted present: whether the verification is by a party
// independent of the declarant and accredited, whether it is done (after the period, not after the as-of date)
// or only planned, and whether the transitional use ends after the period.
import type { Declaration } from '../generated/declaration.js';
import type { Evidence } from '../generated/metrics.js';

/** Legal forms that say nothing about who a party is: "Acme Steel GmbH" is Acme Steel. */
const LEGAL_FORMS = /\b(gmbh|ag|kg|se|ltd|limited|inc|llc|plc|corp|corporation|co|company|sa|sas|sarl|spa|srl|bv|nv|ab|oy|as|kk)\b/g;
/** Words that make a verification the declarant's own. */
const INTERNAL = /\b(internal|in-house|inhouse|self|own|intern|interne|interner|internes|konzernrevision|innenrevision|auto-?evaluation|autoevaluaci[oó]n|propi[oa]|interno|interna|auto-?certif\w*|self-?certif\w*)\b/;

/** Words too common in company names to tell one party from another by themselves. */
const GENERIC = new Set([
  'the', 'and', 'und', 'et', 'y', 'de', 'du', 'des', 'la', 'le', 'el', 'der', 'die', 'das', 'of',
  'steel', 'stahl', 'acier', 'acero', 'aluminium', 'metals', 'metal', 'industries', 'industry', 'group', 'gruppe', 'groupe', 'grupo', 'holding', 'holdings',
  'verification', 'verifiers', 'verifier', 'certification', 'certifiers', 'cert', 'assurance', 'audit', 'auditors', 'inspection', 'services', 'service', 'consulting', 'partners',
  'international', 'global', 'national', 'general', 'united', 'european', 'europe', 'north', 'south', 'east', 'west', 'new', 'first', 'energy', 'green', 'climate', 'carbon',
  'zertifizierung', 'prüfung', 'gesellschaft', 'société', 'sociedad', 'compagnie', 'example',
]);

/** Words that name a verification or certification business. */
const VERIFICATION_BUSINESS = /\b(verif\w*|certif\w*|zertifizier\w*|assurance|audit\w*|inspect\w*|prüf\w*|pruef\w*|begutacht\w*|tüv|tuv|dekra|sgs|dnv|bureau|cert|contrôle|controle|auditoría)\b/u;

const core = (name: string) =>
  name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    // A.C.M.E. is ACME; "Acme-Steel" and "AcmeSteel" are compared run together below.
    .replace(/(?<=\p{L})\.(?=\p{L})/gu, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .replace(LEGAL_FORMS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const runTogether = (name: string) => name.replace(/[\s-]+/g, '');
const firstDistinctive = (name: string) => name.split(/[\s-]+/).find((word) => word.length >= 3 && !GENERIC.has(word)) ?? null;

/** "Example Verification SE, engaged by Acme Steel GmbH": the client named after the body is not the body. */
const CLIENT = /[,;(]?\s*\b(?:engaged|commissioned|appointed|hired|retained|mandated)\s+by\b.*$|[,;(]?\s*\bon behalf of\b.*$|[,;(]?\s*\bim auftrag\b.*$|[,;(]?\s*\bpour le compte de?\b.*$|[,;(]?\s*\bpor encargo de\b.*$/iu;

/** Why a verification body is not independent of the declarant, or null when nothing says so. */
export function notIndependentBecause(body: string, organization: string): string | null {
  const b = core(body.replace(CLIENT, ''));
  const o = core(organization);
  const names = o.length >= 3 && (b === o || ` ${b} `.includes(` ${o} `));
  const runTogetherNames = runTogether(o).length >= 6 && runTogether(b).includes(runTogether(o));
  if (names || runTogetherNames) return `the body names the declarant (${organization})`;
  if (INTERNAL.test(b)) return 'the body is an internal or self-assessment';
  // "Acme Holding AG" or "Acme Stahl GmbH" verifying "Acme Steel Europe GmbH": the declarant's distinctive name on
  // a body that is no verification business is a company of its own group ("Nordic Verification" may be anyone's).
  const own = firstDistinctive(o);
  if (own !== null && own === firstDistinctive(b) && !VERIFICATION_BUSINESS.test(b)) return `the body bears the declarant's name "${own}" and is no verification business: a company of its own group`;
  return null;
}

/** Bodies that name no verifier: a placeholder where the verifier would go. */
const NO_BODY = /^(?:none|no|n\/?a|nil|tbd|tbc|to be (?:appointed|confirmed|determined|selected|defined)|not (?:yet )?(?:verified|appointed|selected)|pending|unknown|-+|keine|offen|noch offen|noch nicht|aucun|à désigner|a designer|ninguno|por designar|pendiente)$/iu;
/** An accreditation that says there is none, or none valid: "none", "pending", "application submitted", "expired 2025". */
// Words bounded by letters, not by \b, which stops at "é" ("expiré").
const anyWord = (words: string[]) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
const NO_ACCREDITATION_WORD = anyWord([
  'not', 'pending', 'applied', 'application', 'submitted', 'self', 'expired', 'withdrawn', 'suspended', 'revoked', 'planned', 'in progress', 'to be',
  'keine', 'nicht', 'beantragt', 'abgelaufen', 'aucune', 'en cours', 'expirée?', 'demande', 'ninguna', 'pendiente', 'solicitud', 'caducada', 'vencida',
]);
const NO_ACCREDITATION_ALONE = /^(?:none|no|n\/?a|nil|-+|tbd|tbc)$/iu;

export function evidenceOf(declaration: Declaration, asOf: string): Evidence {
  const { verification, transition } = declaration.method.reporting;
  const periodEnd = declaration.period.end;
  const placeholder = verification?.body && NO_BODY.test(verification.body.trim()) ? verification.body : null;
  const body = verification?.body && !placeholder ? verification.body : null;
  const because = body ? notIndependentBecause(body, declaration.organization.name) : null;
  const date = verification?.date ?? null;
  const status: Evidence['verification']['status'] = !body
    ? 'not-stated'
    : date === null
      ? 'undated'
      : date <= periodEnd
        ? 'before-period-end'
        : date > asOf
          ? 'planned'
          : 'done';
  const accreditation = verification?.accreditation?.trim() || null;
  const accreditationNotValid = accreditation && (NO_ACCREDITATION_ALONE.test(accreditation) || NO_ACCREDITATION_WORD.test(accreditation)) ? accreditation : null;
  const accredited = accreditation !== null && accreditationNotValid === null;
  const independent = body ? because === null : null;
  return {
    asOf,
    verification: {
      stated: body !== null,
      body,
      placeholderBody: placeholder,
      independent,
      notIndependentBecause: because,
      accredited,
      accreditationNotValid,
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
