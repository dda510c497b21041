// The derived figures of a declaration (docs/books.md): the `metrics` of a result and a fact for the rules.
// Their shape, units and meaning are schemas/metrics.schema.json; the types are generated from it (npm run gen:types).
export type {
  BalancingWindow,
  Connectivity,
  GroupAllocation,
  LedgerMetrics,
  Metrics,
  OutputMetrics,
  PoolGroupAllocation,
  PoolMetrics,
  SiteFlows,
  StackedOutput,
  VolumeShortfall,
} from '../generated/metrics.js';
