// SARIF 2.1.0 for code-scanning dashboards: one run, a result per failing finding and per validation problem.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { placeOf, type Located, type ValidationError } from '../declaration/problems.js';
import type { FindingPlace } from '../findingPlaces.js';
import { paths } from '../paths.js';
import type { CheckResult, Finding, Level } from '../result.js';
import { tool } from '../version.js';
import type { FormatOptions } from './types.js';

// The subset of SARIF 2.1.0 written here; test/format/sarif.test.ts holds it to the published schema.
type SarifLevel = 'error' | 'warning' | 'note';
interface Message { text: string }
interface Region { startLine: number; startColumn?: number }
interface ArtifactLocation { uri?: string; index: number }
interface Location {
  id?: number;
  physicalLocation?: { artifactLocation: ArtifactLocation; region?: Region };
  logicalLocations?: Array<{ fullyQualifiedName: string }>;
  message?: Message;
}
interface ReportingDescriptor {
  id: string;
  name: string;
  shortDescription: Message;
  fullDescription: Message;
  help: Message;
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties: Record<string, unknown>;
}
interface Suppression {
  kind: 'external';
  status: 'accepted';
  justification: string;
  properties?: Record<string, unknown>;
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: Message;
  locations: Location[];
  relatedLocations?: Location[];
  suppressions?: Suppression[];
  properties?: Record<string, unknown>;
}
interface Artifact {
  location?: { uri: string };
  description?: Message;
  roles: Array<'analysisTarget' | 'standardStream'>;
  hashes?: { 'sha-256': string };
  properties?: Record<string, unknown>;
}
interface Notification {
  level: 'error';
  message: Message;
  descriptor: { id: string };
  locations: Location[];
}

