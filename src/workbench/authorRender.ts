// The Author tab's results as DOM: lint problems, fixture runs, coverage and a diff. Every text goes in as
// textContent: a ruleset's ids and messages are the user's own, and the page's policy forbids inline markup.
import type { Coverage, LintProblem, RuleTestReport, RulesetDiff, TestReport } from './authorApi.js';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function badge(ok: boolean, yes = 'pass', no = 'fail'): HTMLSpanElement {
  return element('span', `badge outcome-${ok ? 'pass' : 'fail'}`, ok ? yes : no);
}

export function renderProblems(problems: readonly LintProblem[], reveal: (line: number, column: number) => void): HTMLLIElement[] {
  return problems.map((p) => {
    const item = element('li');
    const button = element('button', 'goto', `line ${p.line}, column ${p.column}: ${p.message}`);
    button.type = 'button';
    button.dataset['line'] = String(p.line);
    button.title = `${p.pointer || '/'} [${p.code}]`;
    button.addEventListener('click', () => reveal(p.line, p.column));
    item.append(button);
    return item;
  });
}

function renderRule(rule: RuleTestReport): HTMLLIElement {
  const item = element('li', `author-rule ${rule.ok ? 'rule-ok' : 'rule-fail'}`);
  item.dataset['ruleId'] = rule.ruleId;
  const details = element('details');
  details.open = !rule.ok;
  const summary = element('summary');
  const failed = rule.cases.filter((c) => !c.ok).length;
  // A rule whose cases all hold but that lacks a passing or a failing one is not tested, which is not a failure of its cases.
  const untested = !rule.complete && rule.cases.every((c) => c.ok);
  const mark = untested ? element('span', 'badge outcome-warning', 'untested') : badge(rule.ok);
  summary.append(mark, ' ', element('span', 'rule-id', rule.ruleId), ` ${rule.cases.length} case${rule.cases.length === 1 ? '' : 's'}${failed ? `, ${failed} failing` : ''}`);
  details.append(summary);
  if (!rule.complete) details.append(element('p', 'error', `Needs at least one passing and one failing case${rule.file ? ` (in ${rule.file})` : ': add a fixture file for this rule'}.`));
  const cases = element('ul', 'author-cases');
  for (const c of rule.cases) {
    const line = element('li', `author-case ${c.ok ? 'case-ok' : 'case-fail'}`);
    line.append(badge(c.ok, 'ok', 'FAIL'), ' ', element('span', 'case-name', c.name), element('span', 'help', ` expected ${c.expected}, got ${c.actual}`));
    if (!c.ok && c.message) line.append(element('p', 'case-message', c.message));
    cases.append(line);
  }
  if (rule.cases.length) details.append(cases);
  item.append(details);
  return item;
}

export function renderTests(report: TestReport): HTMLElement {
  const box = element('div');
  const list = element('ul', 'author-rules');
  // The rules that fail first: they are what the author came for.
  list.append(...[...report.rules].sort((a, b) => Number(a.ok) - Number(b.ok)).map(renderRule));
  box.append(list);
  return box;
}

function cellText(c: { shall: number; should: number; may: number }): string {
  if (c.shall + c.should + c.may === 0) return 'open';
  return [c.shall ? `${c.shall} shall` : '', c.should ? `${c.should} should` : '', c.may ? `${c.may} may` : ''].filter(Boolean).join(', ');
}

export function renderCoverage(coverage: Coverage): HTMLElement {
  const table = element('table', 'rulesets author-coverage');
  table.append(element('caption', undefined, `Rules of ${coverage.rulesets.join(', ')} at each decision`));
  const head = element('tr');
  head.append(element('th', undefined, 'Decision'), ...coverage.rulesets.map((ruleset) => element('th', undefined, ruleset)));
  for (const cell of head.children) cell.setAttribute('scope', 'col');
  table.append(element('thead'), element('tbody'));
  table.tHead!.append(head);
  for (const row of coverage.decisions) {
    const tr = element('tr');
    tr.dataset['decision'] = String(row.decision);
    const th = element('th', undefined, `${row.decision}. ${row.name}`);
    th.scope = 'row';
    tr.append(th, ...row.cells.map((c) => element('td', c.shall + c.should + c.may === 0 ? 'coverage-open' : c.shall ? 'coverage-shall' : 'coverage-should', cellText(c))));
    table.tBodies[0]!.append(tr);
  }
  const box = element('div');
  box.append(table, element('p', 'help', '"open": the ruleset sets no rule at that decision.'));
  return box;
}

function ruleList(title: string, rules: RulesetDiff['added'], mark: string): HTMLElement {
  const box = element('div', 'author-diff-part');
  box.append(element('h5', undefined, `${title} (${rules.length})`));
  if (rules.length) {
    const list = element('ul', 'author-diff-rules');
    for (const r of rules) {
      const item = element('li');
      item.dataset['ruleId'] = r.ruleId;
      item.append(`${mark} `, element('span', 'rule-id', r.ruleId), ` [${r.level}, decision ${r.decision ?? 'none'}] ${r.title}`);
      list.append(item);
    }
    box.append(list);
  }
  return box;
}

export function renderDiff(diff: RulesetDiff): HTMLElement {
  const box = element('div');
  box.append(element('p', 'author-diff-title', `${diff.from} (bundled) → ${diff.to} (the editor's)`));
  for (const h of diff.header) box.append(element('p', 'help', `${h.field}: ${h.before} → ${h.after}`));
  box.append(ruleList('Added', diff.added, '+'), ruleList('Removed', diff.removed, '−'));
  const changed = element('div', 'author-diff-part');
  changed.append(element('h5', undefined, `Changed (${diff.changed.length})`));
  const list = element('ul', 'author-diff-rules');
  for (const c of diff.changed) {
    const item = element('li');
    item.dataset['ruleId'] = c.ruleId;
    item.append('~ ', element('span', 'rule-id', c.ruleId));
    const fields = element('dl', 'author-diff-fields');
    for (const ch of c.changes) fields.append(element('dt', undefined, ch.field), element('dd', 'was', `was: ${ch.before}`), element('dd', 'now', `now: ${ch.after}`));
    item.append(fields);
    list.append(item);
  }
  if (diff.changed.length) changed.append(list);
  box.append(changed);

  const flipped = diff.corpus.filter((c) => c.before !== c.after).length;
  const table = element('table', 'rulesets author-verdicts');
  table.append(element('caption', undefined, `Verdicts over the bundled examples as of ${diff.asOf}: ${flipped} of ${diff.corpus.length} would change`));
  const head = element('tr');
  for (const name of ['Example', 'Bundled', 'Yours']) {
    const th = element('th', undefined, name);
    th.scope = 'col';
    head.append(th);
  }
  table.append(element('thead'), element('tbody'));
  table.tHead!.append(head);
  for (const c of diff.corpus) {
    const changedVerdict = c.before !== c.after;
    const tr = element('tr', changedVerdict ? 'verdict-changed' : undefined);
    tr.dataset['example'] = c.source;
    const verdict = (v: string) => {
      const td = element('td');
      td.append(element('span', `badge verdict-${v}`, v));
      return td;
    };
    const name = element('td', undefined, c.source);
    if (changedVerdict) name.append(element('span', 'changed-note', ' changes'));
    tr.append(name, verdict(c.before), verdict(c.after));
    table.tBodies[0]!.append(tr);
  }
  box.append(table);
  return box;
}
