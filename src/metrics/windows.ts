// Balancing windows: they start at period.start and step by the balancing period, in whole months.
import type { Period } from '../generated/declaration.js';

export interface BalancingWindow {
  index: number;
  /** First day, inclusive. */
  start: string;
  /** Last day, inclusive (the period's end for the last window). */
  end: string;
}

export function monthsOf(balancingPeriod: string | undefined): number | null {
  if (balancingPeriod === undefined) return null;
  const match = /^P(\d+)([MY])$/.exec(balancingPeriod);
  if (!match) throw new Error(`unsupported balancing period ${balancingPeriod}`);
  return Number(match[1]) * (match[2] === 'Y' ? 12 : 1);
}

function toDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Adds whole months, keeping the day of month where it exists and the month's last day where it does not. */
export function addMonths(isoDate: string, months: number): string {
  const d = toDate(isoDate);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return iso(target);
}

function dayBefore(isoDate: string): string {
  const d = toDate(isoDate);
  d.setUTCDate(d.getUTCDate() - 1);
  return iso(d);
}

/** The windows covering the period; without a balancing period, the whole period is one window. */
export function balancingWindows(period: Period, balancingPeriod: string | undefined): BalancingWindow[] {
  const months = monthsOf(balancingPeriod);
  if (months === null) return [{ index: 0, start: period.start, end: period.end }];
  const windows: BalancingWindow[] = [];
  for (let index = 0; ; index++) {
    const start = addMonths(period.start, index * months);
    if (start > period.end) break;
    const next = addMonths(period.start, (index + 1) * months);
    const end = next > period.end ? period.end : dayBefore(next);
    windows.push({ index, start, end });
  }
  return windows;
}

/** Returns a function from a date to its window index; dates are few, so each is looked up once. */
export function windowIndexer(windows: BalancingWindow[]): (date: string) => number {
  const cache = new Map<string, number>();
  return (date) => {
    let index = cache.get(date);
    if (index === undefined) {
      let lo = 0;
      let hi = windows.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (windows[mid]!.start <= date) lo = mid;
        else hi = mid - 1;
      }
      index = lo;
      cache.set(date, index);
    }
    return index;
  };
}
