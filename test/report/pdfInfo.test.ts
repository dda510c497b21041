// The Creator of a PDF is rewritten in place, to the same length, so that the cross-reference offsets hold.
import { describe, expect, it } from 'vitest';
import { withCreator } from '../../src/report/pdfInfo.js';

describe('withCreator', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<</Creator (Mozilla/5.0 \\(X11\\) HeadlessChrome/156) /Producer (Skia)>>\nendobj\n', 'latin1');

  it('replaces the Creator with text of the same length, escaped parentheses and all', () => {
    const out = withCreator(pdf, 'mbcheck 1.2.3');
    expect(out.length).toBe(pdf.length);
    expect(out.toString('latin1')).toContain('/Creator (mbcheck 1.2.3');
    expect(out.toString('latin1')).toContain(') /Producer (Skia)>>');
  });

  it('cuts a longer text, drops characters a PDF string would need escaped, and leaves a PDF without a Creator as it is', () => {
    const out = withCreator(pdf, `mbcheck (x) ${'y'.repeat(200)}`);
    expect(out.length).toBe(pdf.length);
    expect(out.toString('latin1')).toMatch(/\/Creator \(mbcheck x y+\) \/Producer/);
    const bare = Buffer.from('%PDF-1.4\n<</Producer (Skia)>>\n', 'latin1');
    expect(withCreator(bare, 'mbcheck')).toBe(bare);
  });
});
