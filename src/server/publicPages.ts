import type { RequestHandler } from 'express'

import { EVERYTHING } from '../readCache/writes'
import { HIDDEN_TOPICS_COOKIE } from '../site/hiddenTopics'
import { AnonymousReadCache, type ReadCacheOptions } from './anonymousReadCache'
import type { Credentials } from './credentials'

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
}): RequestHandler {
  const cache = new AnonymousReadCache(cacheOptions)
  return async (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next()
    if (NOT_PAGES.test(req.path)) return next()
    if (credentials.carried(req.headers)) return next()
    // Client-side navigation asks for the same URL in React's own format.
    if (req.headers.rsc || req.headers['next-router-prefetch'] || 'rsc' in req.query) {
      return next()
    }
    if ('_rsc' in req.query) return next()
    const hidden = readCookie(req.headers.cookie, HIDDEN_TOPICS_COOKIE)
    const key = `PAGE ${hidden} ${req.url}`
    const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
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
}

function readCookie(header: string | undefined, name: string): string {
  if (!header) return ''
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return value.join('=')
  }
  return ''
}
