import { describe, it, expect } from 'vitest';
import { formatters } from '../../src/format/index.js';
import { allResults } from './sample.js';

describe('formatters', () => {
  it('offers every format by its CLI name, each producing text ending in a newline', () => {
    expect(Object.keys(formatters).sort()).toEqual(['json', 'jsonl', 'junit', 'markdown', 'sarif', 'text']);
    for (const format of Object.values(formatters)) expect(format(allResults).endsWith('\n')).toBe(true);
  });
});
