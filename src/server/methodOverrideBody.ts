import type { RequestHandler } from 'express'

import type { Handover } from './publicApi'
import { readBody } from './requestBody'
import { refuseRequest } from './refuseRequest'

// Payload compares the whole header with these, so a charset or any other parameter makes it
// read a GET sent as a POST without its body.
const FORM = 'application/x-www-form-urlencoded'
const JSON_TYPE = 'application/json'

export const OVERRIDE_BODY_TYPE_REFUSAL = `A GET sent as a POST (X-HTTP-Method-Override) is read with its body only when the body is sent as exactly Content-Type: ${FORM} (the query string) or ${JSON_TYPE} (a JSON object). Send it as one of them, or as a plain GET.`
export const OVERRIDE_JSON_REFUSAL =
  'Invalid JSON: a GET sent as a POST with Content-Type: application/json needs a JSON object as its body.'

const overridesToGet = (headers: Record<string, string | string[] | undefined>) =>
  headers['x-payload-http-method-override'] === 'GET' || headers['x-http-method-override'] === 'GET'

/**
 * Payload reads a POST with a method override to GET as a GET, taking its body as the query
 * string (form) or as JSON. A JSON body it cannot parse (or none) threw inside Payload, a 500
 * with an empty body; a body of any other type was silently dropped, so the client got an
 * answer to a question it did not ask. Both are refused here, before Payload.
 * Only for bodies whose size bodyLimits has already checked.
 */
export function refuseUnreadOverrideBodies(): RequestHandler {
  return async (req, res, next) => {
    if (req.method !== 'POST' || !overridesToGet(req.headers) || !req.path.startsWith('/api/')) {
      return next()
    }
    const contentType = req.headers['content-type']
    const length = Number(req.headers['content-length'] ?? 0)
    if (contentType === FORM) return next()
    if (contentType !== JSON_TYPE) {
      return length > 0 ? refuseRequest(res, 415, OVERRIDE_BODY_TYPE_REFUSAL) : next()
    }
    const handover = res.locals as Handover
    let body = handover.body
    if (!body && length > 0) {
      try {
        body = await readBody(req)
      } catch {
        // The client went away: nothing to answer.
        return
      }
      handover.body = body
      ;(req as { body?: unknown }).body = body.toString('utf8')
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(body?.toString('utf8') ?? '')
    } catch {
      return refuseRequest(res, 400, OVERRIDE_JSON_REFUSAL)
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return refuseRequest(res, 400, OVERRIDE_JSON_REFUSAL)
    }
    next()
  }
}
