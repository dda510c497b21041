// The contents page's page numbers. Chromium cannot number a contents page while it lays the report out, so the
// report is printed once, the PDF's outline (which Chromium writes from the headings, each with the page it landed
// on) says where every heading is, and the numbers are written into the contents for a second print. The numbers
// are only kept when the second print puts every heading on the same page: they are read, never guessed.

/** Where a contents entry's page number goes: filled by withPageNumbers, empty in HTML and when not known. */
const SLOT = /<span class="toc-page" data-page-of="([^"]*)"><\/span>/g;

export function hasPageSlots(html: string): boolean {
  return new RegExp(SLOT.source).test(html);
}

/** The contents with each entry's page written in. */
export function withPageNumbers(html: string, pages: ReadonlyMap<string, number>): string {
  return html.replace(SLOT, (slot, id: string) => (pages.has(id) ? `<span class="toc-page" data-page-of="${id}">${pages.get(id)}</span>` : slot));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#x60': '`', '#x3D': '=', '#39': "'", nbsp: ' ' };
/** A heading's text for comparison: letters and digits only, lower case (badges are upper-cased by CSS, spaces move). */
const comparable = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** The report's headings (h1 to h6) in document order: their id, if any, and their text. */
export function headingsOf(html: string): Array<{ id: string | undefined; text: string }> {
  // The report's markup is ours: every value from a declaration is escaped, so no "<h1" comes from one.
  return [...html.matchAll(/<h([1-6])\b([^>]*)>([\s\S]*?)<\/h\1>/g)].map((m) => ({
    id: /\bid="([^"]*)"/.exec(m[2]!)?.[1],
    text: m[3]!.replace(/<[^>]*>/g, '').replace(/&([#\w]+);/g, (entity, name: string) => ENTITIES[name] ?? entity),
  }));
}

// A minimal reader of the PDFs Chromium (Skia) writes: a classic cross-reference table, plain objects.
class PdfObjects {
  private readonly text: string;
  private readonly offsets = new Map<number, number>();
  constructor(pdf: Buffer) {
    this.text = pdf.toString('latin1');
    const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(this.text.slice(-64));
    if (!start) return;
    const xref = /^xref\s+(\d+)\s+(\d+)\s+/.exec(this.text.slice(Number(start[1]), Number(start[1]) + 64));
    if (!xref) return;
    const first = Number(xref[1]);
    const entries = this.text.slice(Number(start[1]) + xref[0].length, Number(start[1]) + xref[0].length + Number(xref[2]) * 20);
    for (let i = 0; i < Number(xref[2]); i++) {
      const entry = entries.slice(i * 20, i * 20 + 20);
      if (entry[17] === 'n') this.offsets.set(first + i, Number(entry.slice(0, 10)));
    }
  }
  /** The dictionary of object `n` (its text up to `endobj`, or to its stream). */
  get(n: number): string | undefined {
    const at = this.offsets.get(n);
    if (at === undefined) return undefined;
    const head = new RegExp(`^${n}\\s+\\d+\\s+obj\\b`).exec(this.text.slice(at, at + 32));
    if (!head) return undefined;
    const end = this.text.indexOf('endobj', at);
    const body = this.text.slice(at + head[0].length, end < 0 ? undefined : end);
    const stream = body.indexOf('stream');
    return stream < 0 ? body : body.slice(0, stream);
  }
  catalog(): string | undefined {
    for (const n of this.offsets.keys()) {
      const body = this.get(n);
      if (body && /\/Type\s*\/Catalog\b/.test(body)) return body;
    }
    return undefined;
  }
}

const ref = (dict: string, key: string): number | undefined => {
  const m = new RegExp(`/${key}\\s+(\\d+)\\s+\\d+\\s+R`).exec(dict);
  return m ? Number(m[1]) : undefined;
};

/** A PDF string (literal, with its escapes, or hexadecimal) as text: UTF-16BE after a byte-order mark, else Latin-1. */
function pdfString(dict: string, key: string): string | undefined {
  const at = dict.search(new RegExp(`/${key}\\s*[(<]`));
  if (at < 0) return undefined;
  let i = dict.indexOf(key, at) + key.length;
  while (dict[i] === ' ' || dict[i] === '\n' || dict[i] === '\r') i++;
  const bytes: number[] = [];
  if (dict[i] === '<') {
    const end = dict.indexOf('>', i);
    const hex = dict.slice(i + 1, end).replace(/\s/g, '');
    for (let j = 0; j < hex.length; j += 2) bytes.push(parseInt(hex.slice(j, j + 2).padEnd(2, '0'), 16));
  } else {
    let depth = 0;
    for (i++; i < dict.length; i++) {
      const c = dict[i]!;
      if (c === '\\') {
        const next = dict[++i]!;
        const octal = /^[0-7]{1,3}/.exec(dict.slice(i, i + 3));
        if (octal) {
          bytes.push(parseInt(octal[0], 8) & 0xff);
          i += octal[0].length - 1;
        } else if (next === '\n' || next === '\r') continue;
        else bytes.push(({ n: 10, r: 13, t: 9, b: 8, f: 12 } as Record<string, number>)[next] ?? next.charCodeAt(0));
      } else if (c === '(') {
        depth++;
        bytes.push(0x28);
      } else if (c === ')') {
        if (depth-- === 0) break;
        bytes.push(0x29);
      } else bytes.push(c.charCodeAt(0));
    }
  }
  const buffer = Buffer.from(bytes);
  return buffer[0] === 0xfe && buffer[1] === 0xff ? buffer.subarray(2).swap16().toString('utf16le') : buffer.toString('latin1');
}

/** Every bookmark of the PDF in document order, with the page (from 1) it points at; undefined when it has none. */
export function outlineOf(pdf: Buffer): Array<{ title: string; page: number }> | undefined {
  const objects = new PdfObjects(pdf);
  const catalog = objects.catalog();
  if (!catalog) return undefined;
  const pageNumbers = new Map<number, number>();
  const walkPages = (n: number, depth: number): void => {
    const node = objects.get(n);
    if (!node || depth > 32) return;
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node);
    if (kids) for (const m of kids[1]!.matchAll(/(\d+)\s+\d+\s+R/g)) walkPages(Number(m[1]), depth + 1);
    else pageNumbers.set(n, pageNumbers.size + 1);
  };
  const pagesRoot = ref(catalog, 'Pages');
  const outlineRoot = ref(catalog, 'Outlines');
  if (pagesRoot === undefined || outlineRoot === undefined) return undefined;
  walkPages(pagesRoot, 0);
  const items: Array<{ title: string; page: number }> = [];
  const seen = new Set<number>();
  const walkItems = (first: number | undefined): boolean => {
    for (let n = first; n !== undefined; ) {
      const item = objects.get(n);
      if (!item || seen.has(n)) return false;
      seen.add(n);
      const target = /\/Dest\s*\[\s*(\d+)\s+\d+\s+R/.exec(item);
      const page = target ? pageNumbers.get(Number(target[1])) : undefined;
      const title = pdfString(item, 'Title');
      if (page === undefined || title === undefined) return false;
      items.push({ title, page });
      if (!walkItems(ref(item, 'First'))) return false;
      n = ref(item, 'Next');
    }
    return true;
  };
  const root = objects.get(outlineRoot);
  if (!root || !walkItems(ref(root, 'First'))) return undefined;
  return items;
}

/**
 * The page of every heading with an id, read from the PDF printed from `html`; undefined unless the outline has
 * exactly the document's headings, in order, each with its own text.
 */
export function headingPages(html: string, pdf: Buffer): Map<string, number> | undefined {
  const headings = headingsOf(html);
  const outline = outlineOf(pdf);
  if (!outline || outline.length !== headings.length) return undefined;
  const pages = new Map<string, number>();
  for (const [i, heading] of headings.entries()) {
    const expected = comparable(heading.text);
    const found = comparable(outline[i]!.title);
    // Chromium may write a title twice over, or a part of it and then all of it (a heading it moved to the next
    // page): the heading's whole text must be in it.
    if (!expected || !found.includes(expected)) return undefined;
    if (heading.id !== undefined) pages.set(heading.id, outline[i]!.page);
  }
  return pages;
}

/** Whether every contents entry of `html` has its page in `pages`. */
export function coversEverySlot(html: string, pages: ReadonlyMap<string, number>): boolean {
  return [...html.matchAll(SLOT)].every((m) => pages.has(m[1]!));
}
