// The report's view model: everything the templates show, from the result and its declaration, with the
// figures formatted once here (numbers.ts) so that the PDF and the HTML state the same numbers.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Declaration } from '../generated/declaration.js';
import { clearlyLess } from '../metrics/tolerance.js';
import { monthsOf } from '../metrics/windows.js';
import type { LedgerMetrics, Metrics } from '../metrics/types.js';
import { paths } from '../paths.js';
import type { CheckResult, Finding } from '../result.js';
import { loadSchema, schemaAt, type JsonSchema } from '../schemas.js';
import { outputsChart, windowsChart } from './charts.js';
import { figure, percentOf, ROUNDING_STATEMENT } from './numbers.js';
import type { ReportVerifier } from './verifier.js';
import type { AttestationView } from '../attest/forReport.js';

interface ProfileOption {
  value: string;
  label: string;
  integrity: 'higher' | 'medium' | 'lower';
  note: string;
}
interface ProfileDecision {
  decision: number;
  name: string;
  question: string;
  options: ProfileOption[];
}

let profileCatalogue: ProfileDecision[] | undefined;
function methodProfileCatalogue(): ProfileDecision[] {
  return (profileCatalogue ??= (JSON.parse(readFileSync(join(paths.templates, 'report', 'method-profile.json'), 'utf8')) as { decisions: ProfileDecision[] }).decisions);
}

const levelRank = { shall: 0, should: 1, may: 2 } as const;
const outcomeRank = { fail: 0, 'cannot-tell': 1, pass: 2, 'not-applicable': 3 } as const;

/** The declared option at each decision, as the catalogue names it. */
function chosenOptions(d: Declaration): Record<number, string> {
  const months = monthsOf(d.method.temporalBoundary.balancingPeriod);
  const reporting = d.method.reporting;
  return {
    1: d.method.inputBoundary.control,
    2: months === null || months > 12 ? 'long' : months > 3 ? 'medium' : 'short',
    3: d.method.transferBoundary.level,
    4: d.method.allocation.basis,
    5: d.method.attribution.proportional ? 'proportional' : 'non-proportional',
    6: d.method.stacking.allowed ? 'allowed' : 'not-allowed',
    7: reporting.instrument === 'certificate' ? (reporting.certificate?.bundled ? 'certificate-bundled' : 'certificate-unbundled') : 'emission-factor',
  };
}

function periodInWords(months: number | null): string {
  if (months === null) return 'period';
  if (months % 12 === 0) return months === 12 ? 'year' : `${months / 12} years`;
  return months === 1 ? 'month' : `${months} months`;
}

const yesNo = (value: boolean | undefined, yes: string, no: string, unknown = 'not declared') => (value === undefined ? unknown : value ? yes : no);

/** What the declaration says at each decision, in a few words. */
function declaredDetails(d: Declaration): Record<number, string> {
  const { inputBoundary, temporalBoundary, transferBoundary, allocation, attribution, stacking, reporting } = d.method;
  const carry = temporalBoundary.carryOver;
  return {
    1: inputBoundary.control === 'benchmark'
      ? `benchmark: at most ${figure(inputBoundary.benchmark?.maxEmissionFactor, 'factor')} tCO2e/t${inputBoundary.benchmark?.source ? ` (${inputBoundary.benchmark.source})` : ''}`
      : inputBoundary.control === 'certification' ? `certification: ${inputBoundary.certification?.scheme ?? ''}` : 'no criteria',
    2: `balancing period ${temporalBoundary.balancingPeriod ?? 'not declared (the whole period)'}; carry-over ${carry ? (carry.allowed ? `allowed${carry.maxPeriods ? ` for ${carry.maxPeriods} period(s)` : ', without limit'}` : 'not allowed') : 'not declared'}; negative balance within a period ${yesNo(temporalBoundary.negativeBalanceAllowed, 'allowed', 'not allowed')}`,
    3: `${transferBoundary.level}; ${(transferBoundary.sites ?? []).length} site(s): ${(transferBoundary.sites ?? []).map((s) => `${s.id} (${s.country})`).join(', ') || 'none declared'}`,
    4: `${allocation.basis}${allocation.productGroups?.length ? `; groups ${allocation.productGroups.map((g) => `${g.id} ${percentOf(g.share)}`).join(', ')}` : '; no product groups'}`,
    5: `${attribution.model === 'credit' ? 'credit method' : 'rolling average percentage method'}, ${attribution.proportional ? 'proportional' : 'non-proportional'}`,
    6: stacking.allowed ? 'allowed' : 'not allowed',
    7: `${reporting.instrument === 'certificate' ? `certificate, ${reporting.certificate?.bundled ? 'bundled' : 'unbundled'}${reporting.certificate?.registry ? `, registry ${reporting.certificate.registry}` : ''}` : 'updated emission factor'}; inventories: ${(reporting.inventories ?? []).join(', ') || 'not declared'}`,
  };
}

