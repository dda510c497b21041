// Chart geometry for the report: numbers only. The templates draw the SVG, so every label stays escaped text.
import { figure } from './numbers.js';
import type { LedgerMetrics } from '../metrics/types.js';

export interface Tick {
  y: number;
  label: string;
}

function niceStep(range: number, targetTicks: number): number {
  const raw = range / Math.max(1, targetTicks);
  const magnitude = 10 ** Math.floor(Math.log10(raw || 1));
  const residual = raw / magnitude;
  return (residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1) * magnitude;
}

/** At most this many bars or rows per chart; the tables beside the charts list every figure. */
export const MAX_CHART_ITEMS = 24;

export interface WindowsChart {
  width: number;
  height: number;
  plotLeft: number;
  plotRight: number;
  zeroY: number;
  ticks: Tick[];
  groups: Array<{
    label: string;
    sublabel: string;
    labelX: number;
    earned: { x: number; y: number; width: number; height: number };
    used: { x: number; y: number; width: number; height: number };
    balance: { x: number; y: number; negative: boolean };
  }>;
  shown: number;
  total: number;
}

/** Per pool and balancing window: credits earned, credits used and the closing balance. */
export function windowsChart(ledger: LedgerMetrics): WindowsChart | null {
  const pools = ledger.pools.filter((p) => p.creditsEarned > 0 || p.creditsUsed > 0 || p.creditsCarriedIn > 0);
  if (pools.length === 0) return null;
  const shownPools = pools.slice(0, MAX_CHART_ITEMS);
  const width = 640;
  const height = 240;
  const plotLeft = 64;
  const plotRight = width - 12;
  const plotTop = 12;
  const plotBottom = height - 44;
  const max = Math.max(...shownPools.flatMap((p) => [p.creditsEarned, p.creditsUsed, p.closingBalance]), 0);
  const min = Math.min(...shownPools.map((p) => p.closingBalance), 0);
  const step = niceStep(max - min, 4);
  const top = Math.ceil(max / step) * step || step;
  const bottom = Math.floor(min / step) * step;
  const y = (v: number) => plotBottom - ((v - bottom) / (top - bottom)) * (plotBottom - plotTop);
  const ticks: Tick[] = [];
  // Ticks by index, not by repeated addition, so float drift never repeats or skips a label.
  for (let i = 0; bottom + i * step <= top + step / 2; i++) ticks.push({ y: y(bottom + i * step), label: figure(bottom + i * step) });
  const band = (plotRight - plotLeft) / shownPools.length;
  const barWidth = Math.min(28, band * 0.32);
  const zeroY = y(0);
  const bar = (x: number, v: number) => ({ x, y: Math.min(y(v), zeroY), width: barWidth, height: Math.abs(zeroY - y(v)) });
  return {
    width,
    height,
    plotLeft,
    plotRight,
    zeroY,
    ticks,
    groups: shownPools.map((p, i) => {
      const center = plotLeft + band * (i + 0.5);
      return {
        label: p.boundaryKey,
        sublabel: p.window.start,
        labelX: center,
        earned: bar(center - barWidth - 1, p.creditsEarned),
        used: bar(center + 1, p.creditsUsed),
        balance: { x: center, y: y(p.closingBalance), negative: p.closingBalance < 0 },
      };
    }),
    shown: shownPools.length,
    total: pools.length,
  };
}

export interface OutputsChart {
  width: number;
  height: number;
  labelWidth: number;
  plotLeft: number;
  plotRight: number;
  ticks: Array<{ x: number; label: string }>;
  baselineX: number;
  rows: Array<{
    id: string;
    y: number;
    barWidth: number;
    stacked: boolean;
    lowestX: number | null;
    averageX: number | null;
    value: string;
  }>;
  shown: number;
  total: number;
}

/**
 * Per output: its attributed factor against its pool's lowest input and pool average. Outputs that carry a
 * reduction come first (stacked ones first of all): they are what a reader must check.
 */
export function outputsChart(ledger: LedgerMetrics): OutputsChart | null {
  if (ledger.outputs.length === 0) return null;
  const ordered = [...ledger.outputs].sort((a, b) => Number(b.stacked) - Number(a.stacked) || Number(b.claimed) - Number(a.claimed) || a.emissionFactor - b.emissionFactor);
  const shown = ordered.slice(0, MAX_CHART_ITEMS);
  const rowHeight = 18;
  const labelWidth = 120;
  const width = 640;
  const plotLeft = labelWidth + 8;
  const plotRight = width - 56;
  const height = 28 + shown.length * rowHeight + 24;
  const max = Math.max(ledger.baseline.emissionFactor, ...shown.map((o) => Math.max(o.emissionFactor, o.poolAverage ?? 0)), 0.1);
  const step = niceStep(max, 5);
  const top = Math.ceil(max / step) * step;
  const x = (v: number) => plotLeft + (v / top) * (plotRight - plotLeft);
  const ticks = [];
  for (let i = 0; i * step <= top + step / 2; i++) ticks.push({ x: x(i * step), label: figure(i * step, 'factor') });
  return {
    width,
    height,
    labelWidth,
    plotLeft,
    plotRight,
    ticks,
    baselineX: x(ledger.baseline.emissionFactor),
    rows: shown.map((o, i) => ({
      id: o.id,
      y: 20 + i * rowHeight,
      // A stacked output at zero would have no bar to colour: it is the worst case, so it keeps a sliver of red.
      barWidth: Math.max(o.stacked ? 3 : 0.5, x(o.emissionFactor) - plotLeft),
      stacked: o.stacked,
      lowestX: o.lowestInputEmissionFactor === null ? null : x(o.lowestInputEmissionFactor),
      averageX: o.poolAverage === null ? null : x(o.poolAverage),
      value: figure(o.emissionFactor, 'factor'),
    })),
    shown: shown.length,
    total: ledger.outputs.length,
  };
}
