// The TypeScript model is generated from the JSON Schemas and must never drift from them.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('generated types', () => {
  it('match schemas/*.schema.json (run npm run gen:types after changing a schema)', () => {
    expect(() => execFileSync(process.execPath, ['scripts/generate-types.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});
