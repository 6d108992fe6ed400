import { environment } from './server/environmentCheck'

import type { Server } from 'node:http'

import path from 'node:path'
import { fileURLToPath } from 'node:url'

import express from 'express'
import next from 'next'
import { getPayload } from 'payload'

import { applyMigrations, pingDatabase } from './db'
import { flushLogs } from './logging/logger'
import config from './payload.config'
import { bodyLimits } from './server/bodyLimits'
import { metricsEndpoint } from './server/metricsEndpoint'
import { observeRequests } from './server/observeRequests'
import { publicApi } from './server/publicApi'
import { publicPages } from './server/publicPages'
import { publicSiteOff } from './server/publicSite'
import { perMinuteLimit, perMinuteMark } from './server/rateLimits'
import { routeLabeller } from './server/routeLabel'
import { SIGN_FORM_LIMITED_HEADER } from './site/signState'
import { securityHeaders } from './server/securityHeaders'
import { CLIENT_IP_HEADER } from './utilities/clientAddress'

const READINESS_TIMEOUT_MS = 2_000
// dist/server.js in production, src/server.ts in development: the project is one level up.
const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

async function main(): Promise<void> {
  const development = !environment.production

  // Payload starts before Next: Next's route handlers then reuse this instance through
  // getPayload's process-wide cache, and the schema is migrated before the first request.
  const payload = await getPayload({ config, cron: true })
  await applyMigrations(payload)

  const nextApp = next({ dev: development, dir: PROJECT_ROOT, hostname: environment.host })
  await nextApp.prepare()
  const handleWithNext = nextApp.getRequestHandler()

  let shuttingDown = false
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', environment.trustProxy)

  app.use(
    observeRequests({
      payload,
      // Behind a trusted proxy its request id ties its log to ours.
      trustRequestId: Boolean(environment.trustProxy),
      routeOf: routeLabeller(payload.config),
    }),
  )

  app.get(
    '/metrics',
    metricsEndpoint({ token: environment.metricsToken, backupDir: environment.backupDir }),
  )

  app.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' })
  })

  app.get('/readyz', async (_req, res) => {
    res.set('Cache-Control', 'no-store')
    if (shuttingDown) {
      res.status(503).json({ status: 'shutting down' })
      return
    }
    try {
      await withTimeout(pingDatabase(payload), READINESS_TIMEOUT_MS)
      res.json({ status: 'ready', database: payload.db.name })
    } catch (error) {
      payload.logger.warn({ err: error }, 'readiness check failed')
      res.status(503).json({ status: 'database unavailable', database: payload.db.name })
    }
  })

  app.use((_req, res, nextMiddleware) => {
    // Keep-alive sockets would otherwise hold the process open after in-flight requests end.
    if (shuttingDown) res.setHeader('Connection', 'close')
    nextMiddleware()
  })
  app.use(
    securityHeaders({
      development,
      https: environment.serverUrl.startsWith('https://'),
      frontendOrigin: environment.frontendUrl && new URL(environment.frontendUrl).origin,
    }),
  )
  app.use(
    bodyLimits({
      jsonBytes: environment.requestBodyLimitBytes,
      uploadBytes: environment.uploadMaxBytes,
    }),
  )
  app.post(
    '/api/signatories/sign',
    perMinuteLimit(
      environment.signRateLimitPerMinute,
      'Too many signatures from your connection. Please wait a minute and try again.',
    ),
  )
  // The site's signing form posts (a server action) to the letter's own page; it answers the
  // limit beside the form, so the limiter only marks the request.
  app.post(
    '/statements/:slug',
    perMinuteMark(environment.signRateLimitPerMinute, SIGN_FORM_LIMITED_HEADER),
  )
  if (!environment.publicSite) app.use(publicSiteOff)
  app.post(
    '/api/users/login',
    perMinuteLimit(
      environment.loginRateLimitPerMinute,
      'Too many login attempts from your connection. Please wait a minute and try again.',
    ),
  )
  app.use((req, _res, nextMiddleware) => {
    // Payload sees a web Request without the socket: pass on the address.
    req.headers[CLIENT_IP_HEADER] = req.ip ?? req.socket.remoteAddress ?? ''
    nextMiddleware()
  })
  app.use(
    publicApi({
      payload,
      cache: {
        maxBytes: environment.apiCacheMaxBytes,
        seconds: environment.apiCacheSeconds,
        staleSeconds: environment.apiCacheStaleSeconds,
      },
      forward: (req, res) => handleWithNext(req, res),
    }),
  )
  if (environment.publicSite) {
    app.use(
      publicPages({
        payload,
        cache: {
          maxBytes: environment.apiCacheMaxBytes,
          seconds: environment.apiCacheSeconds,
          staleSeconds: environment.apiCacheStaleSeconds,
        },
      }),
    )
  }
  app.use((req, res) => handleWithNext(req, res))

  const server = await listen(app, environment.port, environment.host)
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : environment.port
  payload.logger.info(
    `stopsim-cms listening on http://${environment.host}:${port} ` +
      `(admin: ${environment.serverUrl}/admin, database: ${payload.db.name})`,
  )

  const shutdown = async (signal: string) => {
    if (shuttingDown) return
    shuttingDown = true
    payload.logger.info(`${signal} received: finishing in-flight requests, then stopping`)
    const forceClose = setTimeout(() => {
      payload.logger.warn('shutdown timeout reached: closing remaining connections')
      server.closeAllConnections()
    }, environment.shutdownTimeoutMs)
    forceClose.unref()
    // Connections whose request finishes after this point turn idle later; sweep them so
    // keep-alive does not hold the shutdown open for its full timeout.
    const idleSweep = setInterval(() => server.closeIdleConnections(), 100)
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeIdleConnections()
    })
    clearInterval(idleSweep)
    clearTimeout(forceClose)
    await closeQuietly('Next.js', () => nextApp.close())
    await closeQuietly('database', () => payload.destroy())
    payload.logger.info('stopped cleanly')
    flushLogs()
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}

function listen(app: express.Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) =>
      error ? reject(error) : resolve(server),
    )
  })
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

async function closeQuietly(what: string, close: () => Promise<unknown>): Promise<void> {
  try {
    await close()
  } catch (error) {
    console.error(`error while closing ${what}:`, error)
  }
}

main().catch((error: unknown) => {
  console.error('stopsim-cms failed to start:', error)
  process.exit(1)
})