export interface FindingView extends Finding {
  decisionLabel: string;
  outcomeClass: string;
  /** What the outcome means at the rule's level: a should rule that fails warns, a may rule notes; only shall fails. */
  outcomeLabel: string;
}

function outcomeOf(f: Finding): { outcomeClass: string; outcomeLabel: string } {
  if (f.outcome === 'fail' && f.waiver) return { outcomeClass: 'waived', outcomeLabel: 'fail, waived' };
  if (f.outcome !== 'fail' || f.level === 'shall') return { outcomeClass: f.outcome, outcomeLabel: f.outcome };
  return f.level === 'should' ? { outcomeClass: 'warning', outcomeLabel: 'warning' } : { outcomeClass: 'note', outcomeLabel: 'note' };
}

function viewOf(f: Finding): FindingView {
  return { ...f, decisionLabel: f.decision === null ? 'outside the seven decisions' : `decision ${f.decision}`, ...outcomeOf(f) };
}

function bySeriousness(a: Finding, b: Finding): number {
  return outcomeRank[a.outcome] - outcomeRank[b.outcome] || levelRank[a.level] - levelRank[b.level];
}

interface FigureRow {
  label: string;
  value: string;
  unit: string;
  how: string;
}

/** The unit a figure's description ends with (schemas/metrics.schema.json): the table states it in its own column. */
const UNIT_CLAUSE = /,? (?:in (?:tCO2e\/t|ledger\.unit|emissionsUnit|%)|a count|a share from 0 to 1|a ratio)\.$/;

const howTexts = new Map<string, string>();
/**
 * How a figure is computed, in the words of its description in schemas/metrics.schema.json (read once, from the
 * package): the table explains the figures as the contract the rules read them by does.
 */
function howOf(path: string): string {
  let how = howTexts.get(path);
  if (how === undefined) {
    const schema = loadSchema('metrics.schema.json') as JsonSchema & { $defs: Record<string, JsonSchema> };
    const description = schemaAt(schema, path.split('.'), schema.$defs)?.description;
    if (!description) throw new Error(`schemas/metrics.schema.json describes no figure metrics.${path}`);
    // The report goes to a client: the schema's pointers into the project's own documents stay in the schema.
    how = description.replace(UNIT_CLAUSE, '').replace(/ \(docs\/books\.md[^)]*\)/g, '').replace(/\.$/, '');
    howTexts.set(path, how);
  }
  return how;
}

