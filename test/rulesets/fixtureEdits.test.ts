// A fixture case's edits (set, remove) on its declaration: a pointer that cannot apply is a fixture error naming the
// file, the case and the pointer, never a list of a hundred million empty places or a TypeError.
import { describe, expect, it } from 'vitest';
import { MbcheckError } from '../../src/errors.js';
import { materialise, type FixtureCase } from '../../src/rulesets/fixtures.js';

const FILE = 'rulesets/integrity/tests/example.yaml';
const declaration = { title: 'Base', ledger: { inputs: [{ id: 'in-1' }, { id: 'in-2' }] } };
const build = (set: Record<string, unknown>, remove?: string[]) =>
  materialise(FILE, { name: 'a case', expect: 'pass', declaration, set, ...(remove ? { remove } : {}) } satisfies FixtureCase) as typeof declaration & Record<string, unknown>;

function refusal(run: () => unknown): MbcheckError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MbcheckError);
    return error as MbcheckError;
  }
  throw new Error('expected a fixture error');
}

describe('materialise', () => {
  it('refuses an index beyond the end of a list (before: a sparse list of 10^8 places, and a heap out of memory)', () => {
    for (const pointer of ['/ledger/inputs/100000000', '/ledger/inputs/10000000', '/ledger/inputs/3', '/ledger/inputs/3/id']) {
      const error = refusal(() => build({ [pointer]: 1 }));
      expect(error.code).toBe('fixture-invalid');
      expect(error.message).toContain(FILE);
      expect(error.message).toContain('case "a case"');
      expect(error.message).toContain(`set "${pointer}"`);
      expect(error.message).toMatch(/\/ledger\/inputs is a list of 2 items: an index sets one \(0 to 1\), and 2 or "-" appends one/);
    }
  });

  it('refuses a segment that is not an index into a list', () => {
    for (const pointer of ['/ledger/inputs/x', '/ledger/inputs/01', '/ledger/inputs/-1']) {
      expect(refusal(() => build({ [pointer]: 1 })).message).toMatch(/is none of these/);
    }
  });

  it('refuses writing through a text, a number or a boolean (before: a TypeError)', () => {
    const error = refusal(() => build({ '/title/x': 1 }));
    expect(error.code).toBe('fixture-invalid');
    expect(error.message).toBe(`${FILE}: case "a case": set "/title/x": /title is a string, not a mapping or a list, so it has no "x"`);
    expect(refusal(() => materialise(FILE, { name: 'n', expect: 'pass', declaration: 5, set: { '/a': 1 } })).message).toMatch(/the declaration is a number/);
  });

  it('still sets an item, appends with its length or "-", and creates missing mappings', () => {
    const built = build({ '/ledger/inputs/0/id': 'first', '/ledger/inputs/2': { id: 'in-3' }, '/ledger/inputs/-': { id: 'in-4' }, '/site/name': 'S' });
    expect(built.ledger.inputs.map((i) => i.id)).toEqual(['first', 'in-2', 'in-3', 'in-4']);
    expect(built['site']).toEqual({ name: 'S' });
    expect(declaration.ledger.inputs).toHaveLength(2);
  });

  it('removes a list item by index only, and nothing through a text', () => {
    expect(build({}, ['/ledger/inputs/x']).ledger.inputs).toHaveLength(2);
    expect(build({}, ['/ledger/inputs/0']).ledger.inputs.map((i) => i.id)).toEqual(['in-2']);
    expect(build({}, ['/title/0']).title).toBe('Base');
  });
});
