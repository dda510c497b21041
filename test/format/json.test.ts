import { describe, it, expect } from 'vitest';
import { formatJson, formatJsonl } from '../../src/format/json.js';
import { allResults, failingResult, passingResult } from './sample.js';

describe('formatJson', () => {
  it('prints a single result as an object with two-space indentation and a trailing newline', () => {
    const out = formatJson([failingResult]);
    expect(out.endsWith('}\n')).toBe(true);
    expect(out).toContain('\n  "schemaVersion": "1"');
    expect(JSON.parse(out)).toEqual(failingResult);
  });

  it('prints several results as an array', () => {
    const parsed: unknown = JSON.parse(formatJson([passingResult, failingResult]));
    expect(Array.isArray(parsed)).toBe(true);
    expect(parsed).toEqual([passingResult, failingResult]);
  });
});

describe('formatJsonl', () => {
  it('prints one compact line per result, each parseable on its own', () => {
    const out = formatJsonl(allResults);
    const lines = out.trimEnd().split('\n');
    expect(out.endsWith('\n')).toBe(true);
    expect(lines).toHaveLength(allResults.length);
    lines.forEach((line, i) => expect(JSON.parse(line)).toEqual(allResults[i]));
  });

  it('prints nothing for no results', () => {
    expect(formatJsonl([])).toBe('');
  });
});
