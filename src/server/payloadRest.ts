import type { ServerResponse } from 'node:http'

import type { Request } from 'express'

import { handleEndpoints, type Payload } from 'payload'

const GONE_WRONG = JSON.stringify({ errors: [{ message: 'Something went wrong.' }] })

/**
 * Payload's REST API called from Express the way Payload's own Next.js route calls it:
 * handleEndpoints, which Payload documents for any server that speaks web Requests. A REST read
 * then reaches Payload without passing through Next.js's router, and its answer comes back
 * whole, as a web Response, to be sent or kept as it is.
 */
export function payloadRest(payload: Payload): (req: Request) => Promise<Response> {
  return async (req) => {
    let request: globalThis.Request
    try {
      request = webRequestOf(req)
    } catch {
      return Response.json(
        { errors: [{ message: 'The request’s headers could not be read.' }] },
        { status: 400 },
      )
    }
    try {
      return await handleEndpoints({ config: payload.config, request })
    } catch (error) {
      // handleEndpoints answers every failure of an operation itself; this is for its own.
      payload.logger.error({ err: error }, 'Payload’s REST handler failed')
      return new Response(GONE_WRONG, {
        status: 500,
        headers: { 'content-type': 'application/json' },
      })
    }
  }
}

/** The request as Next.js would hand it to Payload: its (canonical) URL, method and headers. */
function webRequestOf(req: Request): globalThis.Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const each of value) headers.append(name, each)
    else if (value !== undefined) headers.set(name, value)
  }
  let url: URL
  try {
    url = new URL(req.url, `${req.protocol}://${req.headers.host ?? 'localhost'}`)
  } catch {
    // A Host header no URL can hold: Payload reads only the path and query from it.
    url = new URL(req.url, 'http://localhost')
  }
  // Payload's routes have no HEAD: it is their GET, whose body is then left unsent.
  const method = req.method === 'HEAD' ? 'GET' : req.method
  return new globalThis.Request(url, { method, headers })
}

/**
 * Payload's answer to a GET sent as the answer to a HEAD: its status and headers (the length
 * of the body included), without the body, whose stream is closed unread.
 */
export async function sendHeadersOnly(res: ServerResponse, answer: Promise<Response>) {
  const response = await answer
  await response.body?.cancel()
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') res.setHeader(name, value)
  }
  const cookies = response.headers.getSetCookie()
  if (cookies.length) res.setHeader('set-cookie', cookies)
  res.statusCode = response.status
  res.end()
}
