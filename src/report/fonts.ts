// The report's fonts, inlined as data: URLs from npm packages, so it looks the same on every machine
// and never asks the network for a font.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

const faces: Array<{ family: string; pkg: string; file: (subset: string, weight: number) => string; weights: number[] }> = [
  { family: 'Source Sans 3', pkg: '@fontsource/source-sans-3', file: (s, w) => `source-sans-3-${s}-${w}-normal.woff2`, weights: [400, 600, 700] },
  { family: 'JetBrains Mono', pkg: '@fontsource/jetbrains-mono', file: (s, w) => `jetbrains-mono-${s}-${w}-normal.woff2`, weights: [400] },
];

// latin-ext covers the names of most European organisations and sites; other scripts fall back to system fonts.
const subsets: Array<{ name: string; range: string }> = [
  { name: 'latin', range: 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD' },
  { name: 'latin-ext', range: 'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF' },
];

let css: string | undefined;

export function fontFaceCss(): string {
  if (css !== undefined) return css;
  const rules: string[] = [];
  for (const face of faces) {
    const dir = join(dirname(require.resolve(`${face.pkg}/package.json`)), 'files');
    for (const weight of face.weights) {
      for (const subset of subsets) {
        const data = readFileSync(join(dir, face.file(subset.name, weight))).toString('base64');
        rules.push(`@font-face{font-family:'${face.family}';font-style:normal;font-weight:${weight};font-display:block;src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${subset.range};}`);
      }
    }
  }
  return (css = rules.join('\n'));
}
