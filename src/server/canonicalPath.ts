import type { RequestHandler } from 'express'

/**
 * One spelling per path, decided before anything else looks at the request. Next.js decodes
 * percent-escapes and resolves dot segments before it picks a route, so `/api/%73ignatories/sign`,
 * `/api/signatories/./sign` and `/x/../api/signatories/sign` all run the sign endpoint; a limit,
 * a cache rule or a query check keyed on the raw path would miss them. The path is rewritten here
 * to the form every later decision and Next.js then share: escapes decoded (and only what a path
 * segment cannot hold escaped again), dot segments resolved, empty segments and a trailing slash
 * dropped. A path no route could mean (a broken escape, an escaped slash, control characters) is
 * refused with 400.
 */
export function canonicalPath(): RequestHandler {
  return (req, res, next) => {
    const canonical = canonicalUrl(req.url)
    if (canonical === undefined) {
      res
        .status(400)
        .set('Cache-Control', 'no-store')
        .json({
          errors: [{ message: 'The address is not valid: check its % escapes and slashes.' }],
        })
      return
    }
    if (canonical !== req.url) {
      req.url = canonical
      req.originalUrl = canonical
    }
    next()
  }
}

// What browsers escape in a path (the WHATWG path percent-encode set, and % itself): every
// other character is written as it is, so the paths browsers send are left unchanged.
const ESCAPED_IN_PATHS = /[^\x21\x24\x26-\x3b\x3d\x40-\x5f\x61-\x7a\x7c\x7e]/gu
// A decoded segment holding one of these would be read as two segments, or not at all.
const UNROUTABLE = /[/\\]|\p{Cc}/u

/** The request target with its path in canonical form, or undefined when it has none. */
export function canonicalUrl(target: string): string | undefined {
  let path = target
  let search = ''
  const queryAt = target.indexOf('?')
  if (queryAt >= 0) {
    path = target.slice(0, queryAt)
    search = target.slice(queryAt)
  }
  if (!path.startsWith('/')) {
    // The absolute form (GET http://host/path HTTP/1.1), which proxies may send.
    if (!/^https?:\/\//i.test(path)) return undefined
    const afterHost = path.indexOf('/', path.indexOf('//') + 2)
    path = afterHost < 0 ? '/' : path.slice(afterHost)
  }
  const segments: string[] = []
  for (const raw of path.split('/')) {
    let segment: string
    try {
      segment = decodeURIComponent(raw)
    } catch {
      return undefined
    }
    if (UNROUTABLE.test(segment)) return undefined
    if (segment === '' || segment === '.') continue
    if (segment === '..') {
      segments.pop()
      continue
    }
    segments.push(segment.replace(ESCAPED_IN_PATHS, (character) => encodeURIComponent(character)))
  }
  return `/${segments.join('/')}${search}`
}

/** The path of a request target, without its query string. */
export function pathOf(url: string | undefined): string {
  const target = url ?? '/'
  const queryAt = target.indexOf('?')
  return queryAt < 0 ? target : target.slice(0, queryAt)
}
