// User text quoted back in a message is clipped: an id of a megabyte echoed in an error would bury the message,
// and a service would send it all back.

export const QUOTED_CHARACTERS = 80;

/** A user's text in quotes, clipped, with its length when clipped. */
export function quoted(text: string, max = QUOTED_CHARACTERS): string {
  if (text.length <= max) return `"${text}"`;
  return `"${text.slice(0, max)}…" (${text.length} characters)`;
}

/** A user's text clipped, without quotes, where the message has none around it. */
export function clipped(text: string, max = QUOTED_CHARACTERS): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

/** Names a list of ids in a message, the first few of them: "s1, s2, s3 and 997 more". */
export function someOf(ids: Iterable<string>, max = 10): string {
  const shown: string[] = [];
  let count = 0;
  for (const id of ids) {
    if (count++ < max) shown.push(id.length > QUOTED_CHARACTERS ? `${id.slice(0, QUOTED_CHARACTERS)}…` : id);
  }
  return count > max ? `${shown.join(', ')} and ${count - max} more` : shown.join(', ');
}

/**
 * Text from a user's file as a terminal may show it: a stray escape sequence could repaint the screen, erase a
 * line that says a check failed and print one that says it passed; so control characters are shown, not obeyed.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).replace(/[\r\n\t]+/g, ' ');
}
