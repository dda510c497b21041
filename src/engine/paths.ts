// Fact paths of the plain form every bundled rule uses ($.a.b[0].c), resolved by walking own properties.
// json-rules-engine's default resolver (jsonpath-plus) throws and catches an Error on every call, which cost
// about half the time of a typical check. Loading refuses every other JSONPath form (rulesets/conditionPaths.ts);
// a ruleset put together in code with one keeps the default resolver.

const plainPath = /^\$(?:\.[A-Za-z_$][\w$-]*|\[\d+\])*$/;

export function isPlainPath(path: string): boolean {
  return plainPath.test(path);
}

// Paths come from rulesets, and the service reads the ones its clients send: emptied when it grows past the bundled ones.
const segmentsCache = new Map<string, Array<string | number>>();
const MAX_SEGMENTS = 4096;

function segmentsOf(path: string): Array<string | number> {
  let segments = segmentsCache.get(path);
  if (!segments) {
    segments = [];
    for (const match of path.slice(1).matchAll(/\.([^.[]+)|\[(\d+)\]/g)) segments.push(match[1] !== undefined ? match[1] : Number(match[2]));
    if (segmentsCache.size >= MAX_SEGMENTS) segmentsCache.clear();
    segmentsCache.set(path, segments);
  }
  return segments;
}

/** The value at a plain path, or undefined where the path leads nowhere (as jsonpath-plus answers with wrap: false). */
export function resolvePlainPath(value: unknown, path: string): unknown {
  let node = value;
  for (const key of segmentsOf(path)) {
    // Strings have own properties too (length, indices), as jsonpath-plus sees them.
    if (node === null || node === undefined || !Object.hasOwn(Object(node), key)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}
