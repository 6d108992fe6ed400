import type { Request, RequestHandler, Response } from 'express'

import { MemoryStore, rateLimit, type Store } from 'express-rate-limit'

import { metrics } from '../metrics'

const WINDOW_MS = 60_000

/**
 * Where the per-minute counts live. In this process by default; give express-rate-limit's
 * `store` (rate-limit-redis, say) to share them between instances behind a load balancer.
 * `prefix` keeps each limit's counts apart in a shared store.
 */
export type LimitStores = (prefix: string) => Store | undefined

export const inThisProcess: LimitStores = () => undefined

/**
 * A page that answers the limit in its own words (the signing form) rather than with a bare
 * 429: over the limit its request goes on with `header` set. Any value a client sent in that
 * header is removed first.
 */
export type MarkOverLimit = { header: string; on: (req: Request) => boolean }

/**
 * A per-address limit per minute, answered with 429 and Retry-After. 0 turns it off. One
 * limit mounted on several routes counts them together, so that two ways to do the same thing
 * (the signing API and the site's form) share one budget.
 */
export function perMinuteLimit(
  limit: number,
  message: string,
  store: Store | undefined,
  mark?: MarkOverLimit,
): RequestHandler {
  const limiter = limit > 0 ? countedPerMinute(limit, message, store, mark) : undefined
  return (req, res, next) => {
    if (mark) delete req.headers[mark.header]
    if (!limiter) return next()
    return limiter(req, res, next)
  }
}

function countedPerMinute(
  limit: number,
  message: string,
  store: Store | undefined,
  mark: MarkOverLimit | undefined,
): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit,
    store,
    // A shared store that cannot be reached lets requests through: an outage of Redis must not
    // refuse every signature and login. Payload's own lockout still guards each account.
    passOnStoreError: true,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (req, res, next, options) => {
      if (mark?.on(req)) {
        req.headers[mark.header] = '1'
        return next()
      }
      res.status(options.statusCode).json({ errors: [{ message }] })
    },
  })
}

/**
 * Each client's budget of anonymous reads that the cache could not answer, per minute: a
 * client that asks a new question every time (a changing parameter or filter) makes Payload
 * work for every request, and past its budget is answered 429 without any. Cache hits spend
 * nothing. 0 turns it off.
 */
export function missBudget(
  limit: number,
  store: Store = new MemoryStore(),
): (req: Request, res: Response) => Promise<boolean> {
  if (limit <= 0) return async () => true
  void store.init?.({ windowMs: WINDOW_MS } as Parameters<NonNullable<Store['init']>>[0])
  return async (req, res) => {
    const key = req.ip ?? req.socket.remoteAddress ?? ''
    let counted: Awaited<ReturnType<Store['increment']>>
    try {
      counted = await store.increment(key)
    } catch {
      // A shared store out of reach: serve rather than refuse everyone; the lanes still bound
      // the work.
      return true
    }
    const { totalHits, resetTime } = counted
    if (totalHits <= limit) return true
    metrics.requestsShed.inc({ reason: 'miss budget' })
    const seconds = Math.max(
      1,
      Math.ceil(((resetTime?.getTime() ?? Date.now()) - Date.now()) / 1000),
    )
    res
      .status(429)
      .set({ 'Retry-After': String(seconds), 'Cache-Control': 'no-store' })
      .json({
        errors: [
          {
            message: `Too many new requests from your connection. Please wait ${seconds} seconds and try again.`,
          },
        ],
      })
    return false
  }
}
