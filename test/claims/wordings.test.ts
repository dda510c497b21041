// Claim wordings written by people who never saw the reader (three subagents given only DOMAIN.md): each with whether
// it presents the product as fully reduced and the reduction percentages it states, read as for a declaration
// whose period ends in 2026. On its first reading the reader missed 17 of the 68 of set 1 (minus signs, "100 %
// klimaneutral", plurals, "ni", "near-zero", "CO2-free hydrogen", a feedstock share, a reduction word eight words
// before its figure) and then 13 of the 48 of set 2 (process steps such as "zero-carbon melting", "100 %
// décarboné", a negation six words back, a group-wide cut beside a 2050 target, "ahorrar", "menores", a
// reduction verb across a comma, Spanish "no"), then 9 of the 40 of set 3 (a negation left hanging before an
// aside, "not just low-carbon - carbon-neutral", "seventy per cent", "but by 32%" answering a negated reduction
// far back, "Klimaneutral? Noch nicht", "geringeren", a company's Scope 1 cut beside the product's, today's figure
// after a colon beside a 2050 target, "no es cierto que"); the classes were fixed and every set stays as a guard.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readClaim } from '../../src/claims/reader.js';

interface Wording {
  label: string | null;
  wording: string | null;
  language: string;
  fullReduction: boolean;
  percentages: number[];
  why: string;
}

const sets = readdirSync('test/fixtures/claims').filter((f) => /^wordings-set-\d+\.json$/.test(f)).sort();

for (const file of sets) {
  const rows = JSON.parse(readFileSync(`test/fixtures/claims/${file}`, 'utf8')) as Wording[];
  describe(`claim wordings, ${file}`, () => {
    for (const row of rows) {
      it(`${row.language}: ${row.label ?? ''} ${row.wording ?? ''}`.slice(0, 160), () => {
        const reading = readClaim({ label: row.label ?? undefined, wording: row.wording ?? undefined }, { periodEnd: '2026-12-31' });
        const stated = [...new Set(reading.percentages.map((p) => p.value))].sort((a, b) => a - b);
        expect({ fullReduction: reading.fullReduction, percentages: stated }, row.why).toEqual({ fullReduction: row.fullReduction, percentages: [...new Set(row.percentages)].sort((a, b) => a - b) });
      });
    }
  });
}
