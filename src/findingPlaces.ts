// Where each failing finding of a check is in its declaration (or in a ledger file it names), found after the check.
import { parseDeclarationText } from './declaration/parse.js';
import { pointerToSegments, segmentsToPointer, type Located, type Position } from './declaration/problems.js';
import type { DeclarationSource } from './declaration/source.js';
import type { Declaration, LedgerInput, LedgerOutput } from './generated/declaration.js';
import { mergeLedgerFiles } from './ledger/merge.js';
import { ledgerReferences } from './ledger/references.js';
import { boundaryKeyOf, byDateThenId } from './metrics/pools.js';
import { windowIndexer } from './metrics/windows.js';
import type { CheckResult, Finding } from './result.js';

/** A finding's place: the JSON pointer of the value it is about, and where that value is written (line 0: not known). */
export interface FindingPlace extends Located {
  pointer: string;
  /** For a line read from a ledger file: where the declaration names that file. */
  namedAt?: Position;
}

/**
 * Evidence names the bundled rulesets give to the id of the line a finding is about. They are the only link from
 * a finding to a line: a finding carries figures, not pointers.
 */
const OUTPUT_ID_EVIDENCE = ['outputId'] as const;
const INPUT_ID_EVIDENCE = ['inputId', 'firstInputId', 'firstIncompleteInput'] as const;

type Line = LedgerInput | LedgerOutput;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function indexOfId(lines: readonly Line[], id: string): number {
  return lines.findIndex((line) => line.id === id);
}

/** The line a pool's books meet first: its first output (of the named group, when one is), else its first input. */
function firstLineOfPool(declaration: Declaration, result: CheckResult, poolId: string, group: string | undefined): string | undefined {
  const books = result.metrics?.ledger;
  const pool = books?.pools.find((p) => p.id === poolId);
  const ledger = declaration.ledger;
  if (!books || !pool || !ledger) return undefined;
  const windowOf = windowIndexer(books.windows);
  const inPool = (line: Line) => boundaryKeyOf(declaration, line) === pool.boundaryKey && windowOf(line.date) === pool.window.index;
  const first = (part: 'inputs' | 'outputs', also: (line: Line) => boolean = () => true): string | undefined => {
    const lines: readonly Line[] = ledger[part];
    let best = -1;
    lines.forEach((line, index) => {
      if (inPool(line) && also(line) && (best < 0 || byDateThenId(line, lines[best]!) < 0)) best = index;
    });
    return best < 0 ? undefined : `/ledger/${part}/${best}`;
  };
  return (group ? first('outputs', (line) => (line as LedgerOutput).productGroup === group) : undefined) ?? first('outputs') ?? first('inputs');
}

/** `$.method.stacking.allowed` -> `/method/stacking/allowed`; undefined for a path of another form. */
function pointerOfPath(path: string): string | undefined {
  if (!/^\$(?:\.[A-Za-z_$][\w$-]*|\[\d+\])*$/.test(path)) return undefined;
  return segmentsToPointer([...path.slice(1).matchAll(/\.([^.[]+)|\[(\d+)\]/g)].map((m) => m[1] ?? m[2]!));
}

/**
 * The deepest part of a pointer that exists in the data: a missing value is placed where it belongs, but never at
 * the document's root, which says nothing.
 */
function existingPart(data: unknown, pointer: string): string | undefined {
  const kept: string[] = [];
  let node = data;
  for (const segment of pointerToSegments(pointer)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) break;
    node = (node as Record<string, unknown>)[segment];
    kept.push(segment);
  }
  return kept.length > 0 ? segmentsToPointer(kept) : undefined;
}

/** The value a failing finding is about: the ledger line it names, else the declared value its rule tested. */
function pointerOf(finding: Finding, declaration: Declaration, result: CheckResult): string | undefined {
  const { evidence } = finding;
  const ledger = declaration.ledger;
  if (ledger) {
    for (const name of OUTPUT_ID_EVIDENCE) {
      const id = text(evidence[name]);
      const index = id === undefined ? -1 : indexOfId(ledger.outputs, id);
      if (index >= 0) return `/ledger/outputs/${index}`;
    }
    for (const name of INPUT_ID_EVIDENCE) {
      const id = text(evidence[name]);
      const index = id === undefined ? -1 : indexOfId(ledger.inputs, id);
      if (index >= 0) return `/ledger/inputs/${index}`;
    }
    const pool = text(evidence['pool']);
    const line = pool === undefined ? undefined : firstLineOfPool(declaration, result, pool, text(evidence['group']));
    if (line) return line;
  }
  const site = text(evidence['site']);
  const siteIndex = site === undefined ? -1 : (declaration.method.transferBoundary.sites ?? []).findIndex((s) => s.id === site);
  if (siteIndex >= 0) return `/method/transferBoundary/sites/${siteIndex}`;
  for (const condition of finding.failedConditions ?? []) {
    const pointer = condition.fact === 'declaration' && condition.path ? pointerOfPath(condition.path) : undefined;
    const existing = pointer === undefined ? undefined : existingPart(declaration, pointer);
    if (existing) return existing;
  }
  return undefined;
}

/**
 * The value a cannot-tell finding waits on. Only two things leave a rule undecided (engine/evaluate.ts): a ledger
 * the declaration lacks, which has no place in its text, or a period not yet over, which is period.end. With a
 * ledger it can only be the period; without one and the period over, only the ledger; otherwise either.
 */
function pointerOfUndecided(declaration: Declaration, result: CheckResult): string | undefined {
  const metrics = result.metrics;
  if (!metrics) return undefined;
  const periodRunning = declaration.period.end > metrics.evidence.asOf;
  return periodRunning && metrics.hasLedger ? '/period/end' : undefined;
}

export interface PlaceOptions {
  /** Also place the cannot-tell findings (the workbench shows where each open question is). */
  cannotTell?: boolean;
}

/**
 * The place of each failing finding of a valid declaration's result, by its index in `result.findings`. The source
 * is parsed again for positions only when some finding has something to place: the check itself keeps none.
 */
export function placeFindings(source: DeclarationSource, result: CheckResult, { cannotTell = false }: PlaceOptions = {}): Map<number, FindingPlace> {
  const places = new Map<number, FindingPlace>();
  const findings = result.findings ?? [];
  const placed = (outcome: Finding['outcome']) => outcome === 'fail' || (cannotTell && outcome === 'cannot-tell');
  if (!result.valid || result.error || !findings.some((f) => placed(f.outcome))) return places;
  const parsed = parseDeclarationText(source);
  if (!parsed.ok) return places;
  const merged = mergeLedgerFiles(parsed.data, source.ledgerFiles);
  // The check found this declaration valid, so the merged data is one.
  const declaration = merged.data as Declaration;
  findings.forEach((finding, index) => {
    if (!placed(finding.outcome)) return;
    const pointer = finding.outcome === 'fail' ? pointerOf(finding, declaration, result) : pointerOfUndecided(declaration, result);
    if (pointer === undefined) return;
    const inFile = merged.locate(pointer);
    if (!inFile) return void places.set(index, { pointer, ...parsed.locate(pointer) });
    const part = pointerToSegments(pointer)[1];
    const reference = ledgerReferences(parsed.data).find((r) => r.part === part);
    const namedAt = reference ? parsed.locate(reference.pointer) : undefined;
    places.set(index, { pointer, ...inFile, ...(namedAt ? { namedAt: { line: namedAt.line, column: namedAt.column } } : {}) });
  });
  return places;
}
