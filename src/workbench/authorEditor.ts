// The ruleset editor of the Author tab: CodeMirror 6 with JSON, and `ruleset lint` problems as inline
// diagnostics at their lines (the declaration editor's pattern, for a second, JSON-only editor).
import { json } from '@codemirror/lang-json';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { LintProblem } from './authorApi.js';
import { editorBasics, replaceText, revealIn, showProblemsIn } from './editorParts.js';

export interface RulesetEditor {
  text(): string;
  setText(text: string): void;
  showProblems(problems: readonly LintProblem[]): void;
  reveal(line: number, column: number): void;
}

export function createRulesetEditor(parent: HTMLElement, onChange: (text: string) => void): RulesetEditor {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: '',
      extensions: [
        ...editorBasics('Ruleset, JSON'),
        json(),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
        }),
      ],
    }),
  });

  return {
    text: () => view.state.doc.toString(),
    setText: (text) => replaceText(view, text),
    showProblems: (problems) => showProblemsIn(view, problems.map((p) => ({ line: p.line, column: p.column, source: p.pointer || '/', message: `${p.message} [${p.code}]` }))),
    reveal: (line, column) => revealIn(view, line, column),
  };
}
