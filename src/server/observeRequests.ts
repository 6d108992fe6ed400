import type { IncomingMessage, ServerResponse } from 'node:http'

import type { RequestHandler } from 'express'
import type { Payload } from 'payload'

import crypto from 'node:crypto'

import { requestContext } from '../logging/logger'
import { metrics } from '../metrics'
import { pathOf } from './canonicalPath'

// A proxy's id is passed on only when it looks like an id: a header can carry anything.
const ACCEPTABLE_REQUEST_ID = /^[\w.:-]{1,128}$/

type Options = {
  payload: Payload
  /** Believe X-Request-Id from the client: only behind a proxy that sets it. */
  trustRequestId: boolean
  routeOf: (path: string) => string
}

export type RequestObserver = {
  /**
   * Gives the request its id (the trusted proxy's or a new one) and records it when its answer
   * has been sent; the same id however often it is asked. The caller sends the id as
   * X-Request-Id.
   */
  observe: (req: IncomingMessage, res: ServerResponse) => string
  /** For Express: observes, sends X-Request-Id and runs the rest with the id in the log context. */
  middleware: RequestHandler
}

/**
 * One log line and the request metrics per request, once its answer is sent: method, route
 * (never the path or query string, which can carry tokens or addresses), status and duration.
 * Cache hits answered before Express (see earlyAnswers.ts) are observed the same way.
 */
export function requestObserver({ payload, trustRequestId, routeOf }: Options): RequestObserver {
  const ids = new WeakMap<IncomingMessage, string>()

  const observe = (req: IncomingMessage, res: ServerResponse): string => {
    const known = ids.get(req)
    if (known !== undefined) return known
    const given = trustRequestId ? req.headers['x-request-id'] : undefined
    const requestId =
      typeof given === 'string' && ACCEPTABLE_REQUEST_ID.test(given) ? given : crypto.randomUUID()
    ids.set(req, requestId)
    const started = process.hrtime.bigint()
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      const route = routeOf(pathOf(req.url))
      const status = res.statusCode
      const method = req.method ?? ''
      metrics.requests.inc({ method, route, status })
      metrics.requestDuration.observe({ method, route }, seconds)
      const cacheResult = res.getHeader('x-cache')
      if (cacheResult === 'HIT' || cacheResult === 'MISS') {
        metrics.cacheLookups.inc({ result: cacheResult.toLowerCase() })
      }
      payload.logger.info(
        {
          requestId,
          method,
          route,
          status,
          durationMs: Math.round(seconds * 10_000) / 10,
          ...(res.writableFinished ? {} : { aborted: true }),
        },
        'request',
      )
    })
    return requestId
  }

  return {
    observe,
    middleware: (req, res, next) => {
      const requestId = observe(req, res)
      res.setHeader('X-Request-Id', requestId)
      requestContext.run({ requestId }, next)
    },
  }
}
