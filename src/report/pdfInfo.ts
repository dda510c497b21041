// Chromium signs every PDF it prints with its browser's user agent as the Creator ("Mozilla/5.0 ... HeadlessChrome"),
// which tells a reader of the document's properties nothing about where the report came from. The Creator is
// rewritten in place, to a text of the same length, so that the file's cross-reference offsets stay true.

/** The offsets of the literal string that follows `/Creator`, parentheses included; undefined when there is none. */
function creatorString(pdf: Buffer): { start: number; end: number } | undefined {
  const key = pdf.indexOf('/Creator (', 0, 'latin1');
  if (key < 0) return undefined;
  const start = key + '/Creator '.length;
  let depth = 0;
  for (let i = start; i < pdf.length && i < start + 4096; i++) {
    const byte = pdf[i]!;
    if (byte === 0x5c) i++;
    else if (byte === 0x28) depth++;
    else if (byte === 0x29 && --depth === 0) return { start, end: i + 1 };
  }
  return undefined;
}

/** The PDF with its Creator set to `creator` (cut or padded with spaces to the length Chromium wrote). */
export function withCreator(pdf: Buffer, creator: string): Buffer {
  const at = creatorString(pdf);
  if (!at) return pdf;
  const room = at.end - at.start - 2;
  const text = creator.replace(/[()\\]/g, '').replace(/[^\x20-\x7e]/g, '?').slice(0, room).padEnd(room, ' ');
  const out = Buffer.from(pdf);
  out.write(`(${text})`, at.start, 'latin1');
  return out;
}
