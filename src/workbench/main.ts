// The workbench page: the declaration editor, the options and the result, checked through the service's own
// routes as the text changes, with the state kept in the URL fragment so that a link reproduces a check.
import { check, checkSarif, listExamples, listRulesets, plainResult, readExample, readExampleFile, report, reportPdf, type CheckedResult, type CheckQuery, type CheckResult, type Example, type RulesetVersion } from './api.js';
import { createEditor } from './editor.js';
import { createInputs } from './inputs.js';
import { showInsight } from './insight.js';
import { readFragment, writeFragment } from './share.js';
import { createTabs } from './tabs.js';
import { createAuthorView } from './author.js';
import { byId, fileStem } from './dom.js';
import { renderResult } from './view.js';

const CHECK_DELAY_MS = 400;
/** The value of a ruleset's select that leaves it out; '' is the newest version in force. */
const OFF = 'off';

const statusLine = byId<HTMLParagraphElement>('status');
const resultPane = byId<HTMLDivElement>('result');
const methodPanel = byId<HTMLDivElement>('method');
const metricsPanel = byId<HTMLDivElement>('metrics');
const shareNote = byId<HTMLParagraphElement>('share-note');
const asOfInput = byId<HTMLInputElement>('as-of');
const rulesetsBox = byId<HTMLFieldSetElement>('rulesets');
const exampleSelect = byId<HTMLSelectElement>('example');
const openExampleButton = byId<HTMLButtonElement>('open-example');
const pdfButton = byId<HTMLButtonElement>('download-pdf');
const jsonButton = byId<HTMLButtonElement>('download-json');
const htmlButton = byId<HTMLButtonElement>('download-html');
const sarifButton = byId<HTMLButtonElement>('download-sarif');
const copyButton = byId<HTMLButtonElement>('copy-link');

// The example, link and share note are the declaration's: on the Author tab they would act on a hidden text.
createTabs(byId('views'), (tab) => {
  byId('declaration-actions').hidden = byId('share-note').hidden = tab !== 'tab-check';
});
createAuthorView(byId('author-view'));
createTabs(byId('result-tabs'));

let lastResult: CheckResult | undefined;
let pending: ReturnType<typeof setTimeout> | undefined;
let inFlight: AbortController | undefined;
/** Rulesets asked for by a link before the list of rulesets arrived. */
let wantedRulesets: string[] | undefined;
/** Whether the list of rulesets arrived ('failed': it will not, and a link's choice goes to the service as given). */
let rulesetsListed: boolean | 'failed' = false;
/**
 * Why the link opened cannot be checked as it asks (a ruleset or version this service does not have): until the
 * person changes an option, nothing is checked and the link is left as it was, lest another check pass for its own.
 */
let heldLink: string | undefined;
/** Whether the result shown is of the text and options now on the page: the downloads are of that result only. */
let resultCurrent = false;
/** The downloads under way: each keeps its button disabled until it ends. */
const downloading = new Set<HTMLButtonElement>();

function setStatus(text: string, kind: 'info' | 'busy' | 'error' = 'info'): void {
  statusLine.textContent = text;
  statusLine.dataset['kind'] = kind;
}

const resultSection = byId<HTMLElement>('result-pane');
const staleNote = byId<HTMLParagraphElement>('stale-note');

/**
 * The text was not checked (waivers refused, no ruleset chosen, service down): the result still shown is of an
 * earlier text, so it is dimmed and the status says so, lest it pass for a verdict on the text in the editor.
 */
function notChecked(text: string): void {
  resultCurrent = false;
  updateDownloads();
  const stale = Boolean(lastResult);
  resultSection.classList.toggle('stale', stale);
  staleNote.hidden = !stale;
  setStatus(text, 'error');
}

/** What went wrong in words a person can act on: the browser's "Failed to fetch" says only that no answer came. */
function reasonOf(error: unknown): string {
  const message = (error as Error).message;
  return error instanceof TypeError ? `the service did not answer (${message}); is mbcheck serve still running?` : message;
}

/** On a narrow screen the result is below the options and the editor: after opening an example or a link, it is shown. */
let revealResult = false;

/** The text of the example last opened, while the list still names it. */
let openedExampleText: string | undefined;

/**
 * The list names the example in the editor: edits to it keep the name (it is still that example, changed), but a
 * paste or a link that replaces the whole text with another is no longer that example.
 */
function followExample(text: string, replacedAll: boolean): void {
  if (!replacedAll || text === openedExampleText) return;
  openedExampleText = undefined;
  exampleSelect.value = '';
}

