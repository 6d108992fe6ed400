import { environment } from './server/environmentCheck'

import http, { type IncomingMessage } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import express from 'express'
import next from 'next'
import proxyaddr from 'proxy-addr'
import { getPayload } from 'payload'

import { applyMigrations, pingDatabase } from './db'
import { flushLogs } from './logging/logger'
import config from './payload.config'
import { Questions } from './server/apiQuestion'
import { runCluster } from './server/cluster'
import { bodyLimits } from './server/bodyLimits'
import { canonicalPath } from './server/canonicalPath'
import { Credentials } from './server/credentials'
import { Lane } from './server/lanes'
import { metricsEndpoint } from './server/metricsEndpoint'
import { requestObserver } from './server/observeRequests'
import { authGraphqlFields, graphqlCostEstimator } from './server/graphqlLimits'
import { earlyAnswers } from './server/earlyAnswers'
import { methodNotAllowed } from './server/methodNotAllowed'
import { refuseUnreadOverrideBodies } from './server/methodOverrideBody'
import { refuseNulCharacters } from './server/nulCharacters'
import {
  type Handover,
  MAX_KEYED_BODY_BYTES,
  publicApi,
  unavailableGraphqlFields,
} from './server/publicApi'
import { payloadRest } from './server/payloadRest'
import { publicPages } from './server/publicPages'
import { publicSiteOff } from './server/publicSite'
import { inThisProcess, type LimitStores, missBudget, perMinuteLimit } from './server/rateLimits'
import { bodyReadBefore, withBody } from './server/requestBody'
import { routeLabeller } from './server/routeLabel'
import { SIGN_FORM_LIMITED_HEADER, SIGN_RATE_LIMIT_MESSAGE } from './site/signState'
import { securityHeaders, securityHeaderValues } from './server/securityHeaders'
import { refuseBrokenServerActions, serverActionFiles } from './server/serverActions'
import { signRoute } from './server/signRoute'
import { startSharedState } from './sharedState'
import { CLIENT_IP_HEADER } from './utilities/clientAddress'

const READINESS_TIMEOUT_MS = 2_000
// dist/server.js in production, src/server.ts in development: the project is one level up.
const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

