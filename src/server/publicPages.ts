import type { IncomingMessage } from 'node:http'

import type { RequestHandler } from 'express'

import { EVERYTHING } from '../readCache/writes'
import {
  HIDDEN_TOPICS_COOKIE,
  parseHiddenTopics,
  serialiseHiddenTopics,
} from '../site/hiddenTopics'
import { AnonymousReadCache, type ReadCacheOptions } from './anonymousReadCache'
import type { HitAnswer } from './earlyAnswers'
import type { Credentials } from './credentials'
import { acceptsGzipOf } from './publicApi'

// The API and admin have their own handling; Next's own files are immutable and cached by name.
const NOT_PAGES = /^\/(api|admin|_next)(\/|$)/
// A page may show anything published: any visible write drops it.
const SHOWS_ANYTHING: ReadonlySet<string> = new Set([EVERYTHING])

/**
 * The public site's pages for anonymous readers, from the same kind of cache as the anonymous
 * API (src/server/anonymousReadCache.ts): kept until any visible write or for `seconds`, and
 * sent with the same Cache-Control for CDNs. A page differs only by the reader's topics to
 * hide, which are part of the key; anyone signed in, and Next's own navigation requests, go
 * straight on. A miss goes on to the public reads' lane like an API miss.
 */
export function publicPages({
  credentials,
  cache: cacheOptions,
}: {
  credentials: Credentials
  cache: ReadCacheOptions
}): { middleware: RequestHandler; answerHit: HitAnswer } {
  const cache = new AnonymousReadCache(cacheOptions)
  const keyOf = (req: IncomingMessage) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return undefined
    const url = req.url ?? '/'
    const queryAt = url.indexOf('?')
    if (NOT_PAGES.test(queryAt < 0 ? url : url.slice(0, queryAt))) return undefined
    if (credentials.carried(req.headers)) return undefined
    // Client-side navigation asks for the same URL in React's own format.
    if (req.headers.rsc || req.headers['next-router-prefetch']) return undefined
    if (queryAt >= 0) {
      const query = new URLSearchParams(url.slice(queryAt + 1))
      if (query.has('rsc') || query.has('_rsc')) return undefined
    }
    // The topics as the pages read them: order, repeats and unknown topics make no new entry.
    const hidden = serialiseHiddenTopics(
      parseHiddenTopics(readCookie(req.headers.cookie, HIDDEN_TOPICS_COOKIE)),
    )
    return `PAGE ${hidden} ${url}`
  }

  const middleware: RequestHandler = async (req, res, next) => {
    const key = keyOf(req)
    if (key === undefined) return next()
    const acceptsGzip = acceptsGzipOf(req)
    if (await cache.serveOrWait(key, req, res, acceptsGzip)) return
    // What is held must be the plain body; it is compressed once, when stored.
    delete req.headers['accept-encoding']
    cache.capture(req, res, {
      key: req.method === 'GET' ? key : undefined,
      tags: SHOWS_ANYTHING,
      conditional: true,
      graphql: false,
      acceptsGzip,
      page: true,
    })
    next()
  }

  // Keys are made from the path canonicalPath left: one spelt otherwise is never found.
  const answerHit: HitAnswer = (req, res, headers) => {
    const key = keyOf(req)
    return key !== undefined && cache.sendFresh(key, req, res, acceptsGzipOf(req), headers)
  }

  return { middleware, answerHit }
}

/**
 * A cookie's value as Next.js's `cookies()` reads it, which the pages use: pairs split at "; ",
 * values decoded, the last of a repeated name winning, and one that cannot be decoded skipped.
 * Read any other way, a reader could be given a page drawn for other choices.
 */
function readCookie(header: string | undefined, name: string): string {
  let found = ''
  for (const pair of (header ?? '').split(/; */)) {
    const splitAt = pair.indexOf('=')
    if (splitAt < 0 || pair.slice(0, splitAt) !== name) continue
    try {
      found = decodeURIComponent(pair.slice(splitAt + 1))
    } catch {
      // Skipped, as Next.js skips it.
    }
  }
  return found
}
