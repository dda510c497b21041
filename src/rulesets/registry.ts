// The rulesets available: discovers rulesets/<id>/<version>.json, resolves id, id@version or a file path
// against the date of --as-of, and selects the ones that apply to a declaration.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { sameCommodity } from '../commodities.js';
import type { Declaration } from '../generated/declaration.js';
import { MbcheckError } from '../errors.js';
import { clipped, quoted } from '../quoting.js';
import { paths } from '../paths.js';
import { loadRulesetFile, type LoadedRuleset } from './load.js';

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

export function inForceOn(loaded: LoadedRuleset, date: string): boolean {
  const { from, until } = loaded.ruleset.inForce;
  return from <= date && (until === undefined || date < until);
}

/**
 * A listed commodity covers the declaration's however either is written (src/commodities.ts): an EUDR commodity
 * by any of its names, products or HS headings ("Cocoa", "cocoa-beans", "HS 1801"), any other one by its words
 * regardless of case, spaces, hyphens and plurals ("Crude Steel" for crude-steel).
 */
export function appliesTo(loaded: LoadedRuleset, declaration: Pick<Declaration, 'sector' | 'commodity'>): boolean {
  const { sectors, commodities } = loaded.ruleset.appliesTo;
  return (!sectors || sectors.includes(declaration.sector)) && (!commodities || commodities.some((listed) => sameCommodity(listed, declaration.commodity)));
}

function looksLikePath(spec: string): boolean {
  return spec.endsWith('.json') || spec.includes('/') || spec.includes('\\');
}

export class RulesetRegistry {
  private readonly byId = new Map<string, LoadedRuleset[]>();

  constructor(rulesets: LoadedRuleset[]) {
    for (const loaded of rulesets) {
      const versions = this.byId.get(loaded.ruleset.id) ?? [];
      if (versions.some((v) => v.ruleset.version === loaded.ruleset.version)) {
        throw new MbcheckError('ruleset-duplicate', `${loaded.file}: ${loaded.ruleset.id}@${loaded.ruleset.version} is defined twice`, 'internal');
      }
      versions.push(loaded);
      versions.sort((a, b) => compareVersions(b.ruleset.version, a.ruleset.version));
      this.byId.set(loaded.ruleset.id, versions);
    }
  }

  /** Loads every rulesets/<id>/<version>.json under a directory (by default the package's own). */
  static fromDirectory(directory = paths.rulesets): RulesetRegistry {
    const loaded: LoadedRuleset[] = [];
    if (existsSync(directory)) {
      for (const entry of readdirSync(directory, { withFileTypes: true }).filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
        for (const file of readdirSync(join(directory, entry.name)).filter((f) => /^\d+\.\d+\.\d+\.json$/.test(f))) {
          const one = loadRulesetFile(join(directory, entry.name, file), undefined, { shipped: directory === paths.rulesets });
          if (one.ruleset.id !== entry.name || `${one.ruleset.version}.json` !== file) {
            throw new MbcheckError('ruleset-misplaced', `${one.file}: declares ${one.ruleset.id}@${one.ruleset.version} but lives at ${entry.name}/${file}`, 'internal');
          }
          loaded.push(one);
        }
      }
    }
    return new RulesetRegistry(loaded);
  }

  /** A ruleset of one's own may extend a bundled one (id or id@version) or another file, relative to itself. */
  private baseResolver(asOf: string, depth = 0): (spec: string, fromFile: string) => LoadedRuleset {
    return (spec, fromFile) => {
      if (depth > 8) throw new MbcheckError('ruleset-invalid', `${fromFile}: extends more than 8 levels deep (a cycle?)`);
      return looksLikePath(spec) ? loadRulesetFile(resolve(dirname(fromFile), spec), this.baseResolver(asOf, depth + 1)) : this.resolve(spec, asOf);
    };
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  /** Every version of every ruleset, newest version first within an id. */
  all(): LoadedRuleset[] {
    return [...this.byId.values()].flat();
  }

  versionsOf(id: string): LoadedRuleset[] {
    return this.byId.get(id) ?? [];
  }

  /** The base a ruleset in `fromFile` extends, as loading it would find it (lint uses this). */
  resolveBase(spec: string, fromFile: string, asOf: string): LoadedRuleset {
    return this.baseResolver(asOf)(spec, fromFile);
  }

  /**
   * `id` (newest version in force on asOf), `id@version` (that version), or a path to a ruleset file. `pinWith` is
   * how the caller pins a version, named when none is in force (the command line's option by default).
   */
  resolve(spec: string, asOf: string, pinWith: (id: string) => string = (id) => `--ruleset ${id}@VERSION`): LoadedRuleset {
    if (looksLikePath(spec)) return loadRulesetFile(resolve(spec), this.baseResolver(asOf));
    const [id, version] = spec.split('@') as [string, string | undefined];
    const versions = this.byId.get(id);
    if (!versions) {
      throw new MbcheckError('unknown-ruleset', `unknown ruleset ${quoted(id)}; available: ${this.ids().join(', ')} (or a path to a ruleset .json file)`);
    }
    if (version !== undefined) {
      const pinned = versions.find((v) => v.ruleset.version === version);
      if (!pinned) throw new MbcheckError('unknown-ruleset-version', `ruleset ${id} has no version ${clipped(version)}; versions: ${versions.map((v) => v.ruleset.version).join(', ')}`);
      return pinned;
    }
    const current = versions.find((v) => inForceOn(v, asOf));
    if (!current) {
      const spans = versions.map((v) => `${v.ruleset.version} (${v.ruleset.inForce.from} to ${v.ruleset.inForce.until ?? 'now'})`);
      throw new MbcheckError('no-ruleset-in-force', `ruleset ${id} has no version in force on ${asOf}; versions: ${spans.join(', ')}; pin one with ${pinWith(id)}`);
    }
    return current;
  }

  /**
   * Without --ruleset: the newest version in force of every ruleset. Those that do not apply to the
   * declaration's sector or commodity are still listed, as not-applicable, so a reader sees they were considered.
   */
  inForce(asOf: string): LoadedRuleset[] {
    return [...this.byId.values()].map((versions) => versions.find((v) => inForceOn(v, asOf))).filter((v): v is LoadedRuleset => v !== undefined);
  }
}

let bundled: RulesetRegistry | undefined;
/** The package's own rulesets, loaded once per process. */
export function bundledRegistry(): RulesetRegistry {
  return (bundled ??= RulesetRegistry.fromDirectory());
}