async function main(): Promise<void> {
  const development = !environment.production
  // Before Payload, so a login counted inside it already finds the shared store.
  const shared = await startSharedState(environment.redisUrl, environment.redisKeyPrefix)

  // Payload starts before Next: Next's route handlers then reuse this instance through
  // getPayload's process-wide cache, and the schema is migrated before the first request.
  const payload = await getPayload({ config, cron: true })
  await applyMigrations(payload)

  // Next.js fetches a server action's redirect from this address and port on the visitor's
  // behalf; without the port it would ask port 3000, whoever listens there. (With PORT=0 it
  // cannot know the port, and such a redirect fails: a free port is for tests.)
  const nextApp = next({
    dev: development,
    dir: PROJECT_ROOT,
    hostname: environment.host,
    port: environment.port,
  })
  await nextApp.prepare()
  const handleWithNext = nextApp.getRequestHandler()

  // Checked before serving: an auth strategy the cache cannot recognise stops the start.
  const credentials = new Credentials(payload)
  // Where per-minute counts live: in Redis when REDIS_URL is set, so instances count together.
  const stores: LimitStores = (name) => shared.rateLimitStore(name) ?? inThisProcess(name)
  const { lanes: bounds } = environment
  const lanes = {
    publicReads: new Lane('public reads', { ...bounds.publicReads, maxWaitMs: bounds.maxWaitMs }),
    signedIn: new Lane('signed in', { ...bounds.signedIn, maxWaitMs: bounds.maxWaitMs }),
  }

  let shuttingDown = false
  // Until the server has warmed itself up (warmGraphql), its own requests spend no one's budget.
  let warmingUp = true
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', environment.trustProxy)
  // req.ip, for requests Express has not seen yet (see earlyAnswers).
  const clientOf = (req: IncomingMessage) => proxyaddr(req, app.get('trust proxy fn'))
  const budget = missBudget({
    ...environment.missBudget,
    clientOf,
    store: stores('misses'),
  })

  // Every decision after this, the request log and metrics included, sees the path Next.js
  // and Payload will route by.
  app.use(canonicalPath())
  const observer = requestObserver({
    payload,
    // Behind a trusted proxy its request id ties its log to ours.
    trustRequestId: Boolean(environment.trustProxy),
    routeOf: routeLabeller(payload.config),
  })
  app.use(observer.middleware)

  app.get(
    '/metrics',
    metricsEndpoint({ token: environment.metricsToken, backupDir: environment.backupDir }),
  )

  // Health checks never wait behind anything.
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

  app.use(methodNotAllowed())
  app.use((_req, res, nextMiddleware) => {
    // Keep-alive sockets would otherwise hold the process open after in-flight requests end.
    if (shuttingDown) res.setHeader('Connection', 'close')
    nextMiddleware()
  })
  const securityOptions = {
    development,
    https: environment.serverUrl.startsWith('https://'),
    frontendOrigin: environment.frontendUrl && new URL(environment.frontendUrl).origin,
  }
  app.use(securityHeaders(securityOptions))
  app.use(
    bodyLimits({
      jsonBytes: environment.requestBodyLimitBytes,
      uploadBytes: environment.uploadMaxBytes,
    }),
  )
  app.use(refuseNulCharacters())
  app.use(refuseUnreadOverrideBodies())
  app.use(
    refuseBrokenServerActions(
      serverActionFiles(path.join(PROJECT_ROOT, '.next/server/server-reference-manifest.json')),
      payload.config,
    ),
  )
  // The site's signing form posts (a server action) to the letter's own page and answers the
  // limit beside the form, so there the limit only marks the request. One limit for both
  // routes: a signer has one budget, whichever way they sign.
  app.post(
    ['/api/signatories/sign', '/statements/:slug'],
    perMinuteLimit(environment.signRateLimitPerMinute, SIGN_RATE_LIMIT_MESSAGE, stores('sign'), {
      header: SIGN_FORM_LIMITED_HEADER,
      on: (req) => req.path.startsWith('/statements/'),
    }),
  )
  app.post('/api/signatories/sign', ...signRoute(payload, environment.requestBodyLimitBytes))
  if (!environment.publicSite) app.use(publicSiteOff)
  app.post(
    '/api/users/login',
    perMinuteLimit(
      environment.loginRateLimitPerMinute,
      'Too many login attempts from your connection. Please wait a minute and try again.',
      stores('login-rest'),
    ),
  )
  app.use((req, _res, nextMiddleware) => {
    // Payload sees a web Request without the socket: pass on the address.
    req.headers[CLIENT_IP_HEADER] = req.ip ?? req.socket.remoteAddress ?? ''
    nextMiddleware()
  })
  // Cache hits and refusals are answered here, without waiting for a lane.
  const api = publicApi({
    cache: {
      maxBytes: environment.apiCacheMaxBytes,
      seconds: environment.apiCacheSeconds,
      staleSeconds: environment.apiCacheStaleSeconds,
    },
    questions: new Questions(payload.config),
    rest: payloadRest(payload),
    credentials,
    corsOrigins: Array.isArray(payload.config.cors) ? payload.config.cors : [],
    unavailableGraphql: unavailableGraphqlFields(payload.config),
    authGraphql: authGraphqlFields(payload.config),
    graphqlCost: graphqlCostEstimator(payload.config),
  })
  app.use(api.middleware)
  const pages = environment.publicSite
    ? publicPages({
        credentials,
        cache: {
          maxBytes: environment.apiCacheMaxBytes,
          seconds: environment.apiCacheSeconds,
          staleSeconds: environment.apiCacheStaleSeconds,
        },
      })
    : undefined
  if (pages) app.use(pages.middleware)
  // Everything else makes Payload (or Next.js) work: it takes its turn in a lane.
  app.use(async (req, res) => {
    const { read, answer } = res.locals as Handover
    const body = (res.locals as Handover).body ?? bodyReadBefore(req)
    const handOn = answer ?? (() => handleWithNext(body ? withBody(req, body) : req, res))
    if (req.path.startsWith('/_next/static/')) return handOn()
    const holder = credentials.carried(req.headers)
      ? await credentials.holderOf(req.headers)
      : undefined
    if (holder !== undefined) return lanes.signedIn.admit(res, handOn, holder)
    // Anonymous writes (signing, login) have limits of their own per address, and concurrent
    // signatures are cheapest committed together: they are not held back here.
    const reading = read || req.method === 'GET' || req.method === 'HEAD'
    if (!reading) return handOn()
    const refusedFor = await budget.spend(req)
    if (refusedFor !== undefined) {
      // (Only where nothing is holding the response back to store it: a REST read.)
      if (answer && early.answerStale(req, res)) return
      return budget.refuse(res, refusedFor)
    }
    return lanes.publicReads.admit(res, () => {
      // What Payload spends on it, from its turn to its answer, is charged to the client.
      const started = performance.now()
      if (!warmingUp) res.once('close', () => budget.charge(req, performance.now() - started))
      return handOn()
    })
  })

  // A repeat of a question already answered, and a client over its budget, are answered
  // before Express sees them.
  const early = earlyAnswers({
    answers: pages ? [api.answerHit, pages.answerHit] : [api.answerHit],
    budget,
    credentials,
    observer,
    headers: securityHeaderValues(securityOptions),
    open: () => !shuttingDown,
    maxKeyedBodyBytes: MAX_KEYED_BODY_BYTES,
  })
  const server = await listen(
    (req, res) => early.answer(req, res, () => void app(req, res)),
    environment,
  )
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : environment.port
  await warmGraphql(port, payload.logger)
  warmingUp = false
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
    await closeQuietly('Redis', () => shared.close())
    payload.logger.info('stopped cleanly')
    flushLogs()
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}