const editor = createEditor(
  byId('editor'),
  (text, replacedAll) => {
    followExample(text, replacedAll);
    scheduleCheck();
  },
  (name) => (byId('editor-language').textContent = `(${name})`),
);
const inputs = createInputs((urgent) => scheduleCheck(urgent ? 0 : CHECK_DELAY_MS));
/** The bundled examples by name, with the ledger files of a folder. */
const examplesByName = new Map<string, Example>();

function rulesetSelects(): HTMLSelectElement[] {
  return [...rulesetsBox.querySelectorAll<HTMLSelectElement>('select[data-ruleset]')];
}

function query(): CheckQuery & { none: boolean } {
  const selects = rulesetSelects();
  // Before the list of rulesets arrives, a link's choice stands as it was given.
  if (selects.length === 0) return { ...(asOfInput.value ? { asOf: asOfInput.value } : {}), ...(wantedRulesets ? { rulesets: wantedRulesets } : {}), none: false };
  const chosen = selects.filter((s) => s.value !== OFF).map((s) => (s.value ? `${s.dataset['ruleset']}@${s.value}` : s.dataset['ruleset']!));
  const allDefault = selects.every((s) => s.value === '');
  return { ...(asOfInput.value ? { asOf: asOfInput.value } : {}), ...(allDefault ? {} : { rulesets: chosen }), none: selects.length > 0 && chosen.length === 0 };
}

/**
 * Sets the selects to a link's rulesets; returns, in words, what it asks for that this service does not have
 * (undefined when it has all), so that the link is not checked against something else in their place.
 */
function applyRulesets(specs: string[] | undefined): string | undefined {
  const selects = rulesetSelects();
  const versionsOf = (select: HTMLSelectElement) => [...select.options].map((o) => o.value).filter((v) => v !== '' && v !== OFF);
  const missing: string[] = [];
  for (const spec of specs ?? []) {
    const [id, version] = spec.split('@');
    const select = selects.find((s) => s.dataset['ruleset'] === id);
    if (!select) missing.push(`${spec}; this service has no ruleset ${id} (it has ${selects.map((s) => s.dataset['ruleset']).join(', ')})`);
    else if (version !== undefined && !versionsOf(select).includes(version)) missing.push(`${spec}; this service has ${id} ${versionsOf(select).join(', ')}`);
  }
  for (const select of selects) {
    const spec = specs?.find((s) => s.split('@')[0] === select.dataset['ruleset']);
    const version = spec?.split('@')[1] ?? '';
    const available = spec === undefined || version === '' || versionsOf(select).includes(version);
    select.value = !specs ? '' : spec === undefined ? OFF : available ? version : '';
    // The select that cannot show what the link asks for is marked until the person chooses.
    if (available) select.removeAttribute('aria-invalid');
    else select.setAttribute('aria-invalid', 'true');
  }
  return missing.length ? `The link asks for ${missing.join('; and for ')}: choose ${missing.length === 1 ? 'one' : 'rulesets'} in the options. Not checked until then.` : undefined;
}

/** The person changed an option: the link no longer stands as it was given, and the page's choices make it. */
function releaseLink(): void {
  heldLink = undefined;
  for (const select of rulesetSelects()) select.removeAttribute('aria-invalid');
}

async function loadRulesets(): Promise<void> {
  const fromLink = rulesetSelects().length === 0;
  const keep = fromLink ? wantedRulesets : (query().rulesets ?? undefined);
  let versions: RulesetVersion[];
  try {
    versions = await listRulesets(asOfInput.value || undefined);
  } catch (error) {
    if (fromLink) rulesetsListed = 'failed';
    setStatus(`The rulesets could not be listed: ${(error as Error).message}`, 'error');
    return;
  }
  for (const old of rulesetsBox.querySelectorAll('.field')) old.remove();
  const ids = [...new Set(versions.map((v) => v.id))];
  for (const id of ids) {
    const select = document.createElement('select');
    select.id = `ruleset-${id}`;
    select.dataset['ruleset'] = id;
    select.setAttribute('aria-describedby', 'rulesets-help');
    select.append(new Option('newest in force', ''));
    for (const v of versions.filter((x) => x.id === id)) select.append(new Option(`${v.version}${v.inForceOnAsOf ? '' : ' (not in force)'}`, v.version));
    select.append(new Option('not used', OFF));
    select.title = versions.find((v) => v.id === id)?.title ?? id;
    select.addEventListener('change', () => {
      releaseLink();
      scheduleCheck(0);
    });
    const label = document.createElement('label');
    label.htmlFor = select.id;
    label.textContent = id;
    const field = document.createElement('p');
    field.className = 'field';
    field.append(label, select);
    rulesetsBox.append(field);
  }
  const missing = applyRulesets(keep);
  if (fromLink && wantedRulesets) heldLink = missing;
  wantedRulesets = undefined;
  rulesetsListed = true;
}