function keyFigures(ledger: LedgerMetrics): FigureRow[] {
  const t = ledger.totals;
  const e = ledger.emissionsUnit;
  const pct = (v: number | null) => (v === null ? 'n/a' : figure(v * 100, 'percent'));
  const factor = (v: number | null) => figure(v, 'factor');
  const amount = (v: number | null) => figure(v, 'amount');
  return [
    { label: 'Baseline factor B', value: factor(ledger.baseline.emissionFactor), unit: 'tCO2e/t', how: howOf('ledger.baseline.emissionFactor') },
    { label: 'Input mass', value: amount(t.inputMass), unit: ledger.unit, how: howOf('ledger.totals.inputMass') },
    { label: 'Input emissions', value: amount(t.inputEmissions), unit: e, how: howOf('ledger.totals.inputEmissions') },
    { label: 'Average input factor', value: factor(t.averageEmissionFactor), unit: 'tCO2e/t', how: howOf('ledger.totals.averageEmissionFactor') },
    { label: 'Lowest input factor', value: factor(t.lowestInputEmissionFactor), unit: 'tCO2e/t', how: howOf('ledger.totals.lowestInputEmissionFactor') },
    { label: 'Output mass M', value: amount(t.outputMass), unit: ledger.unit, how: howOf('ledger.totals.outputMass') },
    { label: 'Attributed emissions A', value: amount(t.attributedEmissions), unit: e, how: howOf('ledger.totals.attributedEmissions') },
    { label: 'Average attributed factor A / M', value: factor(t.averageAttributedEmissionFactor), unit: 'tCO2e/t', how: howOf('ledger.totals.averageAttributedEmissionFactor') },
    { label: 'Credits earned', value: amount(t.creditsEarned), unit: e, how: howOf('ledger.totals.creditsEarned') },
    { label: 'Credits used', value: amount(t.creditsUsed), unit: e, how: howOf('ledger.totals.creditsUsed') },
    { label: 'Credits expired / forfeited', value: `${amount(t.creditsExpired)} / ${amount(t.creditsForfeited)}`, unit: e, how: `${howOf('ledger.totals.creditsExpired')} / ${howOf('ledger.totals.creditsForfeited')}` },
    { label: 'Overdraft', value: amount(ledger.balance.overdraft), unit: e, how: howOf('ledger.balance.overdraft') },
    { label: 'Low-carbon input share', value: pct(t.lowCarbonInputShare), unit: '%', how: howOf('ledger.totals.lowCarbonInputShare') },
    { label: 'Claimed output share', value: pct(t.claimedLowCarbonOutputShare), unit: '%', how: howOf('ledger.totals.claimedLowCarbonOutputShare') },
    { label: 'Stacked outputs', value: figure(ledger.stacking.count, 'count'), unit: '', how: howOf('ledger.stacking.count') },
  ];
}

export interface ReportOptions {
  /** The date the report is issued; defaults to the result's as-of date. */
  date?: string;
  /** The verifier's block, which replaces the blank signature lines. */
  verifier?: ReportVerifier;
  /** The signed attestation of this very check (report --attestation), printed on the verification page. */
  attestation?: AttestationView;
}

/**
 * The claimed outputs against their pools' physical average, in words that stay true at the edges: no pool with
 * an average above zero to compare with, or a claimed output above its pool's average (a negative reduction).
 */
export function againstPoolAverage(leastReductionPercent: number | null): string {
  if (leastReductionPercent === null) return 'none of their pools has a physical average above zero to compare them with';
  if (leastReductionPercent < 0) return `the least reduced of them is ${figure(-leastReductionPercent, 'percent')}% above its pool's physical average`;
  return `at least ${figure(leastReductionPercent, 'percent')}% below the physical pool average`;
}

const WHERE: Record<string, string> = { label: 'its label', wording: 'its wording', reductionPercent: 'its stated reductionPercent', declared: 'claim.physicalFootprint' };
const quote = (text: string) => `“${text}”`;

/**
 * What the claim says and what the books show of it, in a buyer's words: the claim's kind as the claim reader
 * reads it, the mentions it set apart, the claimed outputs' reduction against both references, and the
 * physical footprint beside the claimed one.
 */
