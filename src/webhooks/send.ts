import crypto from 'node:crypto'
import http from 'node:http'
import https from 'node:https'

import { Webhook } from 'standardwebhooks'

import { checkDestination, guardedLookup, parseWebhookUrl } from './address'

export const DELIVERY_TIMEOUT_MS = 10_000

/** A new signing secret in the Standard Webhooks form (whsec_ and 32 random bytes). */
export const newWebhookSecret = () => `whsec_${crypto.randomBytes(32).toString('base64')}`

export type Attempt = {
  ok: boolean
  statusCode: number | null
  error: string | null
  durationMs: number
}

type Delivery = {
  url: string
  secret: string
  messageId: string
  body: string
  allowPrivate: boolean
  timeoutMs?: number
}

/**
 * One signed POST (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature). Never
 * throws: what happened is returned for the delivery record. Redirects are not followed, so
 * a public address cannot send the request on to an internal one.
 */
export async function sendWebhook(delivery: Delivery): Promise<Attempt> {
  const started = Date.now()
  const done = (statusCode: number | null, error: string | null): Attempt => ({
    ok: error === null,
    statusCode,
    error,
    durationMs: Date.now() - started,
  })
  let url: URL
  try {
    url = parseWebhookUrl(delivery.url)
    await checkDestination(url, delivery.allowPrivate)
  } catch (error) {
    return done(null, (error as Error).message)
  }
  const sentAt = new Date()
  const signature = new Webhook(delivery.secret).sign(delivery.messageId, sentAt, delivery.body)
  const timeoutMs = delivery.timeoutMs ?? DELIVERY_TIMEOUT_MS

  return new Promise<Attempt>((resolve) => {
    const client = url.protocol === 'https:' ? https : http
    const request = client.request(
      url,
      {
        method: 'POST',
        lookup: guardedLookup(delivery.allowPrivate),
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(delivery.body),
          'user-agent': 'stopsim-cms-webhooks',
          'webhook-id': delivery.messageId,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          'webhook-signature': signature,
        },
      },
      (response) => {
        const status = response.statusCode ?? 0
        // The answer's body is the receiver's business: read and drop it, never store it.
        response.resume()
        response.once('end', () => {
          if (status >= 200 && status < 300) return resolve(done(status, null))
          const why =
            status >= 300 && status < 400
              ? `The receiver redirected (HTTP ${status}); redirects are not followed: give the final address.`
              : `The receiver answered HTTP ${status}.`
          resolve(done(status, why))
        })
        response.once('error', (error) => resolve(done(status, describe(error, timeoutMs))))
      },
    )
    request.once('error', (error) => resolve(done(null, describe(error, timeoutMs))))
    request.end(delivery.body)
  })
}

function describe(error: Error, timeoutMs: number): string {
  if (error.name === 'AbortError' || error.name === 'TimeoutError') {
    return `No answer within ${timeoutMs / 1000} s.`
  }
  if (error.name === 'RefusedAddressError') return error.message
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ECONNREFUSED') return 'The receiver refused the connection (is it running?).'
  if (code === 'ENOTFOUND') return 'The receiver’s host could not be found.'
  return `Could not reach the receiver: ${error.message}`
}
