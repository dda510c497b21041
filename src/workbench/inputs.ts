// What the options pane sends beside the declaration: the ledger files it names (CSV, XLSX) and a verifier's
// waivers, and what the service said of them. Built from DOM nodes with textContent only.
import type { Attachments, CheckResult, InputProblem } from './api.js';
import { byId } from './dom.js';

type ValidationProblem = CheckResult['validationErrors'][number];

export interface Inputs {
  attachments(): Attachments;
  /** Replaces the ledger files: an example folder's, or none. */
  setLedgerFiles(files: readonly File[]): void;
  waivers(): string;
  setWaivers(text: string): void;
  /** After a check: the files the declaration names that are not added, and what became of each waiver. */
  showResult(result: CheckResult | undefined): void;
  /** The service's refusal of the waivers (400 invalid-waivers), shown beside the list; undefined clears it. */
  /** The service's refusal of the waivers; a refusal with no placed problem (the list cannot be read at all) is its message. */
  showWaiverProblems(problems: readonly InputProblem[] | undefined, message?: string): void;
  /** What a shared link leaves out, for the share note; '' when nothing is left out. */
  notInLink(): string;
}

const baseName = (path: string) => path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);

/** `/ledger/inputs` -> `ledger.inputs`: where the declaration names the file, as a person reads it. */
const dotted = (pointer: string) => pointer.replace(/^\//, '').split('/').join('.') || 'the declaration';

function sizeText(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The sentences that say which named file is missing. The service says it in its own terms ("the request has no
 * part named ..."): here it is said in the page's, with the control that mends it.
 */
export function missingFileNotes(problems: readonly ValidationProblem[], added: ReadonlySet<string>): string[] {
  const notes = new Map<string, string>();
  for (const problem of problems) {
    if (problem.code === 'ledger-files-not-read') {
      notes.set('', `The declaration names ledger files (at ${dotted(problem.pointer)}) and none is added: add the CSV or XLSX files it names with “Add ledger files”.`);
    } else if (problem.code === 'ledger-file' && problem.file && !added.has(baseName(problem.file))) {
      notes.set(problem.file, `The declaration names ${baseName(problem.file)} (at ${dotted(problem.pointer)}), which is not added: add it with “Add ledger files”.`);
    }
  }
  return [...notes.values()];
}

/** The offset in the text of a 1-based line and column, for the caret. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let at = 1; at < line; at++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + Math.max(column - 1, 0), text.length);
}

export function createInputs(onChange: (urgent: boolean) => void): Inputs {
  const fileInput = byId<HTMLInputElement>('ledger-file-input');
  const fileList = byId<HTMLUListElement>('ledger-file-list');
  const missing = byId<HTMLParagraphElement>('ledger-missing');
  const waiversText = byId<HTMLTextAreaElement>('waivers-text');
  const waiversFile = byId<HTMLInputElement>('waivers-file');
  const waiverProblems = byId<HTMLUListElement>('waiver-problems');
  const waiverStatus = byId<HTMLParagraphElement>('waiver-status');
  /** By name: the declaration names a file by its name, so a second file of the same name replaces the first. */
  const files = new Map<string, File>();

  function renderFiles(): void {
    fileList.replaceChildren(
      ...[...files.values()].map((file) => {
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'remove';
        remove.textContent = 'Remove';
        remove.setAttribute('aria-label', `Remove ${file.name}`);
        remove.addEventListener('click', () => {
          files.delete(file.name);
          renderFiles();
          // The focus would be lost with the button: it goes back to the file picker.
          fileInput.focus();
          onChange(true);
        });
        const name = document.createElement('code');
        name.textContent = file.name;
        const size = document.createElement('span');
        size.className = 'help';
        size.textContent = sizeText(file.size);
        const item = document.createElement('li');
        item.dataset['file'] = file.name;
        item.append(name, ' ', size, ' ', remove);
        return item;
      }),
    );
  }

  fileInput.addEventListener('change', () => {
    for (const file of fileInput.files ?? []) files.set(file.name, file);
    // Cleared, so that choosing the same file again (after mending it) is a change too.
    fileInput.value = '';
    renderFiles();
    onChange(true);
  });

  waiversText.addEventListener('input', () => onChange(false));
  waiversFile.addEventListener('change', async () => {
    const file = waiversFile.files?.[0];
    if (!file) return;
    waiversText.value = await file.text();
    waiversFile.value = '';
    onChange(true);
  });

  function showWaiverProblems(problems: readonly InputProblem[] | undefined, message?: string): void {
    const placed = problems ?? [];
    waiverProblems.replaceChildren(
      ...placed.map((problem) => {
        const where = problem.line > 0 ? `line ${problem.line}, column ${problem.column}` : 'the whole list';
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'goto';
        button.dataset['line'] = String(problem.line);
        button.textContent = `${where}: ${problem.pointer ? `${problem.pointer}: ` : ''}${problem.message}`;
        button.addEventListener('click', () => {
          const at = offsetOf(waiversText.value, problem.line, problem.column);
          waiversText.focus();
          waiversText.setSelectionRange(at, at);
        });
        const item = document.createElement('li');
        item.append(button);
        return item;
      }),
    );
    // A refusal with no problem to place (the list cannot be read at all) is still said.
    if (message && placed.length === 0) {
      const item = document.createElement('li');
      item.textContent = message;
      waiverProblems.append(item);
    }
    waiversText.setAttribute('aria-invalid', message ? 'true' : 'false');
    if (message) waiverStatus.textContent = 'The waivers are not valid: the declaration was not checked.';
  }

  return {
    attachments: () => ({ files: [...files.values()], ...(waiversText.value.trim() ? { waivers: waiversText.value } : {}) }),
    setLedgerFiles(next) {
      files.clear();
      for (const file of next) files.set(file.name, file);
      renderFiles();
    },
    waivers: () => waiversText.value,
    setWaivers(text) {
      waiversText.value = text;
    },
    showResult(result) {
      const notes = result ? missingFileNotes(result.validationErrors, new Set(files.keys())) : [];
      missing.textContent = notes.join(' ');
      showWaiverProblems(undefined);
      const outcomes = result?.waivers ?? [];
      if (outcomes.length === 0) {
        waiverStatus.textContent = '';
        return;
      }
      const count = (status: string) => outcomes.filter((w) => w.status === status).length;
      const idle = outcomes.filter((w) => w.status !== 'applied').map((w) => `${w.rule} ${w.status}`);
      waiverStatus.textContent = `${outcomes.length} waiver${outcomes.length === 1 ? '' : 's'}: ${count('applied')} applied, ${count('expired')} expired, ${count('unused')} unused${idle.length ? ` (${idle.join('; ')})` : ''}.`;
    },
    showWaiverProblems,
    notInLink: () => (files.size > 0 ? ` The ledger files (${[...files.keys()].join(', ')}) are not in the link: whoever opens it adds them again.` : ''),
  };
}
