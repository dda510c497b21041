// Machine-readable output: the CheckResult objects as JSON, or as JSON Lines for streaming batch runs.
import type { Formatter } from './types.js';

export const formatJson: Formatter = (results) => {
  // A single result stays an object so `mbcheck check one.yaml --format json | jq .verdict` works without indexing.
  const document = results.length === 1 ? results[0] : results;
  return JSON.stringify(document, null, 2) + '\n';
};

export const formatJsonl: Formatter = (results) => results.map((result) => JSON.stringify(result) + '\n').join('');
