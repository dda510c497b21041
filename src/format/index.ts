// The result formatters by the name the CLI's --format option takes.
import { formatJson, formatJsonl } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';
import type { Formatter } from './types.js';

export type { FormatOptions, Formatter } from './types.js';
export type { SarifOptions } from './sarif.js';
export { formatJson, formatJsonl, formatJunit, formatMarkdown, formatSarif, formatText };

export const formatters: Record<'text' | 'json' | 'jsonl' | 'junit' | 'markdown' | 'sarif', Formatter> = {
  text: formatText,
  json: formatJson,
  jsonl: formatJsonl,
  junit: formatJunit,
  markdown: formatMarkdown,
  sarif: formatSarif,
};
