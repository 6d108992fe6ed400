import type { RequestHandler } from 'express'

import { rateLimit, type Store } from 'express-rate-limit'

/**
 * A per-address limit per minute, answered with 429 and Retry-After. 0 turns it off.
 * Counts live in this process unless a shared `store` is given (Redis, src/sharedState), so
 * that instances behind a load balancer count together.
 */
export function perMinuteLimit(limit: number, message: string, store?: Store): RequestHandler {
  if (limit <= 0) return (_req, _res, next) => next()
  return rateLimit({
    windowMs: 60_000,
    limit,
    ...(store ? { store } : {}),
    // A shared store that cannot be reached lets requests through: an outage of Redis must not
    // refuse every signature and login. Payload's own lockout still guards each account.
    passOnStoreError: true,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res, _next, options) => {
      res.status(options.statusCode).json({ errors: [{ message }] })
    },
  })
}
