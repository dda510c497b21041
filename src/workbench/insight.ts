// The Method and Metrics panels of the result: filled from the view the service sends with each check
// (include=view), or told why there is nothing to show.
import type { CheckedResult } from './api.js';
import { element } from './dom.js';
import { renderMethod } from './methodView.js';
import { renderMetrics } from './metricsView.js';

/** What each panel says before any check: index.html's own words, kept to put back. */
const initial = new WeakMap<HTMLElement, Node[]>();

function say(panel: HTMLElement, text: string): void {
  panel.replaceChildren(element('p', { class: 'help' }, text));
}

export function showInsight(methodPanel: HTMLElement, metricsPanel: HTMLElement, result: CheckedResult | undefined): void {
  for (const panel of [methodPanel, metricsPanel]) if (!initial.has(panel)) initial.set(panel, [...panel.childNodes].map((n) => n.cloneNode(true)));
  if (!result) {
    for (const panel of [methodPanel, metricsPanel]) panel.replaceChildren(...(initial.get(panel) ?? []).map((n) => n.cloneNode(true)));
    return;
  }
  if (!result.valid) {
    say(methodPanel, 'The declaration is not valid, so its method cannot be mapped: fix the problems listed under Findings.');
    say(metricsPanel, 'The declaration is not valid, so no figure is derived: fix the problems listed under Findings.');
    return;
  }
  const view = result.view;
  if (!view) {
    say(methodPanel, 'The service sent no method profile with this result.');
    say(metricsPanel, 'The service sent no ledger figures with this result.');
    return;
  }
  methodPanel.replaceChildren(renderMethod(view));
  metricsPanel.replaceChildren(renderMetrics(view.ledger));
}

