// Comparing results for the order-independence properties: a deep diff that lists the paths that differ (so a
// failure says where), and the examples a result names.
import type { Declaration } from '../../src/generated/declaration.js';
import type { LedgerMetrics, Metrics } from '../../src/metrics/types.js';
import { permute, reverseKeys } from './arbitraries.js';

export function differences(a: unknown, b: unknown, path = '$', out: string[] = []): string[] {
  if (Object.is(a, b)) return out;
  if (typeof a === 'number' && typeof b === 'number') {
    out.push(`${path}: ${a} vs ${b}`);
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path}: length ${a.length} vs ${b.length}`);
    a.forEach((v, k) => differences(v, b[k], `${path}[${k}]`, out));
    return out;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      differences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`, out);
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

/** The examples a result names: "the worst X" and "the first X" (among ties, the smallest id). */
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
  'origin.firstIncomplete',
  'origin.firstMissing',
] as const;

function at(ledger: LedgerMetrics, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node === null || node === undefined ? node : (node as Record<string, unknown>)[key]), ledger);
}
export function examplesOf(metrics: Metrics): Record<string, unknown> {
  const ledger = metrics.ledger;
  return ledger ? Object.fromEntries(EXAMPLE_PATHS.map((p) => [p, at(ledger, p)])) : {};
}
