// The service's default limits and the parsers of its command-line options: light, so the CLI can load it always.
import { MbcheckError } from '../errors.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULTS = {
  maxBodyBytes: 5 * 1024 * 1024,
  maxLedgerLines: 100_000,
  maxConcurrentRenders: 2,
  requestTimeoutMs: 30_000,
  logLevel: 'info',
} as const;

/** A command-line parser for a whole-number option, with the option's name in its error. */
export function wholeNumber(flag: string, minimum = 1): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < minimum || !Number.isSafeInteger(Number(value))) {
      throw new MbcheckError('usage', `${flag} must be a whole number of at least ${minimum}; got "${value}"`);
    }
    return Number(value);
  };
}