function saveFragment(text: string): void {
  const q = query();
  const waivers = inputs.waivers();
  const hash = text ? writeFragment({ declaration: text, ...(q.asOf ? { asOf: q.asOf } : {}), ...(q.rulesets ? { rulesets: q.rulesets } : {}), ...(waivers.trim() ? { waivers } : {}) }) : '';
  // replaceState: the link follows the text without a history entry per keystroke.
  if (hash !== location.hash) history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
}

function scheduleCheck(delay = CHECK_DELAY_MS): void {
  clearTimeout(pending);
  // The text or an option changed: the result shown, and any check under way, are of what was there before.
  inFlight?.abort();
  resultCurrent = false;
  updateDownloads();
  pending = setTimeout(() => void runCheck(), delay);
}

/** The downloads are of the result shown, and only while it is of the text and options on the page. */
function updateDownloads(): void {
  const result = resultCurrent ? lastResult : undefined;
  const off = (button: HTMLButtonElement, usable: boolean) => (button.disabled = !usable || downloading.has(button));
  off(jsonButton, Boolean(result));
  off(sarifButton, Boolean(result));
  off(pdfButton, Boolean(result?.valid));
  off(htmlButton, Boolean(result?.valid));
}

function showResult(result: CheckedResult | undefined): void {
  // The JSON download is the check's own result: what the page asked for besides stays on the page.
  lastResult = result && plainResult(result);
  resultCurrent = Boolean(result);
  resultSection.classList.remove('stale');
  staleNote.hidden = true;
  updateDownloads();
  inputs.showResult(result);
  resultPane.replaceChildren(...(result ? [renderResult(result, (line, column) => editor.reveal(line, column))] : []));
  showInsight(methodPanel, metricsPanel, result);
}

