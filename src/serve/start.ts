// Listening and stopping: the part of `mbcheck serve` that is about the process, not about HTTP.
import type { FastifyInstance } from 'fastify';
import { MbcheckError } from '../errors.js';
import { closeSharedBrowser } from '../report/browser.js';
import { buildApp } from './app.js';
import { resolveServeOptions, type ServeOptions } from './options.js';

export interface ListenOptions extends ServeOptions {
  port?: number;
  host?: string;
}

export interface RunningServer {
  app: FastifyInstance;
  /** Where it listens, e.g. http://127.0.0.1:8080. */
  url: string;
  /** Stops taking requests, lets those in flight finish, then closes the shared Chromium. */
  close(): Promise<void>;
}

function listenError(error: unknown, host: string, port: number): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new MbcheckError('port-in-use', `cannot listen on ${host}:${port}: the port is in use; choose another with --port`, 'io');
  if (code === 'ERR_SOCKET_BAD_PORT') return new MbcheckError('usage', `--port must be between 0 and 65535; got ${port}`);
  if (code === 'EACCES') return new MbcheckError('port-denied', `cannot listen on ${host}:${port}: permission denied; use a port above 1023`, 'io');
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new MbcheckError('bad-host', `cannot listen on ${host}: not an address of this machine; use 127.0.0.1, or 0.0.0.0 for every interface`, 'io');
  return error as Error;
}

export async function startServer(options: ListenOptions = {}): Promise<RunningServer> {
  const { port = 8080, host = '127.0.0.1', ...serveOptions } = options;
  const resolved = resolveServeOptions(serveOptions);
  const app = buildApp(serveOptions);
  let url: string;
  try {
    url = await app.listen({ port, host });
  } catch (error) {
    await app.close();
    throw listenError(error, host, port);
  }
  const { maxBodyBytes, maxLedgerLines, maxConcurrentRenders, maxQueuedRenders, requestTimeoutMs } = resolved;
  app.log.info({ url, limits: { maxBodyBytes, maxLedgerLines, maxConcurrentRenders, maxQueuedRenders, requestTimeoutMs } }, `mbcheck serve: listening at ${url}; the workbench is at ${url}/`);
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await app.close();
      await closeSharedBrowser();
    })());
  return { app, url, close };
}

// Exiting (rather than dying of the signal) runs the exit hooks: the shared Chromium is killed and its profile removed.
const exitAtOnce = (signal: NodeJS.Signals) => process.exit(signal === 'SIGINT' ? 130 : 143);

/** Resolves once the server has closed after the first of the signals; a second signal ends the process at once. */
export function closeOnSignals(server: RunningServer, signals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM']): Promise<NodeJS.Signals> {
  return new Promise((resolve, reject) => {
    const onSignal = (signal: NodeJS.Signals) => {
      for (const s of signals) {
        process.removeListener(s, onSignal);
        process.once(s, exitAtOnce);
      }
      server.app.log.info({ signal }, 'mbcheck serve: closing; requests in flight may finish');
      server.close().then(() => {
        for (const s of signals) process.removeListener(s, exitAtOnce);
        server.app.log.info('mbcheck serve: closed');
        resolve(signal);
      }, reject);
    };
    for (const s of signals) process.once(s, onSignal);
  });
}
