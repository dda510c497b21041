// Property 4: the report states the JSON result's figures. For random declarations the HTML report (the same
// document the PDF prints; no browser needed) is built from the checked result, and each figure it states is
// looked up in its place (table cell, sentence) as the report writes figures, restated here with Intl.NumberFormat
// in en-GB: masses and emissions to 2 decimals, emission factors to 4, percentages to 2, a figure that is not zero
// but would round to zero to two significant digits, null as "n/a". Handlebars escapes what it inserts, so text is
// compared escaped.
import fc from 'fast-check';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/check.js';
import { sourceFromText } from '../../src/declaration/source.js';
import { formatNumber } from '../../src/engine/messages.js';
import { renderReportHtml } from '../../src/report/html.js';
import { buildReportModel } from '../../src/report/model.js';
import type { Declaration } from '../../src/generated/declaration.js';
import type { CheckResult } from '../../src/result.js';
import { AS_OF, declarationArb, RUNS } from './arbitraries.js';

const esc = (s: string) => Handlebars.escapeExpression(s);
const intl = (v: unknown, digits: number): string => {
  if (typeof v !== 'number' || !Number.isFinite(v)) return v === null || v === undefined ? 'n/a' : String(v);
  const tiny = v !== 0 && Math.abs(v) < 0.5 * 10 ** -digits;
  const text = new Intl.NumberFormat('en-GB', tiny ? { maximumSignificantDigits: 2 } : { maximumFractionDigits: digits }).format(v);
  return text === '-0' ? '0' : text;
};
/** A mass or an emission. */
const num = (v: unknown, digits = 2) => intl(v, digits);
/** An emission factor, tCO2e/t. */
const factor = (v: unknown) => intl(v, 4);
const pct = (v: number | null) => (v === null ? 'n/a' : `${intl(v * 100, 2)}%`);
const cell = (v: string) => `<td class="num">${v}</td>`;
/** The claimed outputs against their pools' average: below it, above it (a negative reduction), or no average to compare. */
const againstAverage = (v: number | null) =>
  v === null
    ? 'none of their pools has a physical average above zero to compare them with'
    : v < 0
      ? `the least reduced of them is ${num(-v, 2)}% above its pool&#x27;s physical average`
      : `at least ${num(v, 2)}% below the physical pool average`;

async function report(d: Declaration): Promise<{ result: CheckResult; html: string }> {
  const { result, declaration } = await runCheck(sourceFromText('property.json', JSON.stringify(d)), { asOf: AS_OF });
  expect(declaration).toBeDefined();
  expect(result.error).toBeUndefined();
  const html = renderReportHtml(buildReportModel(result, declaration!));
  // The inlined fonts and CSS are not text the report states.
  return { result, html: html.replace(/<style>[\s\S]*?<\/style>/, '<style></style>') };
}

/** The pool table's rows as the report states them: boundary, window, then 11 figures. */
/** The rows of the pools table: unit, window start and end, then each figure cell (expired / forfeited split in two), then the volume test. */
function poolRows(html: string): string[][] {
  const rows = [...html.matchAll(/<tr><td><span class="nowrap">([^<]*)<\/span><br><span class="nowrap muted">([^<]*) to ([^<]*)<\/span><\/td>((?:<td class="num">[^<]*<\/td>){13})<td>([^<]*)<\/td><\/tr>/g)];
  return rows.map((m) => [m[1]!, m[2]!, m[3]!, ...[...m[4]!.matchAll(/<td class="num">([^<]*)<\/td>/g)].flatMap((c) => c[1]!.split(' / ')), m[5]!]);
}
const POOL_COLUMNS = ['stockCarriedIn', 'inputMass', 'averageEmissionFactor', 'lowestInputEmissionFactor', 'outputMass', 'creditsCarriedIn', 'creditsWithStock', 'creditsEarned', 'creditsUsed', 'closingBalance', 'creditsToStock', 'creditsExpired', 'creditsForfeited', 'overdraft'] as const;

const anyDeclaration = declarationArb({ withoutLedger: true });

