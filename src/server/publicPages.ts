import type { IncomingMessage } from 'node:http'

import type { RequestHandler } from 'express'

import { EVERYTHING } from '../readCache/writes'
import {
  HIDDEN_TOPICS_COOKIE,
  parseHiddenTopics,
  serialiseHiddenTopics,
} from '../site/hiddenTopics'
import { canonicalSiteUrl } from '../site/siteQueries'
import { AnonymousReadCache, type ReadCacheOptions } from './anonymousReadCache'
import type { HitAnswer } from './earlyAnswers'
import type { Credentials } from './credentials'
import { pathOf } from './canonicalPath'
import { acceptsGzipOf } from './publicApi'

// The API and admin have their own handling; Next's own files are immutable and cached by name.
const NOT_PAGES = /^\/(api|admin|_next)(\/|$)/
// A page may show anything published: any visible write drops it.
const SHOWS_ANYTHING: ReadonlySet<string> = new Set([EVERYTHING])
// Long enough for browsers and CDNs to skip the hop, short enough that a page that comes to
// read a new parameter is not kept from it for long by redirects stored before it did.
const REDIRECT_CACHE_CONTROL = 'public, max-age=3600'

/**
 * The public site's pages for anonymous readers, from the same kind of cache as the anonymous
 * API (src/server/anonymousReadCache.ts): kept until any visible write or for `seconds`, and
 * sent with the same Cache-Control for CDNs. A page differs only by the reader's topics to
 * hide, which are part of the key; anyone signed in, and Next's own navigation requests, go
 * straight on. A miss goes on to the public reads' lane like an API miss.
 *
 * Each page has one address: a query spelt otherwise than the page reads it (a parameter it
 * ignores, a value it does not know or writes another way, see src/site/siteQueries.ts) is
 * answered with a 301 to that address, before anything is drawn or stored. Serving the
 * canonical answer at the other spelling would keep the cache to one entry as well, but then
 * every spelling is a separate page to CDNs, browsers and search engines, each a miss for
 * them; a redirect costs one cheap answer, and the CDN can keep that too.
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
    const url = req.url ?? '/'
    if (!isSitePage(req) || credentials.carried(req.headers)) return undefined
    // Only the canonical address is stored (middleware redirects any other before this).
    if (canonicalOf(url) !== url) return undefined
    // The topics as the pages read them: order, repeats and unknown topics make no new entry.
    const hidden = serialiseHiddenTopics(
      parseHiddenTopics(readCookie(req.headers.cookie, HIDDEN_TOPICS_COOKIE)),
    )
    return `PAGE ${hidden} ${url}`
  }

  const middleware: RequestHandler = async (req, res, next) => {
    if (isSitePage(req)) {
      const canonical = canonicalOf(req.url)
      if (canonical !== undefined && canonical !== req.url) {
        res.set('Cache-Control', REDIRECT_CACHE_CONTROL).redirect(301, canonical)
        return
      }
    }
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
  const answerHit: HitAnswer = (req, res, { headers, evenStale }) => {
    const key = keyOf(req)
    return (
      key !== undefined &&
      cache.sendStored(key, req, res, { acceptsGzip: acceptsGzipOf(req), headers, evenStale })
    )
  }

  return { middleware, answerHit }
}

/** The address of the site's page `url` asks for, or undefined when it is not one. */
function canonicalOf(url: string): string | undefined {
  const queryAt = url.indexOf('?')
  return canonicalSiteUrl(pathOf(url), queryAt < 0 ? '' : url.slice(queryAt))
}

/** A GET of one of the site's own pages, as a browser asks for it (not Next's navigation). */
function isSitePage(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false
  const url = req.url ?? '/'
  if (NOT_PAGES.test(pathOf(url))) return false
  // Client-side navigation asks for the same URL in React's own format.
  if (req.headers.rsc || req.headers['next-router-prefetch']) return false
  const queryAt = url.indexOf('?')
  if (queryAt >= 0) {
    const query = new URLSearchParams(url.slice(queryAt + 1))
    if (query.has('rsc') || query.has('_rsc')) return false
  }
  return true
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
