// Physical connectivity between declared sites: which sites form connected groups (links count both ways).
import type { Site } from '../generated/declaration.js';
import type { Connectivity } from '../generated/metrics.js';

export type { Connectivity };

export function siteComponents(sites: readonly Site[]): string[][] {
  const parent = new Map<string, string>(sites.map((s) => [s.id, s.id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  for (const site of sites) {
    for (const other of site.connectedTo ?? []) {
      if (parent.has(other)) parent.set(find(site.id), find(other));
    }
  }
  const groups = new Map<string, string[]>();
  for (const site of sites) {
    const root = find(site.id);
    groups.set(root, [...(groups.get(root) ?? []), site.id]);
  }
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => b.length - a.length || a[0]!.localeCompare(b[0]!));
}

export function connectivityOf(level: Connectivity['level'], sites: readonly Site[]): Connectivity {
  const components = siteComponents(sites);
  return { level, sites: sites.length, components, connected: components.length <= 1 };
}
