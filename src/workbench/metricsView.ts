// The Metrics panel: the report's ledger chapter (templates/report/report.hbs): the key figures, the credits per
// balancing window, the books pool by pool and the attributed factor of each output, all as the report's model
// formats them, so that the page and the report state the same numbers.
import type { CrossSiteView, LedgerView, PoolColumn } from './api.js';
import { outputsChartFigure, windowsChartFigure } from './charts.js';
import { element } from './dom.js';

const NO_LEDGER = 'The declaration has no ledger: only the declared method is judged, and every rule that needs the ledger reports “cannot tell”.';

const th = (text: string, attributes: Record<string, string> = {}) => element('th', { scope: 'col', ...attributes }, text);
const num = (text: string) => element('td', { class: 'num' }, text);

/** A wide table scrolls inside its own box, reachable by keyboard, instead of widening the pane. */
function scrolling(table: HTMLTableElement, label: string): HTMLElement {
  return element('div', { class: 'table-scroll', role: 'region', 'aria-label': label, tabindex: '0' }, table);
}

function figuresTable(ledger: LedgerView): HTMLTableElement {
  return element(
    'table',
    { class: 'figures' },
    element('caption', {}, 'Key figures'),
    element('thead', {}, element('tr', {}, th('Figure'), th('Value', { class: 'num' }), th('Unit'), th('How it is computed'))),
    element('tbody', {}, ...ledger.figures.map((f) => element('tr', {}, element('th', { scope: 'row' }, f.label), num(f.value), element('td', { class: 'unit' }, f.unit), element('td', { class: 'how' }, f.how)))),
  );
}

const PHYSICAL: Array<[PoolColumn, string]> = [['stockCarriedIn', 'Stock in'], ['inputMass', 'Input'], ['averageEmissionFactor', 'Average'], ['lowestInputEmissionFactor', 'Lowest'], ['outputMass', 'Output']];
const CREDITS: Array<[PoolColumn, string]> = [['creditsCarriedIn', 'Carried in'], ['creditsWithStock', 'With stock'], ['creditsEarned', 'Earned'], ['creditsUsed', 'Used'], ['closingBalance', 'Closing'], ['creditsToStock', 'To stock']];

function poolsTable(ledger: LedgerView): HTMLTableElement {
  const columns = [...PHYSICAL, ...CREDITS];
  const rows = ledger.pools.map((pool) =>
    element(
      'tr',
      { 'data-pool': pool.id },
      element('th', { scope: 'row' }, element('span', { class: 'nowrap' }, pool.boundaryKey), element('br'), element('span', { class: 'nowrap help' }, `${pool.window.start} to ${pool.window.end}`)),
      ...columns.map(([column]) => num(pool.fmt[column])),
      num(`${pool.fmt.creditsExpired} / ${pool.fmt.creditsForfeited}`),
      num(pool.fmt.overdraft),
      element('td', {}, pool.volume),
    ),
  );
  return element(
    'table',
    { class: 'pools' },
    element('caption', {}, 'The books, pool by pool'),
    element(
      'thead',
      {},
      element('tr', {}, th('Pool', { rowspan: '2' }), th(`Physical account (${ledger.unit}, tCO2e/t)`, { colspan: String(PHYSICAL.length), scope: 'colgroup', class: 'group' }), th(`Credit account (${ledger.emissionsUnit})`, { colspan: String(CREDITS.length + 2), scope: 'colgroup', class: 'group' }), th('Volume', { rowspan: '2' })),
      element('tr', {}, ...columns.map(([, label]) => th(label, { class: 'num' })), th('Expired / forfeited', { class: 'num' }), th('Overdraft', { class: 'num' })),
    ),
    element('tbody', {}, ...rows),
  );
}

function stackedTable(ledger: LedgerView): HTMLTableElement {
  return element(
    'table',
    { class: 'stacked' },
    element('caption', {}, 'Stacked outputs'),
    element('thead', {}, element('tr', {}, th('Output'), th('Pool'), th('Attributed', { class: 'num' }), th('Lowest factor entered', { class: 'num' }), th('Stacking factor', { class: 'num' }))),
    element('tbody', {}, ...ledger.stackedOutputs.map((o) => element('tr', {}, element('th', { scope: 'row' }, o.outputId), element('td', {}, o.pool), num(o.emissionFactor), num(o.lowestInputEmissionFactor), num(o.stackingFactor)))),
  );
}

function sitesTable(crossSite: CrossSiteView): HTMLTableElement {
  return element(
    'table',
    { class: 'sites' },
    element('caption', {}, 'Credits by site'),
    element('thead', {}, element('tr', {}, th('Site'), th('Credits earned', { class: 'num' }), th('Credits used', { class: 'num' }), th('From other sites', { class: 'num' }), th('Of which without a physical link', { class: 'num' }))),
    element('tbody', {}, ...crossSite.sites.map((s) => element('tr', {}, element('th', { scope: 'row' }, s.site), num(s.creditsEarned), num(s.creditsUsed), num(s.creditsImported), num(s.creditsImportedWithoutPhysicalLink)))),
  );
}

/** The Metrics panel's content for the ledger of a view (null: the declaration has none). */
export function renderMetrics(ledger: LedgerView | null): DocumentFragment {
  const out = document.createDocumentFragment();
  if (!ledger) {
    out.append(element('p', { class: 'no-ledger' }, NO_LEDGER));
    return out;
  }
  out.append(
    scrolling(figuresTable(ledger), 'Key figures'),
    element('h3', {}, 'Credits per balancing window'),
    ledger.windowsChart ? windowsChartFigure(ledger.windowsChart) : element('p', { class: 'help' }, 'No credits were earned or used.'),
    element('p', { class: 'help' }, ledger.poolsExplanation),
    scrolling(poolsTable(ledger), 'The books, pool by pool'),
  );
  if (ledger.crossSite) out.append(element('h3', {}, 'Credits by site'), element('p', { class: 'help' }, ledger.crossSite.explanation), scrolling(sitesTable(ledger.crossSite), 'Credits by site'));
  out.append(element('h3', {}, 'Attributed factor of each output'), ledger.outputsChart ? outputsChartFigure(ledger.outputsChart) : element('p', { class: 'help' }, 'The ledger has no outputs.'));
  if (ledger.stackedOutputs.length) {
    out.append(scrolling(stackedTable(ledger), 'Stacked outputs'), element('p', { class: 'help' }, 'Stacking factor (B − a) / (B − lowest factor that entered the pool): how many inputs\' worth of reduction the output carries.'));
  }
  return out;
}
