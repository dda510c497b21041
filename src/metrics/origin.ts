// EUDR origin data of the inputs (docs/books.md "other figures"): how many carry complete, compliant origin data.
import type { LedgerInput } from '../generated/declaration.js';
import { tidy } from './tolerance.js';

const ratio = (part: number, whole: number): number | null => (whole > 0 ? tidy(part / whole) : null);

function missingOrigin(input: LedgerInput): string[] {
  const o = input.origin;
  const missing: string[] = [];
  if (!o?.country) missing.push('country');
  if (!o?.geolocation) missing.push('geolocation');
  if (o?.deforestationFree !== true) missing.push(o?.deforestationFree === false ? 'deforestationFree is false' : 'deforestationFree unknown');
  if (o?.legal !== true) missing.push(o?.legal === false ? 'legal is false' : 'legality unknown');
  if (!o?.dueDiligenceRef) missing.push('dueDiligenceRef');
  return missing;
}

/** EUDR origin data of the inputs (and the low-carbon flags), counted in one pass: a year of lots must not be walked once per field. */
export function originCompleteness(inputs: readonly LedgerInput[]) {
  let complete = 0;
  let lowCarbonFlagged = 0;
  const missing = { country: 0, geolocation: 0, deforestationUnknown: 0, notDeforestationFree: 0, legalityUnknown: 0, notLegal: 0, dueDiligenceRef: 0 };
  const firstMissing: Record<'country' | 'geolocation' | 'deforestationFree' | 'legal' | 'dueDiligenceRef', string | null> = { country: null, geolocation: null, deforestationFree: null, legal: null, dueDiligenceRef: null };
  let firstIncomplete: { inputId: string; missing: string[] } | null = null;
  for (const input of inputs) {
    const o = input.origin;
    if (input.lowCarbon === true) lowCarbonFlagged++;
    if (!o?.country) {
      missing.country++;
      firstMissing.country ??= input.id;
    }
    if (!o?.geolocation) {
      missing.geolocation++;
      firstMissing.geolocation ??= input.id;
    }
    if (o?.deforestationFree === undefined || o.deforestationFree === null) missing.deforestationUnknown++;
    if (o?.deforestationFree === false) missing.notDeforestationFree++;
    if (o?.deforestationFree !== true) firstMissing.deforestationFree ??= input.id;
    if (o?.legal === undefined || o.legal === null) missing.legalityUnknown++;
    if (o?.legal === false) missing.notLegal++;
    if (o?.legal !== true) firstMissing.legal ??= input.id;
    if (!o?.dueDiligenceRef) {
      missing.dueDiligenceRef++;
      firstMissing.dueDiligenceRef ??= input.id;
    }
    if (o?.country && o.geolocation && o.deforestationFree === true && o.legal === true && o.dueDiligenceRef) complete++;
    else firstIncomplete ??= { inputId: input.id, missing: missingOrigin(input) };
  }
  const origin = {
    inputs: inputs.length,
    complete,
    completeShare: ratio(complete, inputs.length),
    missingCountry: missing.country,
    missingGeolocation: missing.geolocation,
    deforestationUnknown: missing.deforestationUnknown,
    notDeforestationFree: missing.notDeforestationFree,
    legalityUnknown: missing.legalityUnknown,
    notLegal: missing.notLegal,
    missingDueDiligenceRef: missing.dueDiligenceRef,
    firstIncomplete,
    firstMissing,
  };
  return { origin, lowCarbonFlagged };
}