describe('property 4: the report states the figures of the JSON result', () => {
  it('verdict, ruleset summaries, key figures, disclosure figures, credits by site, stacked outputs and fingerprints', async () => {
    await fc.assert(
      fc.asyncProperty(anyDeclaration, async (d) => {
        const { result, html } = await report(d);
        const findings = result.findings!;
        const shallFailed = findings.filter((f) => f.outcome === 'fail' && f.level === 'shall').length;
        const warnings = findings.filter((f) => f.outcome === 'fail' && f.level === 'should').length;
        const passed = warnings === 0 ? 'Overall verdict: pass.' : `Overall verdict: pass, with ${warnings} warning${warnings === 1 ? '' : 's'}.`;
        expect(html).toContain(result.verdict === 'pass' ? passed : `Overall verdict: fail. ${shallFailed} requirement(s) (shall rules) fail.`);
        for (const r of result.rulesets!) {
          const c = r.counts;
          expect(html).toContain(`<td><span class="badge ${r.verdict}">${r.verdict}</span></td>${cell(String(c.pass))}${cell(String(c.fail))}${cell(String(c.notApplicable))}${cell(String(c.cannotTell))}</tr>`);
          expect(html).toContain(r.sha256);
        }
        expect(html).toContain(result.declaration.sha256!);

        const ledger = result.metrics!.ledger;
        if (!ledger) {
          expect(html).toContain('The declaration has no ledger');
          expect(html).not.toContain('<h2>Key figures</h2>');
          return;
        }
        const t = ledger.totals;
        const figure = (label: string, value: string) => expect(html).toContain(`<tr><td>${esc(label)}</td>${cell(value)}`);
        figure('Baseline factor B', factor(ledger.baseline.emissionFactor));
        figure('Input mass', num(t.inputMass));
        figure('Input emissions', num(t.inputEmissions));
        figure('Average input factor', factor(t.averageEmissionFactor));
        figure('Lowest input factor', factor(t.lowestInputEmissionFactor));
        figure('Output mass M', num(t.outputMass));
        figure('Attributed emissions A', num(t.attributedEmissions));
        figure('Average attributed factor A / M', factor(t.averageAttributedEmissionFactor));
        figure('Credits earned', num(t.creditsEarned));
        figure('Credits used', num(t.creditsUsed));
        figure('Credits expired / forfeited', `${num(t.creditsExpired)} / ${num(t.creditsForfeited)}`);
        figure('Overdraft', num(ledger.balance.overdraft));
        figure('Low-carbon input share', t.lowCarbonInputShare === null ? 'n/a' : num(t.lowCarbonInputShare * 100, 2));
        figure('Claimed output share', t.claimedLowCarbonOutputShare === null ? 'n/a' : num(t.claimedLowCarbonOutputShare * 100, 2));
        figure('Stacked outputs', String(ledger.stacking.count));

        // The disclosure statement's figures.
        const basis = ledger.baseline.basis ? ` (${ledger.baseline.basis})` : '';
        expect(html).toContain(
          `Over the period, ${num(t.inputMass)} ${ledger.unit} of input entered at a physical average of ${factor(t.averageEmissionFactor)} tCO2e/t; ${pct(t.lowCarbonInputShare)} of it came by a lower-emission route than the plant's conventional one, or was flagged low-carbon; the baseline is ${factor(ledger.baseline.emissionFactor)} tCO2e/t${basis}.`,
        );
        const c = ledger.claim;
        expect(html).toContain(
          c.claimedOutputs > 0
            ? `${intl(c.claimedOutputs, 0)} output(s), ${pct(t.claimedLowCarbonOutputShare)} of the output mass, are sold under the claim: at least ${num(c.supportedReductionPercent, 2)}% below the baseline, and ${againstAverage(c.supportedReductionVsPoolAveragePercent)}.`
            : 'No output is sold under the claim.',
        );

        if (ledger.crossSite.multiSite) {
          const x = ledger.crossSite;
          // One text of the report's model, escaped as the template prints every value.
          expect(html).toContain(esc(`never netted over the period, ${num(x.creditsTransferred)} ${ledger.emissionsUnit} (${pct(x.transferShare)} of those used) came from other sites' credits, ${num(x.creditsTransferredWithoutPhysicalLink)} (${pct(x.withoutPhysicalLinkShare)}) from sites with no physical link`));
          expect(html).toContain(`in this ledger ${pct(x.transferShare)} of the credits used moved between sites, ${pct(x.withoutPhysicalLinkShare)} without a physical link`);
          for (const s of x.sites) expect(html).toContain(`<tr><td>${esc(s.site)}</td>${cell(num(s.creditsEarned))}${cell(num(s.creditsUsed))}${cell(num(s.creditsImported))}${cell(num(s.creditsImportedWithoutPhysicalLink))}</tr>`);
        }

        for (const s of ledger.stacking.outputs.slice(0, 50)) {
          expect(html).toContain(`<tr><td>${esc(s.outputId)}</td><td>${esc(s.pool)}</td>${cell(factor(s.emissionFactor))}${cell(factor(s.lowestInputEmissionFactor))}${cell(num(s.stackingFactor, 2))}</tr>`);
        }
        if (ledger.stacking.count === 0) expect(html).not.toContain('<p class="subhead">Stacked outputs</p>');
      }),
      { numRuns: RUNS.report },
    );
  });

  it('the credits-per-window table has one row per pool of the result, in its order, with its figures', async () => {
    await fc.assert(
      fc.asyncProperty(declarationArb(), async (d) => {
        const { result, html } = await report(d);
        const pools = result.metrics!.ledger!.pools;
        const rows = poolRows(html);
        expect(rows.map((r) => r.slice(0, 3))).toEqual(pools.map((p) => [esc(p.boundaryKey), p.window.start, p.window.end]));
        rows.forEach((row, k) => {
          const p = pools[k]!;
          expect(row.at(-1)).toBe(p.volumeHolds === null ? 'n/a' : p.volumeHolds ? 'backed' : 'short');
          POOL_COLUMNS.forEach((column, j) => {
            const value = p[column];
            // A figure the result gives as null is left to the next test; a factor to 4 decimals, the rest to 2.
            if (value !== null) expect({ pool: p.id, column, cell: row[3 + j] }).toEqual({ pool: p.id, column, cell: /EmissionFactor$/.test(column) ? factor(value) : num(value) });
          });
        });
      }),
      { numRuns: RUNS.report },
    );
  });

  it('a pool figure the result gives as null (no average, no lowest input) reads "n/a" in the table, as in the key figures', async () => {
    await fc.assert(
      fc.asyncProperty(declarationArb(), async (d) => {
        const { result, html } = await report(d);
        const pools = result.metrics!.ledger!.pools;
        poolRows(html).forEach((row, k) => {
          const p = pools[k]!;
          POOL_COLUMNS.forEach((column, j) => {
            if (p[column] === null) expect({ pool: p.id, column, cell: row[3 + j] }).toEqual({ pool: p.id, column, cell: 'n/a' });
          });
        });
      }),
      { numRuns: RUNS.report },
    );
  });

  it('every finding of an applicable ruleset is stated with its message; a ruleset that does not apply gets its one line', async () => {
    await fc.assert(
      fc.asyncProperty(anyDeclaration, async (d) => {
        const { result, html } = await report(d);
        for (const r of result.rulesets!) {
          const own = result.findings!.filter((f) => f.ruleset === r.id);
          if (r.verdict === 'not-applicable') {
            expect(html).toContain(`None of its ${own.length} rules applies to this declaration. ${esc(own[0]!.message)}`);
            continue;
          }
          for (const f of own) {
            expect(html).toContain(f.outcome === 'fail' || f.outcome === 'cannot-tell' ? `<div class="message">${esc(f.message)}</div>` : `<strong>${esc(f.ruleId)}</strong>`);
            expect(html).toContain(esc(f.message));
          }
        }
      }),
      { numRuns: RUNS.report },
    );
  });

  it('no figure reads "-0": not in the report, not in a finding message', async () => {
    await fc.assert(
      fc.asyncProperty(anyDeclaration, async (d) => {
        const { result, html } = await report(d);
        const negativeZero = /(?<![\w.:-])-0(?![.\d])/;
        const text = html.replace(/<svg[\s\S]*?<\/svg>/g, '');
        expect(text.match(new RegExp(`.{0,80}${negativeZero.source}.{0,20}`))?.[0] ?? null).toBeNull();
        for (const f of result.findings!) expect({ rule: f.ruleId, negativeZero: negativeZero.test(f.message) }).toEqual({ rule: f.ruleId, negativeZero: false });
      }),
      { numRuns: RUNS.report },
    );
  });

  it('formatNumber never writes "-0": a figure that rounds to zero reads 0', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(2, 4, 6), (x, digits) => {
        const text = formatNumber(x, digits);
        expect(Object.is(Number(text), -0)).toBe(false);
        expect(Math.abs(Number(text) - x)).toBeLessThanOrEqual(0.5 * 10 ** -digits * (1 + 1e-9) + Math.abs(x) * 1e-15);
      }),
      { numRuns: RUNS.cheap * 2 },
    );
  });
});
