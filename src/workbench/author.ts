// The Author tab: a ruleset of one's own (pasted, uploaded, or started from a bundled one) in a JSON editor,
// linted as it changes with the problems at their lines, its fixtures run, its coverage of the seven decisions,
// and its diff against a bundled ruleset with the verdicts that change over the bundled examples.
import { listRulesets, type RulesetVersion } from './api.js';
import { bundledRuleset, coverage, diff, lint, runFixtures, type FixtureText } from './authorApi.js';
import { createRulesetEditor } from './authorEditor.js';
import { renderCoverage, renderDiff, renderProblems, renderTests } from './authorRender.js';

const LINT_DELAY_MS = 400;

function within<T extends HTMLElement>(root: HTMLElement, id: string): T {
  const node = root.querySelector<T>(`#${id}`);
  if (!node) throw new Error(`the Author tab has no #${id}`);
  return node;
}

type Kind = 'info' | 'busy' | 'error';

function say(line: HTMLElement, text: string, kind: Kind = 'info'): void {
  line.textContent = text;
  line.dataset['kind'] = kind;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function createAuthorView(root: HTMLElement): void {
  const startSelect = within<HTMLSelectElement>(root, 'author-start');
  const openButton = within<HTMLButtonElement>(root, 'author-open');
  const uploadInput = within<HTMLInputElement>(root, 'author-upload');
  const fixturesInput = within<HTMLInputElement>(root, 'author-fixtures');
  const lintStatus = within<HTMLParagraphElement>(root, 'author-lint-status');
  const problemList = within<HTMLUListElement>(root, 'author-problems');
  const runButton = within<HTMLButtonElement>(root, 'author-run');
  const clearButton = within<HTMLButtonElement>(root, 'author-clear-fixtures');
  const fixtureList = within<HTMLParagraphElement>(root, 'author-fixture-list');
  const testStatus = within<HTMLParagraphElement>(root, 'author-test-status');
  const testsBox = within<HTMLDivElement>(root, 'author-tests');
  const coverageBox = within<HTMLDivElement>(root, 'author-coverage');
  const againstSelect = within<HTMLSelectElement>(root, 'author-against');
  const diffButton = within<HTMLButtonElement>(root, 'author-diff');
  const diffStatus = within<HTMLParagraphElement>(root, 'author-diff-status');
  const diffBox = within<HTMLDivElement>(root, 'author-diff-result');

  let fixtures: FixtureText[] = [];
  let pending: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;

  const editor = createRulesetEditor(within(root, 'author-editor'), () => scheduleLint());

  function showFixtures(origin?: string): void {
    fixtureList.textContent = fixtures.length
      ? `${plural(fixtures.length, 'fixture file')}${origin ? ` from ${origin}` : ''}: ${fixtures.map((f) => f.name).join(', ')}`
      : 'No fixture files: open a bundled ruleset (its tests/ come with it) or add your own.';
    clearButton.disabled = fixtures.length === 0;
  }

  function scheduleLint(delay = LINT_DELAY_MS): void {
    const empty = editor.text().trim() === '';
    // Results of an earlier text stay for comparison, but must not pass for the text in the editor now.
    if (testsBox.childElementCount) say(testStatus, 'The ruleset has changed since these results: run the fixtures again.', 'busy');
    if (diffBox.childElementCount) say(diffStatus, 'The ruleset has changed since this comparison: compare again.', 'busy');
    runButton.disabled = empty;
    diffButton.disabled = empty || !againstSelect.value;
    clearTimeout(pending);
    pending = setTimeout(() => void lintAndCover(), delay);
  }

  async function lintAndCover(): Promise<void> {
    const text = editor.text();
    inFlight?.abort();
    if (text.trim() === '') {
      editor.showProblems([]);
      problemList.replaceChildren();
      coverageBox.replaceChildren();
      say(lintStatus, 'Start from a bundled ruleset, upload one or paste one.');
      return;
    }
    const controller = new AbortController();
    inFlight = controller;
    say(lintStatus, 'Linting…', 'busy');
    try {
      const problems = await lint(text, controller.signal);
      if (controller.signal.aborted) return;
      editor.showProblems(problems);
      problemList.replaceChildren(...renderProblems(problems, (line, column) => editor.reveal(line, column)));
      say(lintStatus, problems.length ? `${plural(problems.length, 'lint problem')}, marked in the editor.` : 'No lint problems.', problems.length ? 'error' : 'info');
    } catch (error) {
      if (controller.signal.aborted) return;
      say(lintStatus, `Not linted: ${(error as Error).message}`, 'error');
      return;
    }
    try {
      const matrix = await coverage(text, controller.signal);
      if (controller.signal.aborted) return;
      coverageBox.replaceChildren(renderCoverage(matrix));
    } catch (error) {
      if (controller.signal.aborted) return;
      const note = document.createElement('p');
      note.className = 'error';
      note.textContent = `No coverage while the ruleset does not load: ${(error as Error).message}`;
      coverageBox.replaceChildren(note);
    }
  }

  function startFrom(text: string): void {
    editor.setText(text);
    testsBox.replaceChildren();
    diffBox.replaceChildren();
    say(testStatus, '');
    say(diffStatus, '');
    scheduleLint(0);
  }

  openButton.addEventListener('click', async () => {
    const spec = startSelect.value;
    if (!spec) return;
    openButton.disabled = true;
    say(lintStatus, `Opening ${spec}…`, 'busy');
    try {
      const bundled = await bundledRuleset(spec);
      fixtures = bundled.fixtures;
      showFixtures(`${spec} (its tests/ folder)`);
      if ([...againstSelect.options].some((o) => o.value === spec)) againstSelect.value = spec;
      startFrom(bundled.text);
    } catch (error) {
      say(lintStatus, `${spec} could not be opened: ${(error as Error).message}`, 'error');
    } finally {
      openButton.disabled = false;
    }
  });

  uploadInput.addEventListener('change', async () => {
    const file = uploadInput.files?.[0];
    if (!file) return;
    startFrom(await file.text());
    uploadInput.value = '';
  });

  fixturesInput.addEventListener('change', async () => {
    const added = await Promise.all([...(fixturesInput.files ?? [])].map(async (file) => ({ name: file.name, text: await file.text() })));
    // A file sent again replaces the one of the same name.
    fixtures = [...fixtures.filter((f) => !added.some((a) => a.name === f.name)), ...added];
    showFixtures();
    fixturesInput.value = '';
  });

  clearButton.addEventListener('click', () => {
    fixtures = [];
    showFixtures();
    testsBox.replaceChildren();
    say(testStatus, '');
  });

  runButton.addEventListener('click', async () => {
    runButton.disabled = true;
    say(testStatus, `Running ${plural(fixtures.length, 'fixture file')}…`, 'busy');
    try {
      const report = await runFixtures(editor.text(), fixtures);
      testsBox.replaceChildren(renderTests(report));
      const cases = report.rules.flatMap((r) => r.cases);
      const failing = cases.filter((c) => !c.ok).length;
      say(testStatus, `${report.ruleset}: ${report.passed} of ${plural(report.rules.length, 'rule')} pass; ${plural(cases.length, 'case')}, ${failing} failing.`, report.ok ? 'info' : 'error');
    } catch (error) {
      testsBox.replaceChildren();
      say(testStatus, `Fixtures not run: ${(error as Error).message}`, 'error');
    } finally {
      runButton.disabled = editor.text().trim() === '';
    }
  });

  againstSelect.addEventListener('change', () => {
    diffButton.disabled = editor.text().trim() === '' || !againstSelect.value;
  });

  diffButton.addEventListener('click', async () => {
    const against = againstSelect.value;
    diffButton.disabled = true;
    say(diffStatus, `Comparing with ${against} over the bundled examples…`, 'busy');
    try {
      const result = await diff(editor.text(), against);
      diffBox.replaceChildren(renderDiff(result));
      const flipped = result.corpus.filter((c) => c.before !== c.after).length;
      say(diffStatus, `${plural(result.added.length, 'rule')} added, ${result.removed.length} removed, ${result.changed.length} changed; ${plural(flipped, 'example')} would change verdict.`);
    } catch (error) {
      diffBox.replaceChildren();
      say(diffStatus, `Not compared: ${(error as Error).message}`, 'error');
    } finally {
      diffButton.disabled = editor.text().trim() === '' || !againstSelect.value;
    }
  });

  async function loadBundledList(): Promise<void> {
    let versions: RulesetVersion[];
    try {
      versions = await listRulesets();
    } catch (error) {
      say(lintStatus, `The bundled rulesets could not be listed: ${(error as Error).message}`, 'error');
      return;
    }
    const options = () => versions.map((v) => new Option(`${v.id}@${v.version}${v.inForceOnAsOf ? '' : ' (not in force)'}: ${v.title}`, `${v.id}@${v.version}`));
    startSelect.replaceChildren(new Option('Choose a ruleset…', ''), ...options());
    againstSelect.replaceChildren(new Option('Choose a ruleset…', ''), ...options());
    startSelect.disabled = againstSelect.disabled = versions.length === 0;
    openButton.disabled = versions.length === 0;
  }

  showFixtures();
  void loadBundledList();
}
