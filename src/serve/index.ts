// mbcheck/serve: the HTTP service as a library, apart from the main entry so that checking a declaration in code
// does not load Fastify.
export { buildApp } from './app.js';
export { startServer, type ListenOptions, type RunningServer } from './start.js';
export type { ServeOptions, CheckFunction, RenderFunction } from './options.js';