export interface SarifOptions extends FormatOptions {
  /** Where the failing findings of a result are, by their index in its findings (see findingPlaces.ts). */
  places?: (result: CheckResult) => ReadonlyMap<number, FindingPlace> | undefined;
  /** The folder artifact URIs are relative to; the working folder by default. */
  cwd?: string;
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const levelOf: Record<Level, SarifLevel> = { shall: 'error', should: 'warning', may: 'note' };

export const INVALID_DECLARATION_RULE = 'declaration/invalid';

const invalidDeclarationRule: ReportingDescriptor = {
  id: INVALID_DECLARATION_RULE,
  name: 'InvalidDeclaration',
  shortDescription: { text: 'The declaration is valid: it parses, follows the schema and its cross-field rules' },
  fullDescription: { text: 'A declaration that does not parse, does not follow the declaration schema, or breaks a cross-field rule (an unknown site, a duplicate id, an unreadable ledger cell) is not judged against any ruleset.' },
  help: { text: 'Fix each problem at the place given, then check again: the rulesets are evaluated only on a valid declaration.' },
  defaultConfiguration: { level: 'error' },
  properties: { level: 'shall', decision: null, interpretation: false, tags: ['validation'] },
};

let packageUri: string | undefined | null = null;

/** The package's homepage or repository, as a web address, if package.json names one. */
function informationUri(): string | undefined {
  if (packageUri !== null) return packageUri;
  const pkg = JSON.parse(readFileSync(paths.packageJson, 'utf8')) as { homepage?: unknown; repository?: unknown };
  const repository = typeof pkg.repository === 'string' ? pkg.repository : (pkg.repository as { url?: unknown } | undefined)?.url;
  const candidate = [pkg.homepage, typeof repository === 'string' ? repository.replace(/^git\+/, '').replace(/\.git$/, '') : undefined].find(isWebAddress);
  packageUri = typeof candidate === 'string' ? candidate : undefined;
  return packageUri;
}

function isWebAddress(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** `no-stacked-attribution` -> `NoStackedAttribution`: SARIF's name is an identifier a person can read; the title is the description. */
function pascalName(ruleId: string): string {
  const local = ruleId.slice(ruleId.lastIndexOf('/') + 1);
  return local.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('') || ruleId;
}

function citationText(finding: Finding): string {
  const { document, clause } = finding.citation;
  return `${document}, ${clause}${finding.interpretation ? ' (our interpretation)' : ''}`;
}

function ruleOf(finding: Finding): ReportingDescriptor {
  const tags = [finding.ruleset, finding.level, ...(finding.decision !== null ? [`decision-${finding.decision}`] : []), ...(finding.interpretation ? ['interpretation'] : [])];
  return {
    id: finding.ruleId,
    name: pascalName(finding.ruleId),
    shortDescription: { text: finding.title },
    fullDescription: { text: `${finding.title}. Source: ${citationText(finding)}.` },
    help: { text: finding.remediation },
    ...(isWebAddress(finding.citation.url) ? { helpUri: finding.citation.url } : {}),
    defaultConfiguration: { level: levelOf[finding.level] },
    properties: { ruleset: finding.ruleset, level: finding.level, decision: finding.decision, interpretation: finding.interpretation, citation: finding.citation, tags: [...new Set(tags)] },
  };
}

/**
 * SARIF's record of an accepted failure: a waiver given with --waivers, kept outside the declaration (external).
 * The result keeps its level, as a waived finding keeps its outcome.
 */
function suppressionsOf(finding: Finding): Suppression[] | undefined {
  const waiver = finding.waiver;
  if (!waiver) return undefined;
  return [{ kind: 'external', status: 'accepted', justification: waiver.reason, properties: { approvedBy: waiver.approvedBy, expires: waiver.expires, ...(waiver.pointer ? { pointer: waiver.pointer } : {}) } }];
}

/** A path as a URI reference relative to the working folder, each segment percent-encoded. */
function uriOf(path: string, cwd: string): string {
  const absolute = resolve(cwd, path);
  const fromCwd = relative(cwd, absolute);
  // On another drive there is no relative way there.
  if (isAbsolute(fromCwd)) return pathToFileURL(absolute).href;
  return fromCwd.split(sep).map(encodeURIComponent).join('/');
}

const isStdin = (source: string) => source === '-' || source === '<stdin>';

class Artifacts {
  readonly list: Artifact[] = [];
  private readonly indexByKey = new Map<string, number>();

  constructor(private readonly cwd: string) {}

  /** The index of a file's artifact, added on first use; for standard input, one artifact per declaration read from it. */
  add(path: string, extra: Pick<Artifact, 'hashes' | 'properties'> = {}): ArtifactLocation {
    const stdin = isStdin(path);
    const uri = stdin ? undefined : uriOf(path, this.cwd);
    const key = uri ?? `stdin#${this.list.length}`;
    let index = this.indexByKey.get(key);
    if (index === undefined) {
      index = this.list.length;
      this.list.push(uri ? { location: { uri }, roles: ['analysisTarget'], ...extra } : { description: { text: 'standard input' }, roles: ['analysisTarget', 'standardStream'], ...extra });
      this.indexByKey.set(key, index);
    }
    return uri ? { uri, index } : { index };
  }
}

/** A ledger file as the user finds it: named relative to the declaration (or, for standard input, the working folder). */
function ledgerFilePath(file: string, declarationSource: string): string {
  return isAbsolute(file) || isStdin(declarationSource) ? file : join(dirname(declarationSource), file);
}

interface Declared {
  source: string;
  artifact: ArtifactLocation;
  /** The ledger files a declaration names, by the name it gives them, with their hashes. */
  ledgerFiles: Map<string, string>;
}

function declaredArtifacts(result: CheckResult, artifacts: Artifacts): Declared {
  const source = result.declaration.source;
  const [own, ...ledgerFiles] = result.declaration.files ?? [];
  const sha256 = own?.sha256 ?? result.declaration.sha256;
  const properties = {
    declarationId: result.declaration.id,
    ...(result.asOf ? { asOf: result.asOf } : {}),
    valid: result.valid,
    verdict: result.error ? 'not judged' : result.verdict,
  };
  const artifact = artifacts.add(source, { ...(sha256 ? { hashes: { 'sha-256': sha256 } } : {}), properties });
  const declared: Declared = { source, artifact, ledgerFiles: new Map(ledgerFiles.map((f) => [f.name, f.sha256])) };
  // Every file the check read is listed, whether or not a result points into it.
  for (const name of declared.ledgerFiles.keys()) ledgerArtifact(declared, name, artifacts);
  return declared;
}

function ledgerArtifact(declared: Declared, file: string, artifacts: Artifacts): ArtifactLocation {
  const sha256 = declared.ledgerFiles.get(file);
  return artifacts.add(ledgerFilePath(file, declared.source), sha256 ? { hashes: { 'sha-256': sha256 } } : {});
}

/**
 * The physical place of a position. In a ledger file the line is the row: a CSV record is one line (unless a quoted
 * cell holds a line break), and its column is a field number, not a character, so it is left to the place's name.
 * A workbook has no lines at all: its cell is named, not given a region.
 */
function physicalPlace(at: Located, declared: Declared, artifacts: Artifacts): Location {
  const name = at.file !== undefined ? placeOf(at, declared.source) : undefined;
  if (at.file === undefined) {
    const region = at.line > 0 ? { region: { startLine: at.line, ...(at.column > 0 ? { startColumn: at.column } : {}) } } : {};
    return { physicalLocation: { artifactLocation: declared.artifact, ...region } };
  }
  const artifactLocation = ledgerArtifact(declared, at.file, artifacts);
  const region = at.sheet === undefined && at.line > 0 ? { region: { startLine: at.line } } : {};
  return { physicalLocation: { artifactLocation, ...region }, ...(name ? { message: { text: name } } : {}) };
}

function withPointer(location: Location, pointer: string): Location {
  return pointer ? { ...location, logicalLocations: [{ fullyQualifiedName: pointer }] } : location;
}

class Rules {
  readonly list: ReportingDescriptor[] = [];
  private readonly indexById = new Map<string, number>();

  indexOf(id: string, make: () => ReportingDescriptor): number {
    let index = this.indexById.get(id);
    if (index === undefined) {
      index = this.list.length;
      this.list.push(make());
      this.indexById.set(id, index);
    }
    return index;
  }
}

function validationResult(error: ValidationError, declared: Declared, artifacts: Artifacts, rules: Rules): SarifResult {
  const location = withPointer(physicalPlace(error, declared, artifacts), error.pointer);
  return {
    ruleId: INVALID_DECLARATION_RULE,
    ruleIndex: rules.indexOf(INVALID_DECLARATION_RULE, () => invalidDeclarationRule),
    level: 'error',
    message: { text: error.pointer ? `${error.pointer}: ${error.message}` : error.message },
    locations: [location],
    properties: { code: error.code },
  };
}

function findingResult(finding: Finding, place: FindingPlace | undefined, declared: Declared, artifacts: Artifacts, rules: Rules): SarifResult {
  const location = place ? withPointer(physicalPlace(place, declared, artifacts), place.pointer) : { physicalLocation: { artifactLocation: declared.artifact } };
  const suppressions = suppressionsOf(finding);
  return {
    ruleId: finding.ruleId,
    ruleIndex: rules.indexOf(finding.ruleId, () => ruleOf(finding)),
    level: levelOf[finding.level],
    message: { text: finding.message },
    locations: [location],
    // A line read from a ledger file is found through the declaration that names the file.
    ...(place?.file !== undefined ? { relatedLocations: [{ id: 1, ...physicalPlace(place.namedAt ?? { line: 0, column: 0 }, declared, artifacts), message: { text: `where the declaration names ${place.file}` } }] } : {}),
    ...(suppressions ? { suppressions } : {}),
    properties: {
      ruleset: finding.ruleset,
      decision: finding.decision,
      interpretation: finding.interpretation,
      evidence: finding.evidence,
      ...(finding.failedConditions ? { failedConditions: finding.failedConditions } : {}),
    },
  };
}

export const formatSarif = (results: CheckResult[], options: SarifOptions = {}): string => {
  const artifacts = new Artifacts(options.cwd ?? process.cwd());
  const rules = new Rules();
  const sarifResults: SarifResult[] = [];
  const notifications: Notification[] = [];
  const rulesets = new Map<string, { id: string; version: string; sha256: string; extends?: unknown }>();
  for (const result of results) {
    const declared = declaredArtifacts(result, artifacts);
    if (result.error) {
      // Not judged at all: a fault of the run, not a finding about the declaration.
      notifications.push({ level: 'error', message: { text: result.error.message }, descriptor: { id: result.error.code }, locations: [{ physicalLocation: { artifactLocation: declared.artifact } }] });
    }
    for (const error of result.validationErrors) sarifResults.push(validationResult(error, declared, artifacts, rules));
    for (const summary of result.rulesets ?? []) {
      rulesets.set(`${summary.id}@${summary.version}#${summary.sha256}`, { id: summary.id, version: summary.version, sha256: summary.sha256, ...(summary.extends ? { extends: summary.extends } : {}) });
    }
    const places = options.places?.(result);
    (result.findings ?? []).forEach((finding, index) => {
      if (finding.outcome === 'fail') sarifResults.push(findingResult(finding, places?.get(index), declared, artifacts, rules));
    });
  }
  const uri = informationUri();
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: tool.name, version: tool.version, semanticVersion: tool.version, ...(uri ? { informationUri: uri } : {}), rules: rules.list } },
        invocations: [{ executionSuccessful: notifications.length === 0, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
        // Columns come from JavaScript strings: UTF-16 code units, not code points.
        columnKind: 'utf16CodeUnits',
        artifacts: artifacts.list,
        results: sarifResults,
        properties: { rulesets: [...rulesets.values()] },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
