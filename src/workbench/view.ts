// The result pane: verdict per ruleset, then each ruleset's findings grouped as the report groups them (failures
// first, shall before should before may, then cannot-tell; passed and not applicable folded away). Built from
// DOM nodes with textContent only: nothing the declaration or the service says is ever read as markup.
import { placeOf } from '../declaration/problems.js';
import type { CheckedResult, PlacedFinding } from './api.js';
import { countsText, failuresByLevel } from './counts.js';
import { element } from './dom.js';

type Finding = PlacedFinding;
type Level = Finding['level'];
type ValidationProblem = CheckedResult['validationErrors'][number];

const levelRank: Record<Level, number> = { shall: 0, should: 1, may: 2 };
const verdictRank = { fail: 0, pass: 1, 'not-applicable': 2 } as const;

/** Where a click asks the editor to go: 1-based line and column. */
export type Reveal = (line: number, column: number) => void;

/** What the outcome means at the rule's level, as the report words it: only a shall rule fails its ruleset. */
function outcomeLabel(finding: Finding): { label: string; kind: string } {
  if (finding.outcome === 'fail' && finding.waiver) return { label: 'fail, waived', kind: 'waived' };
  if (finding.outcome !== 'fail' || finding.level === 'shall') return { label: finding.outcome, kind: finding.outcome };
  return finding.level === 'should' ? { label: 'warning', kind: 'warning' } : { label: 'note', kind: 'note' };
}

