import type { RequestHandler } from 'express'
import type { Payload } from 'payload'

import crypto from 'node:crypto'

import { requestContext } from '../logging/logger'
import { metrics } from '../metrics'

// A proxy's id is passed on only when it looks like an id: a header can carry anything.
const ACCEPTABLE_REQUEST_ID = /^[\w.:-]{1,128}$/

type Options = {
  payload: Payload
  /** Believe X-Request-Id from the client: only behind a proxy that sets it. */
  trustRequestId: boolean
  routeOf: (path: string) => string
}

/**
 * Gives each request an id (the trusted proxy's or a new one), returns it as X-Request-Id and
 * runs the rest of the request with it in the log context. When the answer is sent, one log
 * line and the request metrics record method, route (never the path or query string, which
 * can carry tokens or addresses), status and duration.
 */
export function observeRequests({ payload, trustRequestId, routeOf }: Options): RequestHandler {
  return (req, res, next) => {
    const given = trustRequestId ? req.get('x-request-id') : undefined
    const requestId = given && ACCEPTABLE_REQUEST_ID.test(given) ? given : crypto.randomUUID()
    res.setHeader('X-Request-Id', requestId)
    const started = process.hrtime.bigint()
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      const route = routeOf(req.path)
      const status = res.statusCode
      metrics.requests.inc({ method: req.method, route, status })
      metrics.requestDuration.observe({ method: req.method, route }, seconds)
      const cacheResult = res.getHeader('x-cache')
      if (cacheResult === 'HIT' || cacheResult === 'MISS') {
        metrics.cacheLookups.inc({ result: cacheResult.toLowerCase() })
      }
      requestContext.run({ requestId }, () =>
        payload.logger.info(
          {
            method: req.method,
            route,
            status,
            durationMs: Math.round(seconds * 10_000) / 10,
            ...(res.writableFinished ? {} : { aborted: true }),
          },
          'request',
        ),
      )
    })
    requestContext.run({ requestId }, next)
  }
}
