// Balancing windows: they start at period.start and step by the balancing period, in whole calendar months.
// Dates are handled as year, month and day numbers, never through Date, so that every date the schema admits
// (0001-01-01 to 9999-12-31) has its windows: Date maps years 0-99 onto 1900-1999 and writes years past 9999
// with a sign, which broke the comparison of ISO strings.
import type { Period } from '../generated/declaration.js';
import type { BalancingWindow } from '../generated/metrics.js';

export type { BalancingWindow };

export function monthsOf(balancingPeriod: string | undefined): number | null {
  if (balancingPeriod === undefined) return null;
  const match = /^P(\d+)([MY])$/.exec(balancingPeriod);
  if (!match) throw new Error(`unsupported balancing period ${balancingPeriod}`);
  return Number(match[1]) * (match[2] === 'Y' ? 12 : 1);
}

interface Day {
  year: number;
  month: number;
  day: number;
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export const daysInMonth = (year: number, month: number): number => (month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!);

function parse(iso: string): Day {
  return { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** Past 9999 (only ever a window start after a period that ends in 9999): a key that sorts after every real date. */
const AFTER_EVERY_DATE = '9999-99-99';
function format({ year, month, day }: Day): string {
  return year > 9999 ? AFTER_EVERY_DATE : `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Adds whole months, keeping the day of month where it exists and the month's last day where it does not. */
export function addMonths(isoDate: string, months: number): string {
  const d = parse(isoDate);
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return format({ year, month, day: Math.min(d.day, daysInMonth(year, month)) });
}

function dayBefore(isoDate: string): string {
  const d = parse(isoDate);
  if (d.day > 1) return format({ ...d, day: d.day - 1 });
  const year = d.month === 1 ? d.year - 1 : d.year;
  const month = d.month === 1 ? 12 : d.month - 1;
  return format({ year, month, day: daysInMonth(year, month) });
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