export function claimStatement(metrics: Metrics): string[] {
  const reading = metrics.claimReading;
  const sentences: string[] = [];
  if (!reading.stated) return ['The declaration makes no claim: no label, wording or reduction percentage.'];
  if (reading.fullReduction && reading.fullReductionBy) sentences.push(`The claim presents the product as fully reduced (${quote(reading.fullReductionBy.text)}, in ${WHERE[reading.fullReductionBy.source]}).`);
  else if (reading.statedPercent !== null) {
    const found = reading.percentages.map((p) => `${figure(p.value, 'percent')}% in ${WHERE[p.source]}${p.upTo ? ', as a maximum' : ''}`);
    sentences.push(`The claim states a reduction of ${figure(reading.statedPercent, 'percent')}% (${found.join('; ')}).`);
  } else if (reading.kind === 'factor') sentences.push(`The claim states a factor (${reading.factors.filter((f) => !f.physical).map((f) => `${figure(f.value, 'factor')} tCO2e/t`).join(', ')}) and no reduction percentage.`);
  else sentences.push('The claim states no figure: it is a label only.');
  for (const mention of reading.mentions.slice(0, 3)) {
    const why = mention.reason === 'negated' ? 'is negated' : mention.reason === 'target' ? 'is a target, not a statement about this product' : mention.reason === 'qualified' ? 'is qualified as less than full' : 'is about something other than the product\'s emissions';
    sentences.push(`It mentions ${quote(mention.text)}, which ${why}.`);
  }
  const ledger = metrics.ledger;
  if (!ledger) return sentences;
  const c = ledger.claim;
  if (reading.fullReduction && c.claimedOutputs > 0) {
    const z = c.fullReduction;
    if (z.claimedAboveZero > 0) sentences.push(`But ${z.claimedAboveZero} of the ${c.claimedOutputs} output(s) sold under it are not at zero.`);
    if (z.poolsShort > 0 && z.worst) sentences.push(`${z.claimedAboveZero > 0 ? 'And z' : 'But z'}ero-emission input does not cover the outputs at zero tonne for tonne: in pool ${z.worst.pool} they use ${figure(z.worst.zeroOutputCredits)} ${ledger.emissionsUnit} of credits, while its zero-emission input earned ${figure(z.worst.zeroInputCredits)}.`);
    if (z.claimedAboveZero === 0 && z.poolsShort === 0) sentences.push('Every output sold under it is at zero, covered tonne for tonne by zero-emission input.');
  } else if (c.claimedOutputs > 0 && reading.statedPercent !== null) {
    const againstBaseline = !clearlyLess(c.supportedReductionPercent, reading.statedPercent);
    sentences.push(
      c.reductionSupported
        ? `Every output sold under it is at least ${figure(c.supportedReductionPercent, 'percent')}% below the baseline, which supports the ${figure(reading.statedPercent, 'percent')}% stated.`
        : againstBaseline && reading.statedPercentVsAverage !== null
          ? `Every output sold under it is at least ${figure(c.supportedReductionPercent, 'percent')}% below the baseline, but only ${figure(c.supportedReductionVsPoolAveragePercent, 'percent')}% below its pool's physical average: the ${figure(reading.statedPercentVsAverage, 'percent')}% stated against that average is not supported.`
          : `The least reduced output sold under it is only ${figure(c.supportedReductionPercent, 'percent')}% below the baseline: the ${figure(reading.statedPercent, 'percent')}% stated is not supported.`,
    );
  }
  const f = c.physicalFootprint;
  if (f.comparedWith !== null) {
    const whose = f.comparedWith === 'claimed outputs' ? 'the claimed outputs' : 'the outputs (none is singled out as claimed)';
    const range = f.highestPoolAverage === f.lowestPoolAverage ? '' : ` (from ${figure(f.lowestPoolAverage, 'factor')} to ${figure(f.highestPoolAverage, 'factor')} across their pools)`;
    const physical = `What ${whose} physically carry, their pools' average with the stock, is ${figure(f.averageOfCompared, 'factor')} tCO2e/t${range}`;
    sentences.push(
      f.stated === null
        ? `${physical}; the claim does not disclose it.`
        : `${physical}; the claim discloses ${figure(f.stated, 'factor')} tCO2e/t (${WHERE[f.source ?? 'declared'] ?? f.source})${f.understated ? `, and its ${figure(f.understatedFigure, 'factor')} tCO2e/t is below the ${figure(f.understatedAgainst, 'factor')} their pools average: it understates what buyers physically get` : ''}.`,
    );
  }
  return sentences;
}

