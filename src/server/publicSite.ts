import type { RequestHandler } from 'express'

// What stays when PUBLIC_SITE=false: the API, the admin, and the files Next serves for it.
const HEADLESS_PATHS = /^\/(api|admin|_next)(\/|$)/

/** PUBLIC_SITE=false: the public pages answer 404, leaving a headless CMS. */
export const publicSiteOff: RequestHandler = (req, res, next) => {
  if (HEADLESS_PATHS.test(req.path)) return next()
  res
    .status(404)
    .set('Cache-Control', 'no-store')
    .type('text/plain')
    .send('Not found: this server runs without its public website (PUBLIC_SITE=false).')
}
