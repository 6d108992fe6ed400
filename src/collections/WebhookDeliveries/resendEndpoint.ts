import type { Endpoint, PayloadRequest } from 'payload'

import { hasRole } from '../../access/hasRole'
import { errorResponse } from '../../utilities/errorResponse'
import { DELIVER_WEBHOOK_TASK } from '../../webhooks/queue'

/**
 * POST /api/webhook-deliveries/:id/resend — queues a recorded delivery again (admins), with
 * the same webhook-id, so a receiver that already has it can tell.
 */
export const resendEndpoint: Endpoint = {
  path: '/:id/resend',
  method: 'post',
  handler: async (req: PayloadRequest) => {
    if (!hasRole(req.user, 'admin')) return errorResponse(403, 'Only admins can resend webhooks.')
    const id = req.routeParams?.id
    const delivery =
      typeof id === 'string' || typeof id === 'number'
        ? await req.payload
            .findByID({
              collection: 'webhook-deliveries',
              id,
              depth: 1,
              overrideAccess: true,
              disableErrors: true,
              req,
            })
            .catch(() => null)
        : null
    if (!delivery) return errorResponse(404, `There is no webhook delivery "${String(id)}".`)
    const webhook = typeof delivery.webhook === 'object' ? delivery.webhook : null
    if (!webhook) return errorResponse(409, 'Its webhook has been deleted, so it cannot be sent.')
    if (!webhook.enabled) {
      return errorResponse(409, 'Its webhook is switched off: switch it on first, then resend.')
    }
    await req.payload.update({
      collection: 'webhook-deliveries',
      id: delivery.id,
      data: { status: 'scheduled', scheduledFor: new Date().toISOString() },
      depth: 0,
      overrideAccess: true,
      req,
    })
    await req.payload.jobs.queue({
      task: DELIVER_WEBHOOK_TASK,
      input: { delivery: String(delivery.id) },
      req,
    })
    return Response.json({ message: 'Queued to be sent again.', id: delivery.id })
  },
}
