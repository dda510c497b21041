// Answering before the whole request has arrived (413 on a chunked body, 415 on a large one) and then closing at
// once makes the kernel reset the connection over the unread bytes, and a reset can destroy the answer before the
// client reads it: the client sees "connection reset" instead of our 413. RFC 9112 §9.6 asks a server to close in
// stages instead: stop sending, keep reading until the client stops too, then close.
import type { Socket } from 'node:net';

/** How long a client that keeps sending after its answer is read from, at most, before the connection is cut. */
export const LINGER_MS = 2_000;

/**
 * Makes the next close of this socket a lingering one. Node closes a `Connection: close` response's socket through
 * destroySoon once the response is written; this instance's destroySoon half-closes instead, drops whatever the
 * client still sends, and destroys the socket when the client closes its side or after `ms`.
 */
export function lingerOnClose(socket: Socket, ms: number = LINGER_MS): void {
  if (socket.destroyed) return;
  socket.destroySoon = function lingeringClose(this: Socket): void {
    const cut = setTimeout(() => this.destroy(), ms);
    cut.unref();
    this.once('close', () => clearTimeout(cut));
    this.once('end', () => this.destroy());
    this.end();
    this.resume();
  };
}
