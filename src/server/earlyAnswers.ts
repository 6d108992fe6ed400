import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'

import { canonicalUrl, pathOf } from './canonicalPath'
import type { Credentials } from './credentials'
import { isJson } from './publicApi'
import type { MissBudget } from './rateLimits'
import { readBodyOnce } from './requestBody'
import type { RequestObserver } from './observeRequests'

/**
 * Sends a cached answer to an anonymous request, with `headers` added, and returns true; or
 * returns false, having sent nothing. Only a fresh answer unless `evenStale` (one past its time,
 * never one a write dropped). `body` is a GraphQL POST's, already read.
 */
export type HitAnswer = (req: IncomingMessage, res: ServerResponse, options: HitOptions) => boolean

type HitOptions = { headers: OutgoingHttpHeaders; body?: Buffer; evenStale: boolean }

type Options = {
  /** The caches to look in, in order (the API's, then the site's pages'). */
  answers: readonly HitAnswer[]
  /** Clients that have spent their misses are refused before Express too. */
  budget: MissBudget
  credentials: Credentials
  observer: RequestObserver
  /** What Express would have added to any answer: the security headers. */
  headers: OutgoingHttpHeaders
  /** False while shutting down: then every answer goes through Express, which closes. */
  open: () => boolean
  /** Longest GraphQL body that can be a key (larger queries are never stored). */
  maxKeyedBodyBytes: number
}

// Answered in Express before any budget is spent: never refused for it.
const NOT_BUDGETED = /^\/(healthz|readyz|metrics)$|^\/_next\/static\//

/**
 * What is answered before Express: cache hits, and the 429 of a client that has spent its
 * budget of misses. A stored answer was kept after its request had passed everything in the
 * Express layer (canonical path, method, NUL and query checks, limits), and those decisions
 * depend only on what its key is made of, so a repeat costs no more than a lookup and a write;
 * a client already refused would be refused again. Under a cache-busting attack these two are
 * nearly all the traffic, and neither waits behind Express's middleware. Everything else, and
 * a stored answer past its time (which one request must refresh), goes on to `rest`
 * (Express). These answers are logged and counted like any other.
 */
export function earlyAnswers({
  answers,
  budget,
  credentials,
  observer,
  headers,
  open,
  maxKeyedBodyBytes,
}: Options): {
  /** Answers what it can, and hands everything else to `rest`. */
  answer: (req: IncomingMessage, res: ServerResponse, rest: () => void) => void
  /**
   * For a client refused for its budget: an answer past its time is better than none, and
   * costs nothing. Returns false when there is none.
   */
  answerStale: (req: IncomingMessage, res: ServerResponse) => boolean
} {
  const withId = (req: IncomingMessage, res: ServerResponse) => ({
    ...headers,
    'x-request-id': observer.observe(req, res),
  })
  const answered = (req: IncomingMessage, res: ServerResponse, options: HitOptions) =>
    answers.some((answer) => answer(req, res, options))
  const refused = (req: IncomingMessage, res: ServerResponse, sent: OutgoingHttpHeaders) => {
    const seconds = budget.refusedFor(req)
    if (seconds === undefined) return false
    const path = pathOf(req.url)
    // Only paths already in canonical form: another spelling may name an exempt route.
    if (NOT_BUDGETED.test(path) || canonicalUrl(path) !== path) return false
    if (!answered(req, res, { headers: sent, evenStale: true })) budget.refuse(res, seconds, sent)
    return true
  }

  return {
    // Credentials Payload would not accept (forged, expired) still keep a request from the cache.
    answerStale: (req, res) =>
      !credentials.carried(req.headers) && answered(req, res, { headers: {}, evenStale: true }),
    answer: (req, res, rest) => {
      if (!open() || credentials.carried(req.headers)) return rest()
      if (req.method === 'GET' || req.method === 'HEAD') {
        // A body on a GET is Express's to refuse or ignore.
        if (req.headers['content-length'] || req.headers['transfer-encoding']) return rest()
        const sent = withId(req, res)
        if (!answered(req, res, { headers: sent, evenStale: false }) && !refused(req, res, sent)) {
          rest()
        }
        return
      }
      if (!isKeyableGraphql(req, maxKeyedBodyBytes)) return rest()
      readBodyOnce(req).then(
        (body) => {
          if (!answered(req, res, { headers: withId(req, res), body, evenStale: false })) rest()
        },
        // The client went away before sending it all: there is no one to answer.
        () => undefined,
      )
    },
  }
}

/** A GraphQL POST whose body is small enough to have been stored under: only its length is known. */
function isKeyableGraphql(req: IncomingMessage, maxBytes: number): boolean {
  if (req.method !== 'POST' || req.url !== '/api/graphql') return false
  if (req.headers['transfer-encoding'] || !isJson(req.headers['content-type'])) return false
  const length = Number(req.headers['content-length'])
  return Number.isInteger(length) && length > 0 && length <= maxBytes
}
