import type { RequestHandler } from 'express'

import type { Handover } from './publicApi'
import { readBody } from './requestBody'
import { refuseRequest } from './refuseRequest'

export const NUL_REFUSAL =
  'Text sent to this site may not contain the NUL character (U+0000, %00 or \\u0000). Remove it and try again.'

// GraphQL spells it \u0000 or \u{0} inside a string literal.
const GRAPHQL_NUL = /\\u(?:0000|\{0+\})/i

/** Whether a parsed JSON value holds a NUL in any key or string, or in a GraphQL literal. */
function holdsNul(value: unknown, graphql: boolean): boolean {
  const pending: unknown[] = [value]
  while (pending.length) {
    const next = pending.pop()
    if (typeof next === 'string') {
      if (next.includes('\u0000')) return true
      continue
    }
    if (typeof next !== 'object' || next === null) continue
    if (Array.isArray(next)) {
      pending.push(...next)
      continue
    }
    for (const [key, inner] of Object.entries(next)) {
      if (key.includes('\u0000')) return true
      if (graphql && key === 'query' && typeof inner === 'string' && GRAPHQL_NUL.test(inner)) {
        return true
      }
      pending.push(inner)
    }
  }
  return false
}

const isJson = (contentType: string) =>
  /^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType.trim())
const isForm = (contentType: string) =>
  contentType.trim().toLowerCase().startsWith('application/x-www-form-urlencoded')

/**
 * Refuses NUL (U+0000) anywhere in the text a request carries: its query string and path, and
 * JSON or form bodies (GraphQL variables and literals included). PostgreSQL cannot store or
 * compare it in text and answers a 500; SQLite stores it. One refusal here makes every route
 * and every database answer the same 400. Bodies read here are left for the later handlers in
 * res.locals (see Handover) and as req.body, which Express's body parsers then take as read.
 * Only for bodies whose size bodyLimits has already checked.
 */
export function refuseNulCharacters(): RequestHandler {
  const refuse = (res: Parameters<RequestHandler>[1]) => refuseRequest(res, 400, NUL_REFUSAL)

  return async (req, res, next) => {
    if (/%00/i.test(req.url)) return refuse(res)
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next()
    const contentType = String(req.headers['content-type'] ?? '')
    const json = isJson(contentType)
    if (!json && !isForm(contentType)) return next()
    if (!Number(req.headers['content-length'])) return next()
    let body: Buffer
    try {
      body = await readBody(req)
    } catch {
      // The client went away: nothing to answer.
      return
    }
    ;(res.locals as Handover).body = body
    const text = body.toString('utf8')
    ;(req as { body?: unknown }).body = text
    if (text.includes('\u0000')) return refuse(res)
    if (!json) {
      if (/%00/i.test(text)) return refuse(res)
      return next()
    }
    // JSON can only spell a NUL as an escape; most bodies have none and are not parsed here.
    if (!text.includes('\\u')) return next()
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      // Malformed JSON is the route's to refuse, in its usual shape.
      return next()
    }
    if (holdsNul(parsed, req.path === '/api/graphql')) return refuse(res)
    next()
  }
}
