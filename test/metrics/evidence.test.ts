// The evidence a declaration offers, judged: a verification body that is the declarant under another spelling,
// its own group, a placeholder, or an accreditation that says there is none, is no independent, accredited one.
import { describe, expect, it } from 'vitest';
import type { Declaration } from '../../src/generated/declaration.js';
import { evidenceOf, notIndependentBecause } from '../../src/metrics/evidence.js';

const declaration = (verification: Record<string, string>): Declaration =>
  ({
    organization: { name: 'Acme Steel Europe GmbH', country: 'DE' },
    period: { start: '2026-01-01', end: '2026-03-31' },
    method: { reporting: { verification } },
  }) as unknown as Declaration;

describe('independence of the verification body', () => {
  it('sees the declarant through legal forms, punctuation, spacing and "&"', () => {
    expect(notIndependentBecause('Acme-Steel Europe Ltd.', 'Acme Steel Europe GmbH')).toContain('names the declarant');
    expect(notIndependentBecause('AcmeSteel Europe AG', 'Acme Steel Europe GmbH')).toContain('names the declarant');
    expect(notIndependentBecause('ACME Steel AG', 'A.C.M.E. Steel GmbH')).toContain('names the declarant');
    expect(notIndependentBecause('Smith and Sons Steel plc', 'Smith & Sons Steel Ltd')).toContain('names the declarant');
  });

  it('sees a company of its own group, but not a verifier that shares a word with it', () => {
    expect(notIndependentBecause('Acme Holding AG', 'Acme Steel Europe GmbH')).toContain('own group');
    expect(notIndependentBecause('Acme Stahl GmbH', 'Acme Steel GmbH')).toContain('own group');
    expect(notIndependentBecause('Nordic Verification AB', 'Nordic Steel AB')).toBeNull();
    expect(notIndependentBecause('TÜV NORD CERT GmbH', 'Nord Stahl GmbH')).toBeNull();
    expect(notIndependentBecause('Bureau Veritas Certification Germany GmbH', 'Veritas Steel GmbH')).toBeNull();
  });

  it('does not take the client named after the body for the body', () => {
    expect(notIndependentBecause('Example Verification SE, engaged by Acme Steel GmbH', 'Acme Steel GmbH')).toBeNull();
  });
});

describe('the verification judged', () => {
  const judged = (verification: Record<string, string>) => evidenceOf(declaration(verification), '2026-11-29').verification;

  it('is done, independent and accredited: judged', () => {
    expect(judged({ body: 'Example Verification SE', accreditation: 'DAkkS D-VS-00000', date: '2026-05-01' })).toMatchObject({ judged: true, accredited: true, accreditationNotValid: null });
  });

  it('takes an accreditation that says there is none for none', () => {
    for (const accreditation of ['none', 'n/a', 'pending', 'not accredited', 'application to DAkkS submitted', 'self-accredited', 'DAkkS D-VS-00000 (expired 2025)', 'COFRAC 3-0000 (expiré)']) {
      expect(judged({ body: 'Example Verification SE', accreditation, date: '2026-05-01' }), accreditation).toMatchObject({ accredited: false, accreditationNotValid: accreditation, judged: false });
    }
  });

  it('takes a placeholder body for no verifier at all', () => {
    for (const body of ['TBD', 'to be appointed', 'none', 'not yet verified']) {
      expect(judged({ body, accreditation: 'DAkkS D-VS-00000', date: '2026-05-01' }), body).toMatchObject({ stated: false, body: null, placeholderBody: body, status: 'not-stated', judged: false });
    }
  });
});
