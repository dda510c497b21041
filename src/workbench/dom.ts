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
