import type { RequestHandler } from 'express'

/**
 * Refuses a path with a stray `%` (one not followed by two hexadecimal digits). Next.js and
 * Payload decode paths and answer such a one with a 500; it can only be a typing slip or a probe.
 */
export const wellFormedUrl: RequestHandler = (req, res, next) => {
  const path = req.originalUrl.split('?', 1)[0]
  if (!path.includes('%')) return next()
  try {
    decodeURIComponent(path)
  } catch {
    res
      .status(400)
      .set('Cache-Control', 'no-store')
      .json({
        errors: [
          {
            message:
              'The address is malformed: a % must be followed by two hexadecimal digits (write %25 for a percent sign).',
          },
        ],
      })
    return
  }
  next()
}
