import type { PayloadRequest, TaskConfig } from 'payload'

import type { WebhookDelivery } from '../payload-types'
import { sendWebhook } from '../webhooks/send'
import { DELIVER_WEBHOOK_TASK } from '../webhooks/queue'
import { type WebhookSettings, webhookSettings } from '../webhooks/settings'

type Input = { delivery: string }
type Output = { status: WebhookDelivery['status'] }

const relationId = (value: unknown): number | string | null =>
  typeof value === 'object' && value !== null && 'id' in value
    ? (value as { id: number | string }).id
    : (value as number | string | null)

async function finish(
  req: PayloadRequest,
  id: number | string,
  data: Partial<WebhookDelivery>,
): Promise<void> {
  await req.payload.update({
    collection: 'webhook-deliveries',
    id,
    data,
    depth: 0,
    overrideAccess: true,
    req,
  })
}

/**
 * Sends one recorded delivery. A failure is recorded and thrown, so Payload's job queue tries
 * again with exponential back-off; once the retries are spent the webhook is switched off and
 * the dashboard tells admins why.
 */
export function deliverWebhookTask(
  settings: Pick<WebhookSettings, 'retryAttempts' | 'retryDelayMs'>,
) {
  return {
    slug: DELIVER_WEBHOOK_TASK,
    label: 'Deliver a webhook',
    inputSchema: [{ name: 'delivery', type: 'text', required: true }],
    outputSchema: [{ name: 'status', type: 'text' }],
    retries: {
      attempts: settings.retryAttempts,
      backoff: { type: 'exponential', delay: settings.retryDelayMs },
    },
    handler: async ({ input, job, req }) => {
      const { payload } = req
      const delivery = await payload
        .findByID({
          collection: 'webhook-deliveries',
          // Job inputs are JSON: the id comes back as text.
          id: payload.db.defaultIDType === 'number' ? Number(input.delivery) : input.delivery,
          depth: 0,
          overrideAccess: true,
          disableErrors: true,
          req,
        })
        .catch(() => null)
      if (!delivery) return { output: { status: 'cancelled' } }
      const webhookId = relationId(delivery.webhook)
      const webhook =
        webhookId === null
          ? null
          : await payload
              .findByID({
                collection: 'webhooks',
                id: webhookId,
                depth: 0,
                overrideAccess: true,
                disableErrors: true,
                req,
              })
              .catch(() => null)
      if (!webhook?.enabled) {
        await finish(req, delivery.id, {
          status: 'cancelled',
          lastError: webhook ? 'The webhook was switched off.' : 'The webhook was deleted.',
        })
        return { output: { status: 'cancelled' } }
      }

      const at = new Date().toISOString()
      const attempt = await sendWebhook({
        url: webhook.url,
        secret: webhook.secret,
        messageId: delivery.messageId,
        body: JSON.stringify(delivery.payload),
        allowPrivate: webhookSettings(payload).allowPrivate,
      })
      const attempts = [
        ...(delivery.attempts ?? []).map(({ at, statusCode, error, durationMs }) => ({
          at,
          statusCode,
          error,
          durationMs,
        })),
        {
          at,
          statusCode: attempt.statusCode,
          error: attempt.error,
          durationMs: attempt.durationMs,
        },
      ]
      if (attempt.ok) {
        await finish(req, delivery.id, {
          status: 'delivered',
          deliveredAt: new Date().toISOString(),
          lastStatusCode: attempt.statusCode,
          lastError: null,
          attempts,
        })
        return { output: { status: 'delivered' } }
      }

      const lastTry = (job.totalTried ?? 0) >= settings.retryAttempts
      await finish(req, delivery.id, {
        status: lastTry ? 'failed' : 'retrying',
        lastStatusCode: attempt.statusCode,
        lastError: attempt.error,
        attempts,
      })
      if (lastTry) {
        await payload.update({
          collection: 'webhooks',
          id: webhook.id,
          depth: 0,
          overrideAccess: true,
          req,
          data: {
            enabled: false,
            switchedOffAt: at,
            switchedOffReason: `Switched off after ${attempts.length} failed attempts to deliver ${delivery.event}. Last error: ${attempt.error}`,
          },
        })
      }
      throw new Error(`Webhook delivery ${delivery.id} failed: ${attempt.error}`)
    },
  } satisfies TaskConfig<{ input: Input; output: Output }>
}
