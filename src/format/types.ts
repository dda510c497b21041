// The shared shape of result formatters, so the CLI can pick one by name.
import type { CheckResult } from '../result.js';

export interface FormatOptions {
  color?: boolean;
  verbose?: boolean;
}

export type Formatter = (results: CheckResult[], options?: FormatOptions) => string;