/**
 * What a pool is and how its row reconciles, in one text for the report and the workbench, which both print it
 * beside the books pool by pool.
 */
function poolsExplanation(declaration: Declaration, ledger: LedgerMetrics, tolerance: string | undefined): string {
  return `A pool is one unit of the transfer boundary (${declaration.method.transferBoundary.level}) in one balancing window. It holds the stock carried in, at the previous pool's average, and its inputs; its average includes the stock, and what its outputs leave is the next pool's stock. Credits are reductions against the baseline, kept as lots that remember the input, site, window and factor they came from: they are used oldest first; at the close the stock takes its own share of what is left, the rest is carried over (until it expires) or forfeited. Each row reconciles: closing = carried in + with the stock + earned − used. The lowest factor is the lowest that entered the pool (its inputs, its stock at the blended factor, its credits at their origin); the volume column says whether the reductions the outputs carry below any factor are backed by as much reduction of what entered below it. Masses in ${ledger.unit}, factors in tCO2e/t, credits and emissions in ${ledger.emissionsUnit}. Tolerance: ${tolerance ?? ''}.`;
}

/** How credits moved between the sites of a multi-site pool, for the report and the workbench alike. */
function crossSiteExplanation(ledger: LedgerMetrics): string {
  const c = ledger.crossSite;
  return `In a multi-site pool a reduction earned at one site may be claimed at another. Each site uses its own credits first, then those of sites physically connected to it, then any; counted window by window, never netted over the period, ${figure(c.creditsTransferred)} ${ledger.emissionsUnit} (${percentOf(c.transferShare)} of those used) came from other sites' credits, ${figure(c.creditsTransferredWithoutPhysicalLink)} (${percentOf(c.withoutPhysicalLinkShare)}) from sites with no physical link.`;
}

