import type { RequestHandler } from 'express'

/** The methods Payload's routes and the site answer; the API's route file exports these. */
const ALLOWED = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const
const ALLOW_HEADER = ALLOWED.join(', ')
const allowed: ReadonlySet<string> = new Set(ALLOWED)

/**
 * Any other method (TRACE, PROPFIND, …) reaches Next.js, which answers it with a 500: here it
 * gets a 405 naming the methods there are.
 */
export function methodNotAllowed(): RequestHandler {
  return (req, res, next) => {
    if (allowed.has(req.method)) return next()
    res
      .status(405)
      .set({ Allow: ALLOW_HEADER, 'Cache-Control': 'no-store' })
      .json({ errors: [{ message: `${req.method} is not supported here. Use ${ALLOW_HEADER}.` }] })
  }
}
