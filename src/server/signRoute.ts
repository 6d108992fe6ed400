import type { Payload } from 'payload'

import express, { type RequestHandler } from 'express'

import { signLetter } from '../collections/Signatories/endpoints/sign'

/**
 * POST /api/signatories/sign answered by Express with the Payload instance, not through
 * Next.js: in a burst every signature otherwise pays for Next's routing and Payload's request
 * set-up, which cost more than its share of the group commit. The same `signLetter` serves the
 * Payload endpoint, so the answers are the same either way.
 */
export function signRoute(payload: Payload, jsonBytes: number): RequestHandler[] {
  return [
    express.text({ type: () => true, limit: jsonBytes }),
    async (req, res, next) => {
      let body: unknown
      try {
        body = typeof req.body === 'string' && req.body ? JSON.parse(req.body) : undefined
      } catch {
        body = undefined
      }
      try {
        const answer = await signLetter(payload, body, req.ip ?? req.socket.remoteAddress ?? null)
        // Written out rather than with res.json: Express would hash every answer for an ETag
        // that no one can use on a POST.
        res
          .status(answer.status)
          .set({ 'Cache-Control': 'no-store', 'Content-Type': 'application/json; charset=utf-8' })
          .end(JSON.stringify(answer.body))
      } catch (error) {
        next(error)
      }
    },
  ]
}
