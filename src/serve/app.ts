// The HTTP service as a Fastify instance built from options: parsers, limits, logging, errors and routes.
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { registerDeclarationParsers } from './body.js';
import { inThisThread, inWorkers } from './checker.js';
import { CheckPool } from './checkPool.js';
import { clientErrorHandler, errorBody, toHttpError } from './errors.js';
import { lingerOnClose } from './linger.js';
import { installRequestLog, noteErrorCode, requestId } from './logging.js';
import { resolveServeOptions, type ResolvedServeOptions, type ServeOptions } from './options.js';
import { RenderQueue } from './renderQueue.js';
import { checkHandler } from './routes/check.js';
import { declarationSchemaFile, fileHandler, health, metricsSchemaFile, openApiFile, rulesetsHandler } from './routes/meta.js';
import { reportHandler } from './routes/report.js';
import { registerWorkbench } from './routes/workbench.js';
import { registerAuthoring } from './routes/authoring.js';

function loggerOptions(options: ResolvedServeOptions) {
  return {
    level: options.logLevel,
    ...(options.logStream ? { stream: options.logStream } : {}),
  };
}

function installErrorHandlers(app: FastifyInstance, options: ResolvedServeOptions, knownRoutes: Map<string, string[]>): void {
  app.setErrorHandler((error, request, reply) => {
    const http = toHttpError(error, options);
    // Refused before the body was read in full: the client is still sending, and must still get this answer.
    if (!request.raw.complete) lingerOnClose(request.raw.socket);
    noteErrorCode(request, http?.code ?? 'internal');
    if (!http) {
      request.log.error({ err: error }, 'internal error');
      return reply.code(500).send(errorBody('internal', `internal error; this is a bug in mbcheck: please report it with the request id ${request.id}`));
    }
    return reply.code(http.statusCode).headers(http.headers).send(errorBody(http.code, http.message, http.problems));
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = knownRoutes.get(path);
    noteErrorCode(request, allowed ? 'method-not-allowed' : 'not-found');
    if (allowed) {
      return reply.code(405).header('allow', allowed.join(', ')).send(errorBody('method-not-allowed', `${path} takes ${allowed.join(' or ')}, not ${request.method}`));
    }
    return reply.code(404).send(errorBody('not-found', `there is no ${request.method} ${path}; the routes are GET / (the workbench), POST /v1/check, POST /v1/report, GET /v1/rulesets, GET /v1/rulesets/{id}/{version}, POST /v1/rulesets/lint, /test, /coverage and /diff (authoring), GET /healthz and GET /openapi.json`));
  });
}

export function buildApp(serveOptions: ServeOptions = {}): FastifyInstance {
  const options = resolveServeOptions(serveOptions);
  const app = Fastify({
    logger: options.logLevel === 'silent' ? false : loggerOptions(options),
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestId,
    bodyLimit: options.maxBodyBytes,
    // Receiving the request is bounded by Node; the work after it by a Deadline in each handler.
    requestTimeout: options.requestTimeoutMs,
    // Node's own timeouts are given at creation: Fastify sets requestTimeout only afterwards, when Node still holds
    // a slow body to its 60 s headersTimeout. And Node looks for overdue requests only every 30 s by default.
    http: {
      requestTimeout: options.requestTimeoutMs,
      headersTimeout: Math.min(options.requestTimeoutMs, 60_000),
      connectionsCheckingInterval: Math.min(1_000, Math.max(100, Math.floor(options.requestTimeoutMs / 10))),
    },
    clientErrorHandler,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  const renders = new RenderQueue(options.maxConcurrentRenders, options.maxQueuedRenders);
  const pool = options.checkWorkers > 0 ? new CheckPool(options.checkWorkers, options.maxQueuedChecks) : undefined;
  if (pool) app.addHook('onClose', () => pool.close());
  const checker = pool ? inWorkers(options, pool) : inThisThread(options);
  const knownRoutes = new Map<string, string[]>();
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) knownRoutes.set(route.url, [...(knownRoutes.get(route.url) ?? []), method]);
  });
  installRequestLog(app);
  installErrorHandlers(app, options, knownRoutes);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
  });
  // Routes live in a plugin, so that hooks added before ready() (the OpenAPI test's onRoute) see them.
  app.register(async (routes) => {
    registerDeclarationParsers(routes, options.maxBodyBytes);
    routes.post('/v1/check', checkHandler(options, checker));
    routes.post('/v1/report', reportHandler(options, renders, checker));
    routes.get('/v1/rulesets', rulesetsHandler(options));
    routes.get('/healthz', health);
    routes.get('/openapi.json', fileHandler(openApiFile, 'application/json; charset=utf-8'));
    routes.get('/declaration.schema.json', fileHandler(declarationSchemaFile, 'application/schema+json; charset=utf-8'));
    routes.get('/metrics.schema.json', fileHandler(metricsSchemaFile, 'application/schema+json; charset=utf-8'));
    registerWorkbench(routes);
    registerAuthoring(routes, options, checker);
  });
  return app;
}
