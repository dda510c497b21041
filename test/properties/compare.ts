// Comparing results for the order-independence properties: a deep diff that lists the paths that differ (so a
// failure says where), with numbers compared to within float noise, and the canonical form of a result's metrics.
import type { Declaration } from '../../src/generated/declaration.js';
import type { LedgerMetrics, Metrics } from '../../src/metrics/types.js';
import { permute, reverseKeys } from './arbitraries.js';

/**
 * Float noise: summing the same lines in another order changes the last bits of a sum, and a difference of two
 * nearly equal sums (unattributedEmissions = M x average - A) keeps that noise after tidy(). 1e-9 of the larger
 * magnitude (absolute below 1) is a thousand times tighter than the project's own tolerance of 1e-6.
 */
export const NOISE = 1e-9;

export function differences(a: unknown, b: unknown, tolerance = 0, path = '$', out: string[] = []): string[] {
  if (Object.is(a, b)) return out;
  if (typeof a === 'number' && typeof b === 'number') {
    if (Math.abs(a - b) > tolerance * Math.max(Math.abs(a), Math.abs(b), 1)) out.push(`${path}: ${a} vs ${b}`);
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path}: length ${a.length} vs ${b.length}`);
    a.forEach((v, k) => differences(v, b[k], tolerance, `${path}[${k}]`, out));
    return out;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      differences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], tolerance, `${path}.${key}`, out);
    }
    return out;
  }
  out.push(`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  return out;
}

export interface Shuffle {
  inputs: number[];
  outputs: number[];
  sites: number[];
  reverseKeys: boolean;
}

/** The same declaration with its ledger lines, sites and (optionally) every object's keys in another order. */
export function shuffled(d: Declaration, s: Shuffle): Declaration {
  const sites = d.method.transferBoundary.sites ?? [];
  const out: Declaration = {
    ...d,
    method: {
      ...d.method,
      transferBoundary: {
        ...d.method.transferBoundary,
        sites: permute(sites, s.sites).map((site) => (site.connectedTo ? { ...site, connectedTo: [...site.connectedTo].reverse() } : site)),
      },
    },
    ...(d.ledger ? { ledger: { ...d.ledger, inputs: permute(d.ledger.inputs, s.inputs) as typeof d.ledger.inputs, outputs: permute(d.ledger.outputs, s.outputs) } } : {}),
  };
  return s.reverseKeys ? (reverseKeys(out) as Declaration) : out;
}

/**
 * The examples a result names: "the worst X" and "the first X". Among ties the metrics keep the first one met,
 * so which line is named depends on the order of the lines; origin.firstMissing and origin.firstIncomplete are
 * documented as "the first input (in ledger order)".
 */
export const EXAMPLE_PATHS = [
  'balance.worstOverdraft',
  'balance.worstRunningBalance',
  'balance.worstBeyondCarryOverRules',
  'massBalance.worst',
  'stacking.worst',
  'proportionality.worst',
  'allocation.worst',
  'inputs.lowestReducingInput',
  'inputs.benchmark.worst',
  'claim.worstClaimedPool',
  'certificates.alsoInFactorExample',
] as const;
export const LEDGER_ORDER_PATHS = ['origin.firstIncomplete', 'origin.firstMissing'] as const;

function at(ledger: LedgerMetrics, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node === null || node === undefined ? node : (node as Record<string, unknown>)[key]), ledger);
}
function drop(ledger: LedgerMetrics, path: string): void {
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce<unknown>((node, key) => (node === null || node === undefined ? node : (node as Record<string, unknown>)[key]), ledger);
  if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[keys.at(-1)!];
}

export function examplesOf(metrics: Metrics): Record<string, unknown> {
  const ledger = metrics.ledger;
  return ledger ? Object.fromEntries(EXAMPLE_PATHS.map((p) => [p, at(ledger, p)])) : {};
}

/** The figures of a result's metrics: lists sorted by id (they follow first appearance in the ledger), examples left out. */
export function canonicalFigures(metrics: Metrics): Metrics {
  const m = structuredClone(metrics);
  const l = m.ledger;
  if (l) {
    l.pools.sort((a, b) => a.id.localeCompare(b.id));
    l.outputs.sort((a, b) => a.id.localeCompare(b.id));
    l.stacking.outputs.sort((a, b) => a.outputId.localeCompare(b.outputId));
    l.crossSite.sites.sort((a, b) => a.site.localeCompare(b.site));
    l.certificates.duplicateIds.sort();
    for (const p of [...EXAMPLE_PATHS, ...LEDGER_ORDER_PATHS]) drop(l, p);
  }
  return m;
}