/**
 * Idle keep-alive connections stay open longer than a load balancer's (so it never reuses one
 * this server has just closed); a client that takes too long to send its headers, or its whole
 * request, is cut off.
 */
function listen(
  app: http.RequestListener,
  settings: Pick<
    typeof environment,
    'host' | 'port' | 'keepAliveTimeoutMs' | 'headersTimeoutMs' | 'requestTimeoutMs'
  >,
): Promise<http.Server> {
  const server = http.createServer(
    {
      headersTimeout: settings.headersTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      // How often Node looks for requests past those timeouts (30 s by default).
      connectionsCheckingInterval: Math.min(1000, settings.headersTimeoutMs),
    },
    app,
  )
  server.keepAliveTimeout = settings.keepAliveTimeoutMs
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(settings.port, settings.host, () => resolve(server))
  })
}

/**
 * Payload builds its GraphQL schema on the first GraphQL request, which then takes seconds: one
 * asked here, before the server says it is listening, so that no visitor's request is the first.
 */
async function warmGraphql(port: number, logger: { warn: (message: string) => void }) {
  try {
    const response = await withTimeout(
      fetch(`http://127.0.0.1:${port}/api/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      }),
      60_000,
    )
    await response.arrayBuffer()
    if (!response.ok) logger.warn(`warming GraphQL up answered ${response.status}`)
  } catch (error) {
    logger.warn(`warming GraphQL up failed: ${String(error)}`)
  }
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

// WEB_CONCURRENCY above 1: this process only starts and watches that many copies of itself,
// which share the listening socket (node:cluster) and each run main().
if (!runCluster(environment.webConcurrency)) {
  main().catch((error: unknown) => {
    console.error('stopsim-cms failed to start:', error)
    process.exit(1)
  })
}
