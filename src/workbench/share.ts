// The workbench's state in the URL fragment (CONTRACT.md section 5): #declaration=<base64url of the UTF-8 text>,
// with the options beside it when they are not the defaults (the waivers as base64url of their text too). Ledger
// files are not in it: a link would grow with the books. The fragment never reaches the server.

export interface SharedState {
  declaration: string;
  /** YYYY-MM-DD; undefined: today. */
  asOf?: string;
  /** `id` or `id@version` of each ruleset used; undefined: every ruleset in force. */
  rulesets?: string[];
  /** The text of a verifier's waivers (YAML or JSON); undefined: none. */
  waivers?: string;
}

export function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  // In slices: String.fromCharCode takes its bytes as arguments, and a large declaration has too many for one call.
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The text of a base64url value (padded or not); throws when it is not base64url or not UTF-8. */
export function fromBase64Url(value: string): string {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(value)) throw new Error('it is not base64url (A-Z, a-z, 0-9, - and _)');
  const plain = value.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(plain + '='.repeat((4 - (plain.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

function decoded(value: string, what: string): string {
  try {
    return fromBase64Url(value);
  } catch (error) {
    throw new Error(`${what} cannot be read: ${(error as Error).message}`);
  }
}

/** Whether a value is a calendar date written YYYY-MM-DD (2026-02-29 is not one; 2028-02-29 is). */
export function isDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The state a fragment holds; undefined when it names no declaration. Throws when its as-of date is not a date: a
 * link must reproduce its check, and checking it as of today instead would not.
 */
export function readFragment(hash: string): SharedState | undefined {
  const fields = new URLSearchParams(hash.replace(/^#/, ''));
  const encoded = fields.get('declaration');
  if (encoded === null) return undefined;
  const asOf = fields.get('asOf') ?? undefined;
  if (asOf && !isDate(asOf)) throw new Error(`its as-of date "${asOf}" is not a date (YYYY-MM-DD): correct it in the link, or open the declaration without it and choose a date in the options`);
  const rulesets = fields.get('ruleset')?.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const declaration = decoded(encoded, 'its declaration');
  const encodedWaivers = fields.get('waivers');
  const waivers = encodedWaivers ? decoded(encodedWaivers, 'its waivers') : undefined;
  return { declaration, ...(asOf ? { asOf } : {}), ...(rulesets?.length ? { rulesets } : {}), ...(waivers ? { waivers } : {}) };
}

export function writeFragment(state: SharedState): string {
  // Written by hand, not by URLSearchParams: base64url needs no escaping, and the link stays readable.
  const parts = [`declaration=${toBase64Url(state.declaration)}`];
  if (state.asOf) parts.push(`asOf=${encodeURIComponent(state.asOf)}`);
  if (state.rulesets?.length) parts.push(`ruleset=${state.rulesets.map(encodeURIComponent).join(',')}`);
  if (state.waivers?.trim()) parts.push(`waivers=${toBase64Url(state.waivers)}`);
  return `#${parts.join('&')}`;
}
