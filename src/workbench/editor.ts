// The declaration editor: CodeMirror 6 with YAML or JSON highlighting (told from the text), completion from the
// declaration schema, and the service's validation problems as inline diagnostics at their lines.
import { json } from '@codemirror/lang-json';
import { autocompletion } from '@codemirror/autocomplete';
import { yaml } from '@codemirror/lang-yaml';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { CheckResult } from './api.js';
import { mediaTypeOf } from './api.js';
import { editorBasics, replaceText, revealIn, showProblemsIn } from './editorParts.js';
import { schemaCompletion } from './schemaCompletion.js';

type ValidationProblem = CheckResult['validationErrors'][number];

export interface DeclarationEditor {
  view: EditorView;
  text(): string;
  setText(text: string): void;
  showProblems(problems: readonly ValidationProblem[]): void;
  reveal(line: number, column: number): void;
}

const languageOf = (text: string) => (mediaTypeOf(text) === 'application/json' ? json() : yaml());

/**
 * `replacedAll`: the change took the whole earlier text (a paste over all of it, a link, an example), rather than
 * editing part of it.
 */
export function createEditor(parent: HTMLElement, onChange: (text: string, replacedAll: boolean) => void, onLanguage: (name: 'YAML' | 'JSON') => void): DeclarationEditor {
  const language = new Compartment();
  let current: 'YAML' | 'JSON' = 'YAML';
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: '',
      extensions: [
        ...editorBasics('Declaration, YAML or JSON'),
        // One source for both languages: the schema's names and values at the cursor's path (schemaCompletion.ts).
        autocompletion({ override: [schemaCompletion()] }),
        language.of(yaml()),
        EditorView.lineWrapping,
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
          let replacedAll = false;
          update.changes.iterChangedRanges((fromA, toA) => {
            if (fromA === 0 && toA === update.startState.doc.length) replacedAll = true;
          });
          onChange(text, replacedAll);
        }),
      ],
    }),
  });
  onLanguage(current);

  return {
    view,
    text: () => view.state.doc.toString(),
    setText: (text) => replaceText(view, text),
    // A problem in a ledger file the declaration names has no place in this text; it is listed in the result.
    showProblems: (problems) => showProblemsIn(view, problems.filter((p) => !p.file).map((p) => ({ line: p.line, column: p.column, source: p.pointer || undefined, message: p.message }))),
    reveal: (line, column) => revealIn(view, line, column),
  };
}
