// What the page's two editors (the declaration and the ruleset) share: the policy's style nonce, the place of a
// line and column in the text, problems as diagnostics at their lines, and moving the caret to a place.
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { basicSetup } from 'codemirror';
import { EditorView } from '@codemirror/view';
import type { Extension } from '@codemirror/state';

/**
 * What both editors are made of, besides their language: the policy's nonce, CodeMirror's basic setup, the gutter
 * that marks problems, and a name for a screen reader.
 */
export function editorBasics(label: string): Extension[] {
  return [styleNonce(), basicSetup, lintGutter(), editableNamed(label)];
}

/** The nonce the page's policy allows CodeMirror's <style> element by (see src/serve/routes/workbench.ts). */
export function styleNonce(): Extension {
  return EditorView.cspNonce.of(document.querySelector<HTMLMetaElement>('meta[name="style-nonce"]')?.content ?? '');
}

/** The editable text's name for a screen reader; tabindex because axe counts a scroller as keyboard-reachable only by a focusable element inside it. */
export function editableNamed(label: string): Extension {
  return EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true', tabindex: '0' });
}

/** 1-based line and column, held inside the text: a problem's place may be past its end once the text changed. */
function positionOf(view: EditorView, line: number, column: number) {
  const doc = view.state.doc;
  const at = doc.line(Math.min(Math.max(line, 1), doc.lines));
  return { from: at.from + Math.min(Math.max(column - 1, 0), at.length), line: at };
}

export interface PlacedProblem {
  line: number;
  column: number;
  message: string;
  source?: string | undefined;
}

/** Each problem marked from its place to the end of its line (line 0: the whole document, marked at its start). */
export function showProblemsIn(view: EditorView, problems: readonly PlacedProblem[]): void {
  const diagnostics: Diagnostic[] = problems.map((p) => {
    const { from, line } = positionOf(view, p.line > 0 ? p.line : 1, p.column > 0 ? p.column : 1);
    return { from, to: Math.max(from, line.to), severity: 'error', ...(p.source ? { source: p.source } : {}), message: p.message };
  });
  view.dispatch(setDiagnostics(view.state, diagnostics));
}

export function revealIn(view: EditorView, line: number, column: number): void {
  const { from } = positionOf(view, line, column);
  view.dispatch({ selection: { anchor: from }, effects: EditorView.scrollIntoView(from, { y: 'center' }) });
  view.focus();
}

export function replaceText(view: EditorView, text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: { anchor: 0 }, scrollIntoView: true });
}