export function buildReportModel(result: CheckResult, declaration: Declaration, options: ReportOptions = {}) {
  const findings = (result.findings ?? []).map(viewOf);
  const ledger = result.metrics?.ledger ?? null;
  const chosen = chosenOptions(declaration);
  const details = declaredDetails(declaration);
  const methodProfile = methodProfileCatalogue().map((d) => ({
    ...d,
    declared: details[d.decision],
    options: d.options.map((o) => ({ ...o, chosen: o.value === chosen[d.decision] })),
    failing: findings.filter((f) => f.decision === d.decision && f.outcome === 'fail' && f.level === 'shall').map((f) => f.ruleId),
    warning: findings.filter((f) => f.decision === d.decision && f.outcome === 'fail' && f.level !== 'shall').map((f) => f.ruleId),
  }));
  const rulesets = (result.rulesets ?? []).map((r) => ({
    ...r,
    findings: findings.filter((f) => f.ruleset === r.id),
    failed: findings.filter((f) => f.ruleset === r.id && f.outcome === 'fail').sort(bySeriousness),
    cannotTell: findings.filter((f) => f.ruleset === r.id && f.outcome === 'cannot-tell'),
    passed: findings.filter((f) => f.ruleset === r.id && f.outcome === 'pass'),
    notApplicable: findings.filter((f) => f.ruleset === r.id && f.outcome === 'not-applicable'),
  }));
  const claimedOutputs = ledger?.outputs.filter((o) => o.claimed) ?? [];
  const lowestClaimed = claimedOutputs.reduce<number | null>((min, o) => (min === null || o.emissionFactor < min ? o.emissionFactor : min), null);
  const reporting = declaration.method.reporting;
  return {
    title: `Mass-balance compliance and disclosure report: ${declaration.title}`,
    date: options.date ?? result.asOf ?? new Date().toISOString().slice(0, 10),
    tool: result.tool,
    verdict: result.verdict,
    declaration: {
      ...declaration,
      // The file by its name: the folder it was read from is the checker's, and the sha256 identifies the file.
      source: basename(result.declaration.source),
      sha256: result.declaration.sha256,
      files: result.declaration.files ?? [],
      hasLedger: ledger !== null,
    },
    isoModel: declaration.method.attribution.model === 'credit' ? 'credit method' : 'rolling average percentage method',
    rulesets,
    counts: {
      fail: findings.filter((f) => f.outcome === 'fail').length,
      shallFail: findings.filter((f) => f.outcome === 'fail' && f.level === 'shall' && !f.waiver).length,
      warnings: findings.filter((f) => f.outcome === 'fail' && f.level === 'should').length,
      notes: findings.filter((f) => f.outcome === 'fail' && f.level === 'may').length,
      cannotTell: findings.filter((f) => f.outcome === 'cannot-tell').length,
    },
    // Every waiver given, with what became of it: a verifier's judgements belong in the document they sign.
    waivers: result.waivers ?? [],
    topFindings: findings.filter((f) => f.outcome === 'fail' || f.outcome === 'cannot-tell').sort(bySeriousness).slice(0, 3),
    // Every failure still to be mended, requirements first: a waived one is settled, so it is not on the list.
    fixFirst: findings.filter((f) => f.outcome === 'fail' && !f.waiver).sort((a, b) => levelRank[a.level] - levelRank[b.level]),
    methodProfile,
    ledger: ledger && {
      ...ledger,
      figures: keyFigures(ledger),
      poolsExplanation: poolsExplanation(declaration, ledger, result.metrics?.tolerance?.statement),
      crossSiteExplanation: crossSiteExplanation(ledger),
      windowsChart: windowsChart(ledger),
      outputsChart: outputsChart(ledger),
      pools: ledger.pools.map((p) => ({
        ...p,
        fmt: Object.fromEntries(Object.entries(p).map(([k, v]) => [k, typeof v === 'number' || v === null ? figure(v, /EmissionFactor$/.test(k) ? 'factor' : 'amount') : v])),
        volume: p.volumeHolds === null ? 'n/a' : p.volumeHolds ? 'backed' : 'short',
      })),
      stackedOutputs: ledger.stacking.outputs.slice(0, 50),
      claim: {
        ...ledger.claim,
        lowestClaimedFactor: lowestClaimed,
        reductionVsBaseline: figure(ledger.claim.supportedReductionPercent, 'percent'),
        againstPoolAverage: againstPoolAverage(ledger.claim.supportedReductionVsPoolAveragePercent),
      },
    },
    disclosure: {
      claim: result.metrics ? claimStatement(result.metrics) : [],
      chosen,
      balancingPeriodWords: periodInWords(monthsOf(declaration.method.temporalBoundary.balancingPeriod)),
      sites: declaration.method.transferBoundary.sites ?? [],
      decisionsDisclosed: reporting.disclosure?.decisionsDisclosed ?? [],
      publishedUrl: reporting.disclosure?.published ? reporting.disclosure.url : undefined,
    },
    verification: reporting.verification,
    // The opinion's paragraphs, each escaped by the template as it is printed.
    verifier: options.verifier && { ...options.verifier, paragraphs: options.verifier.opinion.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean) },
    attestation: options.attestation && { ...options.attestation, formatName: options.attestation.format === 'dcc' ? 'a Digital Conformity Credential, eddsa-jcs-2022 proof' : 'an in-toto Statement in a DSSE envelope, Ed25519' },
    tolerance: result.metrics?.tolerance,
    rounding: ROUNDING_STATEMENT,
  };
}

export type ReportModel = ReturnType<typeof buildReportModel>;