async function runCheck(): Promise<void> {
  const text = editor.text();
  inFlight?.abort();
  if (heldLink && text.trim() !== '') {
    // Left as the link gave it: the address bar still holds what it asked for.
    notChecked(heldLink);
    return;
  }
  // A link's rulesets are checked once the list says the service has them (loadRulesets checks then).
  if (wantedRulesets && rulesetsListed === false && text.trim() !== '') {
    setStatus('Checking…', 'busy');
    return;
  }
  saveFragment(text);
  if (text.trim() === '') {
    editor.showProblems([]);
    showResult(undefined);
    setStatus('Open an example, paste a declaration (YAML or JSON) or open a shared link.');
    return;
  }
  const q = query();
  if (q.none) {
    notChecked('Choose at least one ruleset in the options.');
    return;
  }
  const controller = new AbortController();
  inFlight = controller;
  setStatus('Checking…', 'busy');
  try {
    const answer = await check(text, q, controller.signal, inputs.attachments());
    if (controller.signal.aborted) return;
    if (answer.kind === 'error' && answer.code === 'invalid-waivers') {
      inputs.showWaiverProblems(answer.problems, answer.message);
      notChecked('Not checked: the waivers are not valid; their problems are listed under Waivers.');
      return;
    }
    if (answer.kind === 'error') {
      notChecked(`Not checked: ${answer.message}`);
      return;
    }
    const { result } = answer;
    editor.showProblems(result.validationErrors);
    showResult(result);
    const problems = result.validationErrors.length;
    const inLedgerFiles = result.validationErrors.some((p) => p.file);
    setStatus(result.valid ? (result.error ? `Not judged: ${result.error.message}` : `Checked: ${result.verdict}.`) : `Not valid: ${problems} problem${problems === 1 ? '' : 's'}, ${inLedgerFiles ? `listed in the result with ${problems === 1 ? 'its' : 'their'} file, row and column` : 'marked in the editor'}.`, result.valid ? 'info' : 'error');
    if (revealResult && window.matchMedia('(max-width: 900px)').matches) resultSection.scrollIntoView({ block: 'start' });
    revealResult = false;
  } catch (error) {
    if (controller.signal.aborted) return;
    notChecked(`Not checked: ${reasonOf(error)}`);
  }
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Runs one download with its button disabled, and sets the buttons as the result stands when it ends. */
async function withDownload(button: HTMLButtonElement, run: () => Promise<void>): Promise<void> {
  if (!resultCurrent || !lastResult) return;
  downloading.add(button);
  updateDownloads();
  try {
    await run();
  } finally {
    downloading.delete(button);
    updateDownloads();
  }
}

pdfButton.addEventListener('click', () => void withDownload(pdfButton, async () => {
  setStatus('Rendering the PDF report…', 'busy');
  try {
    const { blob, fileName } = await reportPdf(editor.text(), query(), inputs.attachments());
    download(blob, fileName);
    setStatus(`Downloaded ${fileName}.`);
  } catch (error) {
    setStatus(`No report: ${reasonOf(error)}`, 'error');
  }
}));

jsonButton.addEventListener('click', () => {
  if (!resultCurrent || !lastResult) return;
  download(new Blob([`${JSON.stringify(lastResult, null, 2)}\n`], { type: 'application/json' }), `${fileStem(lastResult.declaration.id)}.result.json`);
});

htmlButton.addEventListener('click', () => void withDownload(htmlButton, async () => {
  setStatus('Writing the HTML report…', 'busy');
  try {
    const { blob, fileName } = await report(editor.text(), query(), 'html', inputs.attachments());
    download(blob, fileName);
    setStatus(`Downloaded ${fileName}.`);
  } catch (error) {
    setStatus(`No report: ${reasonOf(error)}`, 'error');
  }
}));

sarifButton.addEventListener('click', () => void withDownload(sarifButton, async () => {
  const fileName = `${fileStem(lastResult?.declaration.id)}.sarif`;
  try {
    download(await checkSarif(editor.text(), query(), inputs.attachments()), fileName);
    setStatus(`Downloaded ${fileName}.`);
  } catch (error) {
    setStatus(`No SARIF: ${reasonOf(error)}`, 'error');
  }
}));

copyButton.addEventListener('click', async () => {
  // A link held as it was given is copied as it was given.
  if (!heldLink) saveFragment(editor.text());
  const link = location.href;
  // Without an as-of date the link checks against the rulesets in force on the day it is opened, which may differ.
  const undated = asOfInput.value ? '' : ` No as-of date is set: whoever opens it later checks against the rulesets in force that day${lastResult?.asOf ? ` (today: ${lastResult.asOf})` : ''}; set As of to pin them.`;
  try {
    await navigator.clipboard.writeText(link);
    shareNote.textContent = `Link copied: it holds the declaration and the options; nothing is stored on the server.${undated}${inputs.notInLink()}`;
  } catch {
    // No clipboard outside a secure context (http to another host): the address bar holds the same link.
    shareNote.textContent = `The link is in the address bar: copy it from there. It holds the declaration and the options; nothing is stored on the server.${undated}${inputs.notInLink()}`;
  }
});

openExampleButton.addEventListener('click', async () => {
  const name = exampleSelect.value;
  if (!name) return;
  try {
    const example = examplesByName.get(name);
    // An example folder's ledger files come with it; any other example names none.
    const [text, files] = await Promise.all([readExample(name), Promise.all((example?.files ?? []).map((file) => readExampleFile(name, file)))]);
    inputs.setLedgerFiles(files);
    // Another declaration: the link it replaces no longer stands, and the options on the page make the new one.
    releaseLink();
    openedExampleText = text;
    editor.setText(text);
    revealResult = true;
    scheduleCheck(0);
  } catch (error) {
    setStatus(`The example could not be opened: ${(error as Error).message}`, 'error');
  }
});

asOfInput.addEventListener('change', () => {
  releaseLink();
  void loadRulesets().then(() => scheduleCheck(0));
});

async function loadExamples(): Promise<void> {
  try {
    const examples = await listExamples();
    for (const example of examples) examplesByName.set(example.name, example);
    exampleSelect.replaceChildren(new Option('Choose an example…', ''), ...examples.map((e) => new Option(`${e.name.replace(/\.yaml$/, '')}: ${e.title}`, e.name)));
    exampleSelect.disabled = openExampleButton.disabled = examples.length === 0;
  } catch (error) {
    setStatus(`The examples could not be listed: ${(error as Error).message}`, 'error');
  }
}

/** Loads the state a link holds: the declaration, the date and the rulesets. */
function openFragment(): void {
  let state;
  try {
    state = readFragment(location.hash);
  } catch (error) {
    // Nothing of it is loaded or checked, and the address bar keeps it: what is shown is not its check.
    notChecked(`The link cannot be opened: ${(error as Error).message}.`);
    return;
  }
  if (!state) return;
  asOfInput.value = state.asOf ?? '';
  heldLink = undefined;
  if (rulesetSelects().length) heldLink = applyRulesets(state.rulesets);
  else wantedRulesets = state.rulesets;
  inputs.setWaivers(state.waivers ?? '');
  if (state.declaration !== editor.text()) editor.setText(state.declaration);
  revealResult = true;
  scheduleCheck(0);
}

window.addEventListener('hashchange', () => {
  // Our own replaceState fires no hashchange: this is a link pasted into the address bar.
  openFragment();
});

openFragment();
void Promise.all([loadRulesets(), loadExamples()]).then(() => {
  if (editor.text()) scheduleCheck(0);
});
