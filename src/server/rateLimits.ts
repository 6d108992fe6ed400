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

/**
 * As perMinuteLimit, but over the limit the request goes on with `header` set, for a page that
 * answers in its own words (the signing form) rather than with a bare 429. Any value a client
 * sent in that header is removed first.
 */
export function perMinuteMark(limit: number, header: string): RequestHandler {
  const limiter =
    limit > 0
      ? rateLimit({
          windowMs: 60_000,
          limit,
          standardHeaders: false,
          legacyHeaders: false,
          handler: (req, _res, next) => {
            req.headers[header] = '1'
            next()
          },
        })
      : undefined
  return (req, res, next) => {
    delete req.headers[header]
    if (!limiter) return next()
    return limiter(req, res, next)
  }
}
