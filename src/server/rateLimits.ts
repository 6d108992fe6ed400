import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'

import type { Request, RequestHandler } from 'express'

import { MemoryStore, rateLimit, type Store } from 'express-rate-limit'
import { LRUCache } from 'lru-cache'

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

/** Tells whose a request is: its address, or the one a trusted proxy names. */
export type ClientOf = (req: IncomingMessage) => string

export type MissBudget = {
  /**
   * Lets a miss go ahead (undefined), or gives the seconds the client must wait: send `refuse`.
   * Call `charge` with what an admitted miss cost once it is answered.
   */
  spend: (req: IncomingMessage) => Promise<number | undefined>
  /** Charges the client the milliseconds Payload spent answering its miss. */
  charge: (req: IncomingMessage, milliseconds: number) => void
  /**
   * The seconds a refused client must still wait, if any: its further misses can be refused
   * without looking further (see earlyAnswers.ts).
   */
  refusedFor: (req: IncomingMessage) => number | undefined
  /** Sends the 429 for a client refused for `seconds` more, after the delay. */
  refuse: (res: ServerResponse, seconds: number, headers?: OutgoingHttpHeaders) => void
}

export type MissBudgetOptions = {
  /** Misses per client per minute, counted in `store` (shared between instances); 0: no limit. */
  perMinute: number
  /**
   * Milliseconds of Payload's time per client per minute, in this process; 0: no limit. A
   * sixth of this (ten seconds' worth) may be spent at once, then it comes back evenly.
   */
  timeMsPerMinute: number
  /**
   * How long a refusal waits before it is sent. A client that asks again the moment it is
   * refused (a script, an attack) then costs a timer, not a turn of the event loop per
   * request taken from everyone else.
   */
  refusalDelayMs: number
  clientOf: ClientOf
  store?: Store
}

/** The 429 for a client over its budget, as both its senders send it. */
function missBudgetRefusal(seconds: number): {
  headers: OutgoingHttpHeaders
  body: string
} {
  const body = JSON.stringify({
    errors: [
      {
        message: `Too many new requests from your connection. Please wait ${seconds} seconds and try again.`,
      },
    ],
  })
  return {
    headers: {
      'retry-after': String(seconds),
      'cache-control': 'no-store',
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    },
    body,
  }
}

// Clients remembered at once (refused, or with time spent); past this, the least recent are
// forgotten, and start again with a whole budget.
const MAX_CLIENTS = 10_000

type TimeBucket = { milliseconds: number; at: number }

/**
 * Each client's budget for anonymous reads the cache could not answer: a client that asks a new
 * question every time (a changing parameter or filter) makes Payload work for every request,
 * and past its budget is answered 429 without any. Two measures: misses per minute, and the
 * time Payload spent on them, since one expensive question (deep population of a long list)
 * costs as much as hundreds of cheap ones. Cache hits spend nothing.
 */
export function missBudget({
  perMinute,
  timeMsPerMinute,
  refusalDelayMs,
  clientOf,
  store = new MemoryStore(),
}: MissBudgetOptions): MissBudget {
  void store.init?.({ windowMs: WINDOW_MS } as Parameters<NonNullable<Store['init']>>[0])
  // Until when (ms since the epoch) each refused client stays refused.
  const refusedUntil = new LRUCache<string, number>({ max: MAX_CLIENTS })
  // Time left per client, a token bucket: it refills at timeMsPerMinute a minute, up to a sixth.
  const timeLeft = new LRUCache<string, TimeBucket>({ max: MAX_CLIENTS })
  const capacityMs = timeMsPerMinute / 6
  const refillPerMs = timeMsPerMinute / WINDOW_MS
  const secondsUntil = (time: number) => Math.max(1, Math.ceil((time - Date.now()) / 1000))

  const bucketOf = (client: string): TimeBucket => {
    const now = Date.now()
    const bucket = timeLeft.get(client) ?? { milliseconds: capacityMs, at: now }
    bucket.milliseconds = Math.min(
      capacityMs,
      bucket.milliseconds + (now - bucket.at) * refillPerMs,
    )
    bucket.at = now
    return bucket
  }

  const refuse: MissBudget['refuse'] = (res, seconds, headers = {}) => {
    metrics.requestsShed.inc({ reason: 'miss budget' })
    const refusal = missBudgetRefusal(seconds)
    const send = () => {
      if (!res.destroyed) res.writeHead(429, { ...headers, ...refusal.headers }).end(refusal.body)
    }
    if (refusalDelayMs > 0) setTimeout(send, refusalDelayMs).unref()
    else send()
  }

  const refuseUntil = (client: string, until: number) => {
    refusedUntil.set(client, until)
    return secondsUntil(until)
  }

  return {
    refuse,
    refusedFor: (req) => {
      const until = refusedUntil.get(clientOf(req))
      return until !== undefined && until > Date.now() ? secondsUntil(until) : undefined
    },
    charge: (req, milliseconds) => {
      if (timeMsPerMinute <= 0) return
      const client = clientOf(req)
      const bucket = bucketOf(client)
      // Charged in full, or one question that keeps Payload busy for seconds would cost no more
      // than a quick one; but what is measured is time, not only this client's work (a busy
      // machine, a lock), so no client owes more than a minute's budget.
      bucket.milliseconds = Math.max(-timeMsPerMinute, bucket.milliseconds - milliseconds)
      timeLeft.set(client, bucket)
    },
    spend: async (req) => {
      const client = clientOf(req)
      // A refused client stays refused for the time it was told (Retry-After), whatever its
      // bucket holds meanwhile; requests with credentials reach here without the early check.
      const until = refusedUntil.get(client)
      if (until !== undefined && until > Date.now()) return secondsUntil(until)
      if (timeMsPerMinute > 0) {
        const bucket = bucketOf(client)
        if (bucket.milliseconds <= 0) {
          // Refused until a quarter of what may be spent at once has come back: a client let in
          // again with a sliver of time would be refused again after one answer.
          const shortfall = capacityMs / 4 - bucket.milliseconds
          return refuseUntil(client, Date.now() + shortfall / refillPerMs)
        }
      }
      if (perMinute <= 0) return undefined
      let counted: Awaited<ReturnType<Store['increment']>>
      try {
        counted = await store.increment(client)
      } catch {
        // A shared store out of reach: serve rather than refuse everyone; the lanes still bound
        // the work.
        return undefined
      }
      const { totalHits, resetTime } = counted
      if (totalHits <= perMinute) return undefined
      return refuseUntil(client, resetTime?.getTime() ?? Date.now() + WINDOW_MS)
    },
  }
}