function citationOf(finding: Finding): HTMLElement {
  const { document: source, clause, url } = finding.citation as { document: string; clause?: string; url?: string };
  const text = [source, clause].filter(Boolean).join(', ');
  const cite = element('p', { class: 'citation' }, 'Citation: ');
  // Only http(s) links: a ruleset of the service's own, but a link is still never a script.
  if (url && /^https?:\/\//i.test(url)) cite.append(element('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, text));
  else cite.append(text);
  if (finding.interpretation) cite.append(' (our interpretation)');
  return cite;
}

/**
 * Where the finding's value is written: a control that moves the editor there when it is in the declaration, the
 * file, row and column as text when it is in a ledger file (the editor does not hold those).
 */
function placeOfFinding(finding: Finding, reveal: Reveal): HTMLElement | undefined {
  const place = finding.place;
  if (!place) return undefined;
  if (place.file !== undefined) return element('p', { class: 'place' }, 'In ', element('code', {}, placeOf(place, '')), ` (${place.pointer})`);
  const button = element('button', { type: 'button', class: 'goto-place', 'data-line': String(place.line), 'aria-label': `Show line ${place.line}, column ${place.column} in the editor: ${place.pointer}` }, `line ${place.line}`);
  button.addEventListener('click', () => reveal(place.line, place.column));
  return element('p', { class: 'place' }, 'At ', button, ' ', element('code', {}, place.pointer));
}

function findingItem(finding: Finding, reveal: Reveal): HTMLElement {
  const { label, kind } = outcomeLabel(finding);
  const heading = element(
    'p',
    { class: 'finding-head' },
    element('code', { class: 'rule-id' }, finding.ruleId),
    ' ',
    element('span', { class: `badge level-${finding.level}` }, finding.level),
    ' ',
    element('span', { class: `badge outcome-${kind}` }, label),
    ' ',
    element('span', { class: 'decision' }, finding.decision === null ? 'outside the seven decisions' : `decision ${finding.decision}`),
  );
  const item = element('li', { class: `finding outcome-${kind}`, 'data-rule-id': finding.ruleId }, heading, element('p', { class: 'finding-title' }, finding.title), element('p', { class: 'message' }, finding.message));
  const place = placeOfFinding(finding, reveal);
  if (place) item.append(place);
  item.append(citationOf(finding));
  if (finding.outcome === 'fail' || finding.outcome === 'cannot-tell') item.append(element('p', { class: 'remedy' }, element('strong', {}, 'Remedy: '), finding.remediation));
  if (finding.waiver) item.append(element('p', { class: 'waiver' }, `Waived until ${finding.waiver.expires} by ${finding.waiver.approvedBy}: ${finding.waiver.reason}`));
  return item;
}

function findingList(findings: Finding[], label: string, reveal: Reveal): HTMLElement {
  return element('ul', { class: 'findings', 'aria-label': label }, ...findings.map((f) => findingItem(f, reveal)));
}

function folded(findings: Finding[], summary: string, label: string, reveal: Reveal): HTMLElement | undefined {
  if (findings.length === 0) return undefined;
  return element('details', {}, element('summary', {}, `${findings.length} ${summary}`), findingList(findings, label, reveal));
}

const names = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/** The verdict in a sentence: which rulesets fail (by their shall rules), and what only warns or notes. */
export function verdictSummary(result: CheckedResult): string {
  const rulesets = result.rulesets ?? [];
  const findings = result.findings ?? [];
  const failing = rulesets.filter((r) => r.verdict === 'fail').map((r) => r.id);
  const all = failuresByLevel(findings);
  const cannotTell = findings.filter((f) => f.outcome === 'cannot-tell').length;
  const waived = findings.filter((f) => f.outcome === 'fail' && f.waiver).length;
  const parts = [failing.length ? `${names(failing)} ${failing.length === 1 ? 'fails' : 'fail'} (${all.shall} shall rule${all.shall === 1 ? '' : 's'})` : `no ruleset fails`];
  if (all.should) parts.push(`${all.should} should rule${all.should === 1 ? '' : 's'} warn${all.should === 1 ? 's' : ''}, failing no ruleset`);
  if (all.may) parts.push(`${all.may} may rule${all.may === 1 ? '' : 's'} note${all.may === 1 ? 's' : ''}`);
  if (waived) parts.push(`${waived} failure${waived === 1 ? '' : 's'} waived`);
  if (cannotTell) parts.push(`${cannotTell} cannot tell`);
  return `${parts.join('; ')}.`;
}

function rulesetTable(result: CheckedResult): HTMLElement {
  const rows = (result.rulesets ?? []).map((r) =>
    element(
      'tr',
      {},
      element('th', { scope: 'row' }, element('code', {}, `${r.id}@${r.version}`)),
      element('td', {}, element('span', { class: `badge verdict-${r.verdict}` }, r.verdict)),
      element('td', {}, countsText(r, result.findings ?? [])),
    ),
  );
  return element(
    'table',
    { class: 'rulesets' },
    element('caption', {}, 'Verdict per ruleset'),
    element('thead', {}, element('tr', {}, element('th', { scope: 'col' }, 'Ruleset'), element('th', { scope: 'col' }, 'Verdict'), element('th', { scope: 'col' }, 'Rules'))),
    element('tbody', {}, ...rows),
  );
}

function problemList(problems: ValidationProblem[], reveal: Reveal): HTMLElement {
  const items = problems.map((problem) => {
    // A ledger file's place as the command line writes it: inputs.csv:12:quantity, ledger.xlsx!inputs!E12.
    const where = problem.file ? placeOf(problem, '') : problem.line > 0 ? `line ${problem.line}, column ${problem.column}` : 'the whole document';
    const text = `${where}: ${problem.pointer ? `${problem.pointer}: ` : ''}${problem.message}`;
    // A problem in the declaration itself is a place in the editor; one in a ledger file is not.
    if (problem.file || problem.line <= 0) return element('li', {}, text);
    const button = element('button', { type: 'button', class: 'goto', 'data-line': String(problem.line) }, text);
    button.addEventListener('click', () => reveal(problem.line, problem.column));
    return element('li', {}, button);
  });
  return element('ul', { class: 'problems', 'aria-label': 'Validation problems' }, ...items);
}

/** The result pane's content for one result. */
export function renderResult(result: CheckedResult, reveal: Reveal): DocumentFragment {
  const out = document.createDocumentFragment();
  const id = result.declaration.id ?? 'the declaration';
  const judged = result.valid && !result.error;
  // An invalid declaration is not judged: its verdict is no "fail" of any ruleset, and must not read as one.
  const word = result.valid ? (result.error ? 'NOT JUDGED' : result.verdict.toUpperCase()) : 'NOT VALID';
  const verdict = element('p', { class: `verdict verdict-${judged ? result.verdict : 'invalid'}`, id: 'verdict' }, element('strong', {}, word), ` ${id}${result.asOf ? `, as of ${result.asOf}` : ''}`);
  if (judged) verdict.append(': ', element('span', { class: 'verdict-summary' }, verdictSummary(result)));
  out.append(verdict);
  if (!result.valid) {
    const count = result.validationErrors.length;
    out.append(element('h3', {}, `The declaration is not valid: ${count} problem${count === 1 ? '' : 's'}`), problemList(result.validationErrors, reveal));
    return out;
  }
  if (result.error) {
    out.append(element('p', { class: 'error' }, result.error.message));
    return out;
  }
  out.append(rulesetTable(result));
  const findings = result.findings ?? [];
  // What to fix first: the failing rulesets before the passing ones, those that do not apply last.
  for (const ruleset of [...(result.rulesets ?? [])].sort((a, b) => verdictRank[a.verdict] - verdictRank[b.verdict])) {
    const own = findings.filter((f) => f.ruleset === ruleset.id);
    const failed = own.filter((f) => f.outcome === 'fail').sort((a, b) => levelRank[a.level] - levelRank[b.level]);
    const cannotTell = own.filter((f) => f.outcome === 'cannot-tell').sort((a, b) => levelRank[a.level] - levelRank[b.level]);
    const name = `${ruleset.id}@${ruleset.version}`;
    const section = element('section', { class: 'ruleset', 'aria-label': `Findings of ${name}` }, element('h3', {}, element('code', {}, name), ' ', element('span', { class: `badge verdict-${ruleset.verdict}` }, ruleset.verdict)), element('p', { class: 'ruleset-title' }, ruleset.title));
    if (failed.length) section.append(findingList(failed, `Failures of ${name}`, reveal));
    if (cannotTell.length) section.append(element('h4', {}, 'Cannot tell'), findingList(cannotTell, `Cannot tell in ${name}`, reveal));
    if (!failed.length && !cannotTell.length) section.append(element('p', { class: 'help' }, ruleset.verdict === 'not-applicable' ? 'No rule of this ruleset applies to the declaration.' : 'No rule fails.'));
    for (const part of [folded(own.filter((f) => f.outcome === 'pass'), 'passed', `Passed in ${name}`, reveal), folded(own.filter((f) => f.outcome === 'not-applicable'), 'not applicable', `Not applicable in ${name}`, reveal)]) {
      if (part) section.append(part);
    }
    out.append(section);
  }
  return out;
}
