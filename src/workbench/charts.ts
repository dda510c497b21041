// The report's two ledger charts drawn in the page: the geometry comes computed from the service (src/report/charts.ts,
// the report's own), and the marks follow templates/report/windowsChart.hbs and outputsChart.hbs. Two changes for a
// screen narrower than a page: the legend is HTML below the drawing, where it wraps, and the labels are larger
// (workbench.css), the pool labels set further apart to fit them. Colours are CSS classes: the page's policy allows
// no inline style.
import type { OutputsChart, WindowsChart } from '../report/charts.js';
import { element, svgElement } from './dom.js';

type LegendKey = 'earned' | 'used' | 'balance' | 'lowest' | 'average' | 'baseline' | 'stacked';

function legend(entries: Array<[LegendKey, string]>): HTMLElement {
  return element('ul', { class: 'chart-legend' }, ...entries.map(([key, label]) => element('li', {}, element('span', { class: `key key-${key}`, 'aria-hidden': 'true' }), label)));
}

function chartFigure(svg: SVGSVGElement, keys: HTMLElement, caption: string, label: string): HTMLElement {
  // Below a readable width the drawing scrolls in its own box rather than shrinking its labels away.
  const box = element('div', { class: 'chart-scroll', role: 'region', 'aria-label': label, tabindex: '0' }, svg);
  return element('figure', { class: 'chart' }, box, keys, element('figcaption', {}, caption));
}

function frame(width: number, height: number, label: string): SVGSVGElement {
  // The viewBox scales the drawing to the panel's width; role and label name it for a screen reader.
  return svgElement('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-label': label, class: 'chart-svg' });
}

const text = (x: number, y: number, content: string, anchor?: 'start' | 'middle' | 'end') => svgElement('text', { x, y, ...(anchor ? { 'text-anchor': anchor } : {}) }, content);

/** Credits earned and used, and the closing balance, per pool and balancing window. */
export function windowsChartFigure(chart: WindowsChart): HTMLElement {
  const { width, height, plotLeft, plotRight, zeroY } = chart;
  const svg = frame(width, height, 'Credits earned, used and closing balance per pool and balancing window');
  for (const tick of chart.ticks) svg.append(svgElement('line', { class: 'axis', x1: plotLeft, x2: plotRight, y1: tick.y, y2: tick.y }), text(plotLeft - 4, tick.y + 3, tick.label, 'end'));
  svg.append(svgElement('line', { class: 'zero', x1: plotLeft, x2: plotRight, y1: zeroY, y2: zeroY }));
  for (const group of chart.groups) {
    svg.append(
      svgElement('rect', { class: 'earned', ...group.earned }),
      svgElement('rect', { class: 'used', ...group.used }),
      svgElement('circle', { class: group.balance.negative ? 'balance negative' : 'balance', cx: group.balance.x, cy: group.balance.y, r: 3 }),
      text(group.labelX, height - 28, group.label, 'middle'),
      text(group.labelX, height - 12, group.sublabel, 'middle'),
    );
  }
  const keys = legend([['earned', 'earned'], ['used', 'used'], ['balance', 'closing balance (red when negative)']]);
  const partial = chart.shown < chart.total ? ` The first ${chart.shown} of ${chart.total} pools are drawn; the table lists all.` : '';
  return chartFigure(svg, keys, `Credits earned and used in each pool and window, and the closing balance (carried in + with the stock + earned − used).${partial}`, 'Chart: credits per balancing window');
}

/** Each output's attributed factor against the lowest factor that entered its pool and the pool's average. */
export function outputsChartFigure(chart: OutputsChart): HTMLElement {
  const { width, height, labelWidth, plotLeft, plotRight, baselineX } = chart;
  const svg = frame(width, height, 'Attributed factor of each output against the lowest factor that entered its pool and its average');
  for (const tick of chart.ticks) svg.append(svgElement('line', { class: 'axis', x1: tick.x, x2: tick.x, y1: 14, y2: height - 22 }), text(tick.x, 11, tick.label, 'middle'));
  svg.append(svgElement('line', { class: 'baseline', x1: baselineX, x2: baselineX, y1: 14, y2: height - 22 }));
  for (const row of chart.rows) {
    svg.append(text(labelWidth, row.y + 10, row.id, 'end'), svgElement('rect', { class: row.stacked ? 'bar stacked' : 'bar', x: plotLeft, y: row.y + 2, width: row.barWidth, height: 11 }));
    // As the template: a mark at x = 0 is not drawn (it would sit on the axis).
    if (row.averageX) svg.append(svgElement('line', { class: 'average', x1: row.averageX, x2: row.averageX, y1: row.y, y2: row.y + 15 }));
    if (row.lowestX) svg.append(svgElement('line', { class: 'lowest', x1: row.lowestX, x2: row.lowestX, y1: row.y, y2: row.y + 15 }));
    svg.append(text(plotRight + 4, row.y + 10, row.value));
  }
  const keys = legend([['lowest', 'lowest factor that entered the pool'], ['average', 'pool average'], ['baseline', 'baseline'], ['stacked', 'stacked (below that lowest factor)']]);
  const partial = chart.shown < chart.total ? ` The ${chart.shown} most telling of ${chart.total} outputs are drawn (those carrying a reduction first); the JSON result lists every output.` : '';
  return chartFigure(svg, keys, `Attributed factor (tCO2e/t) of each output, with the lowest factor that entered its pool (inputs, stock at its blended factor, credits at their origin) and the pool average, stock included. An output left of the red mark is stacked.${partial}`, 'Chart: attributed factor of each output');
}
