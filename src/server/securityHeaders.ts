import type { OutgoingHttpHeaders, ServerResponse } from 'node:http'

import type { RequestHandler } from 'express'

import helmet from 'helmet'

type Options = {
  development: boolean
  https: boolean
  /** The public site's origin: the admin shows it in the live preview frame. */
  frontendOrigin?: string | null
}

// Tuned for the Payload admin: Next's inline bootstrap scripts and Payload's inline styles
// need 'unsafe-inline' (no nonces without middleware); the dev server also needs eval and a
// websocket for hot reload. Front ends on other origins load images from /api/media, so
// resources are cross-origin readable; CORS still decides who may read the JSON.
function helmetFor({ development, https, frontendOrigin }: Options) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'base-uri': ["'self'"],
        'connect-src': ["'self'", ...(development ? ['ws:', 'wss:'] : [])],
        'font-src': ["'self'", 'data:'],
        'form-action': ["'self'"],
        'frame-ancestors': ["'self'"],
        'frame-src': ["'self'", ...(frontendOrigin ? [frontendOrigin] : [])],
        'img-src': ["'self'", 'data:', 'blob:'],
        'media-src': ["'self'", 'blob:'],
        'object-src': ["'none'"],
        'script-src': ["'self'", "'unsafe-inline'", ...(development ? ["'unsafe-eval'"] : [])],
        'style-src': ["'self'", "'unsafe-inline'"],
        'worker-src': ["'self'", 'blob:'],
        ...(https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    // HSTS over plain HTTP is ignored by browsers and only confuses a local demo.
    strictTransportSecurity: https ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  })
}

/**
 * The headers helmet sends with every answer. They do not depend on the request, so they are
 * worked out once: cache hits answered before Express (see earlyAnswers.ts) send them as they are.
 */
export function securityHeaderValues(options: Options): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {}
  const recorder = {
    setHeader: (name: string, value: string) => {
      headers[name.toLowerCase()] = value
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()]
    },
    getHeader: (name: string) => headers[name.toLowerCase()],
  } as unknown as ServerResponse
  let finished = false
  void helmetFor(options)({} as never, recorder as never, () => {
    finished = true
  })
  // Helmet answers synchronously; if a version ever waits, the headers would be incomplete.
  if (!finished) throw new Error('helmet did not set its headers at once')
  return headers
}

/** Sends securityHeaderValues with every answer Express gives. */
export function securityHeaders(options: Options): RequestHandler {
  const headers = Object.entries(securityHeaderValues(options))
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value as string)
    res.removeHeader('X-Powered-By')
    next()
  }
}
