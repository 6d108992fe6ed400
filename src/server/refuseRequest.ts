import type { Response } from 'express'

/** A request refused in the Express layer, in the shape of Payload's own errors, never cached. */
export const refuseRequest = (res: Response, status: number, message: string) =>
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .json({ errors: [{ message, extensions: { statusCode: status } }] })
