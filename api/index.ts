/** The HTTP API: the Hono app and the server that runs it. */
export { createApp, type App, type AppOptions } from './app.ts'
export type { AppDeps, AppEnv } from './app-env.ts'
export { startServer, type RunningServer, type ServerConfig } from './server.ts'
export { parseRateLimit } from './rate-limit.ts'
export { serverConfigFromEnv, type EnvConfig } from './server-config.ts'
export { batchedSink, logLine, type Log, type LogSink } from './http/access-log.ts'
