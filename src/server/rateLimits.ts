import type { RequestHandler } from 'express'

import { rateLimit } from 'express-rate-limit'

/**
 * A per-address limit per minute, answered with 429 and Retry-After. 0 turns it off.
 * Counts live in this process: several instances behind a load balancer each count apart.
 */
export function perMinuteLimit(limit: number, message: string): RequestHandler {
  if (limit <= 0) return (_req, _res, next) => next()
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res, _next, options) => {
      res.status(options.statusCode).json({ errors: [{ message }] })
    },
  })
}
