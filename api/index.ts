/** The HTTP API: the Hono app and the server that runs it. */
export { createApp, type App, type AppOptions } from './app.ts'
export { type AppDeps, type AppEnv, batchedSink, type Log, logLine, type LogSink, parseRateLimit } from './http/index.ts'
export { type RunningServer, type ServerConfig, serverListener, startServer } from './server.ts'
export { serverConfigFromEnv, type EnvConfig } from './server-config.ts'
