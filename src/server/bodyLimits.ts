import type { RequestHandler } from 'express'

import { formatBytes } from '../utilities/formatBytes'

type Limits = { jsonBytes: number; uploadBytes: number }

// Payload reads the raw body itself, so nothing may parse it here; the declared length is
// checked instead. A body of unknown length could not be limited without buffering it.
export function bodyLimits({ jsonBytes, uploadBytes }: Limits): RequestHandler {
  // Multipart framing (boundaries, the other form fields) comes on top of the file itself.
  const multipartBytes = uploadBytes + 1024 * 1024
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next()
    const declared = req.headers['content-length']
    if (declared === undefined) {
      if (req.headers['transfer-encoding']) {
        res
          .status(411)
          .json({ errors: [{ message: 'Send a Content-Length header with the request body.' }] })
        return
      }
      return next()
    }
    const isMultipart = (req.headers['content-type'] ?? '').startsWith('multipart/form-data')
    const limit = isMultipart ? multipartBytes : jsonBytes
    if (Number(declared) > limit) {
      res.status(413).json({
        errors: [
          {
            message: isMultipart
              ? `The upload is too large: the limit is ${formatBytes(uploadBytes)}.`
              : `The request body is too large: the limit is ${formatBytes(jsonBytes)}.`,
          },
        ],
      })
      return
    }
    next()
  }
}
