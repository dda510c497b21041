// Errors a user can act on: a code, a message, and where. The CLI maps the kind to an exit code.

/** usage: bad arguments; io: a file cannot be read or written; internal: a bug or environment fault. */
export type ErrorKind = 'usage' | 'io' | 'internal';

export class MbcheckError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: ErrorKind = 'usage',
  ) {
    super(message);
    this.name = 'MbcheckError';
  }
}
