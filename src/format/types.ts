// The shared shape of result formatters, so the CLI can pick one by name.
import type { CheckResult, Level } from '../result.js';

export interface FormatOptions {
  color?: boolean;
  verbose?: boolean;
  /** check --fail-on: the verdicts shown are those the exit code gives (default shall). */
  failOn?: Level;
}

export type Formatter = (results: CheckResult[], options?: FormatOptions) => string;
