// The declaration editor: CodeMirror 6 with YAML or JSON highlighting (told from the text), and the service's
// validation problems as inline diagnostics at their lines.
import { json } from '@codemirror/lang-json';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import type { CheckResult } from './api.js';
import { mediaTypeOf } from './api.js';

type ValidationProblem = CheckResult['validationErrors'][number];

export interface DeclarationEditor {
  view: EditorView;
  text(): string;
  setText(text: string): void;
  showProblems(problems: readonly ValidationProblem[]): void;
  reveal(line: number, column: number): void;
}

const languageOf = (text: string) => (mediaTypeOf(text) === 'application/json' ? json() : yaml());

/** The nonce the page's policy allows the editor's <style> element by (see src/serve/routes/workbench.ts). */
function styleNonce(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="style-nonce"]')?.content ?? '';
}

export function createEditor(parent: HTMLElement, onChange: (text: string) => void, onLanguage: (name: 'YAML' | 'JSON') => void): DeclarationEditor {
  const language = new Compartment();
  let current: 'YAML' | 'JSON' = 'YAML';
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: '',
      extensions: [
        EditorView.cspNonce.of(styleNonce()),
        basicSetup,
        language.of(yaml()),
        lintGutter(),
        EditorView.lineWrapping,
        // tabindex: axe counts a scroller as keyboard-reachable only by a focusable element inside it.
        EditorView.contentAttributes.of({ 'aria-label': 'Declaration, YAML or JSON', 'aria-multiline': 'true', tabindex: '0' }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          const text = update.state.doc.toString();
          const next = mediaTypeOf(text) === 'application/json' ? 'JSON' : 'YAML';
          if (next !== current) {
            current = next;
            // Reconfigured after this update: a dispatch inside an update listener is refused.
            queueMicrotask(() => view.dispatch({ effects: language.reconfigure(languageOf(text)) }));
            onLanguage(next);
          }
          onChange(text);
        }),
      ],
    }),
  });
  onLanguage(current);

  const positionOf = (line: number, column: number) => {
    const doc = view.state.doc;
    const at = doc.line(Math.min(Math.max(line, 1), doc.lines));
    return { from: at.from + Math.min(Math.max(column - 1, 0), at.length), line: at };
  };

  return {
    view,
    text: () => view.state.doc.toString(),
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: { anchor: 0 }, scrollIntoView: true });
    },
    showProblems(problems) {
      // A problem in a ledger file the declaration names has no place in this text; it is listed in the result.
      const diagnostics: Diagnostic[] = problems
        .filter((p) => !p.file)
        .map((p) => {
          const { from, line } = positionOf(p.line > 0 ? p.line : 1, p.column > 0 ? p.column : 1);
          return { from, to: Math.max(from, line.to), severity: 'error', source: p.pointer || undefined, message: p.message };
        });
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    reveal(line, column) {
      const { from } = positionOf(line, column);
      view.dispatch({ selection: { anchor: from }, effects: EditorView.scrollIntoView(from, { y: 'center' }) });
      view.focus();
    },
  };
}
