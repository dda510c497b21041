// Building page content from nodes: attributes set one by one and text through text nodes only, so that nothing the
// declaration or the service says is ever read as markup (the page's policy forbids inline styles besides).

type Child = Node | string;

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element; numbers are written as the report's templates write them (two decimals). */
export function svgElement<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number> = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, typeof value === 'number' ? fixed(value) : value);
  node.append(...children);
  return node;
}

/** The report's {{fixed}}: two decimals, enough for a 640-wide viewBox. */
export const fixed = (value: number): string => value.toFixed(2);

/** The page's element of that id: index.html names each one the scripts use, so a missing one is a bug. */
export function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page has no #${id}`);
  return node as T;
}

/** A downloaded file's stem from the declaration's id: only characters every file system takes. */
export const fileStem = (id: string | null | undefined): string => (id ?? 'result').replace(/[^A-Za-z0-9._-]+/g, '-');
