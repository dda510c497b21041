// The Method panel: the seven-decision map of the report's method profile (templates/report/report.hbs), from the
// view the service computes with the report's own model. Text goes in as text nodes only.
import type { CheckView, ProfileDecisionView, ProfileOptionView } from './api.js';
import { element } from './dom.js';

const integrityWords: Record<ProfileOptionView['integrity'], string> = { higher: 'higher integrity', medium: 'medium integrity', lower: 'lower integrity' };

function optionItem(option: ProfileOptionView): HTMLElement {
  const item = element(
    'li',
    { class: `option integrity-${option.integrity}${option.chosen ? ' chosen' : ''}`, 'data-value': option.value },
    element('span', { class: 'option-label' }, option.label),
    ' ',
    element('span', { class: `integrity integrity-${option.integrity}` }, integrityWords[option.integrity]),
  );
  // Said in words as well as by the frame: the declared option must not rest on colour alone.
  if (option.chosen) item.append(' ', element('strong', { class: 'badge declared-badge' }, 'declared'));
  item.append(element('p', { class: 'option-note' }, option.note));
  return item;
}

function ruleList(label: string, kind: 'fails' | 'warns', ids: string[]): HTMLElement {
  const list = element('span', { class: `rules-${kind}` }, element('span', { class: `badge outcome-${kind === 'fails' ? 'fail' : 'warning'}` }, label));
  for (const id of ids) list.append(' ', element('code', { class: 'rule-id' }, id));
  return list;
}

function decisionItem(decision: ProfileDecisionView): HTMLElement {
  const headingId = `decision-${decision.decision}-name`;
  const declared = element('p', { class: 'declared' }, element('strong', {}, 'Declared: '), decision.declared ?? 'not declared');
  if (decision.failing.length) declared.append(' ', ruleList('fails', 'fails', decision.failing));
  if (decision.warning.length) declared.append(' ', ruleList('warns', 'warns', decision.warning));
  return element(
    'li',
    { class: 'decision-card', 'data-decision': String(decision.decision), 'aria-labelledby': headingId },
    element('h4', { id: headingId }, `${decision.decision}. ${decision.name}`),
    element('p', { class: 'question' }, decision.question),
    element('ul', { class: 'options', 'aria-label': `Options at decision ${decision.decision}` }, ...decision.options.map(optionItem)),
    declared,
  );
}

/** The Method panel's content for a view of a valid declaration. */
export function renderMethod(view: CheckView): DocumentFragment {
  const out = document.createDocumentFragment();
  out.append(
    element('p', { class: 'help' }, `The seven decisions that shape a mass-balance method, with the option this declaration takes marked. The method is the ${view.isoModel} of ISO 22095-2.`),
    element(
      'p',
      { class: 'legend', 'aria-hidden': 'true' },
      'Declared option: ',
      element('span', { class: 'swatch integrity-higher' }),
      'higher integrity ',
      element('span', { class: 'swatch integrity-medium' }),
      'medium ',
      element('span', { class: 'swatch integrity-lower' }),
      'lower integrity',
    ),
    element('ol', { class: 'decisions', 'aria-label': 'The seven decisions' }, ...view.methodProfile.map(decisionItem)),
  );
  if (view.claim.length) out.append(element('h3', {}, 'What the claim says'), ...view.claim.map((sentence) => element('p', { class: 'claim-sentence' }, sentence)));
  return out;
}
