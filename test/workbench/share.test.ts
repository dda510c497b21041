// The link's state (share.ts): a link that names an as-of date that is no date is refused, not checked as of today.
import { describe, expect, it } from 'vitest';
import { isDate, readFragment, toBase64Url, writeFragment } from '../../src/workbench/share.js';

const declaration = 'schemaVersion: "1"\nid: d\n';
const link = (extra: string) => `#declaration=${toBase64Url(declaration)}${extra}`;

describe('readFragment', () => {
  it('keeps a real as-of date, and the rulesets as given', () => {
    expect(readFragment(link('&asOf=2028-02-29&ruleset=integrity@9.9.9,nosuch'))).toEqual({ declaration, asOf: '2028-02-29', rulesets: ['integrity@9.9.9', 'nosuch'] });
    expect(readFragment(writeFragment({ declaration, asOf: '2026-01-31' }))).toEqual({ declaration, asOf: '2026-01-31' });
  });

  it.each(['2026-13-45', '2026-02-29', '2026-04-31', '2026-1-5', '26-01-01', 'today', '2026-01-01T00:00'])('refuses the as-of date %s, naming it', (asOf) => {
    expect(() => readFragment(link(`&asOf=${encodeURIComponent(asOf)}`))).toThrow(`its as-of date "${asOf}" is not a date (YYYY-MM-DD)`);
  });
});

describe('isDate', () => {
  it('takes calendar dates only', () => {
    expect(['2026-01-01', '2028-02-29', '2026-12-31'].map(isDate)).toEqual([true, true, true]);
    expect(['2026-00-10', '2026-12-32', '2100-02-29', ''].map(isDate)).toEqual([false, false, false, false]);
  });
});
