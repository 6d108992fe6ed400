import crypto from 'node:crypto'

import type { PayloadRequest } from 'payload'

import { type WebhookEvent, webhookPayload } from './events'

export const DELIVER_WEBHOOK_TASK = 'deliverWebhook'

/** How often at most a letter's count change is sent to one webhook. */
export const COUNT_CHANGE_INTERVAL_MS = 60_000

type Subject = { id: number | string; slug?: unknown }

async function subscribers(req: PayloadRequest, event: WebhookEvent) {
  // A handful of webhooks at most: filtering here keeps the query the same on every database.
  const { docs } = await req.payload.find({
    collection: 'webhooks',
    depth: 0,
    limit: 0,
    overrideAccess: true,
    pagination: false,
    req,
    where: { enabled: { equals: true } },
  })
  return docs.filter((webhook) => webhook.events?.includes(event))
}

async function queueOne(
  req: PayloadRequest,
  webhookId: number | string,
  event: WebhookEvent,
  subject: Subject,
  scheduledFor: Date,
): Promise<void> {
  const delivery = await req.payload.create({
    collection: 'webhook-deliveries',
    depth: 0,
    overrideAccess: true,
    req,
    data: {
      webhook: webhookId as number,
      event,
      documentId: String(subject.id),
      messageId: `msg_${crypto.randomUUID()}`,
      payload: webhookPayload(event, subject),
      status: 'scheduled',
      scheduledFor: scheduledFor.toISOString(),
    },
  })
  await req.payload.jobs.queue({
    task: DELIVER_WEBHOOK_TASK,
    input: { delivery: String(delivery.id) },
    req,
    ...(scheduledFor.getTime() > Date.now() ? { waitUntil: scheduledFor } : {}),
  })
}

/**
 * Records a delivery of the event for every webhook that asked for it and queues it. Runs in
 * the write's own transaction (same req), so a write that is rolled back sends nothing.
 */
export async function queueWebhookEvent(
  req: PayloadRequest,
  event: WebhookEvent,
  subject: Subject,
): Promise<void> {
  const now = new Date()
  for (const webhook of await subscribers(req, event)) {
    await queueOne(req, webhook.id, event, subject, now)
  }
}

/**
 * A letter's count changes with every approval, so these are gathered: while one is waiting
 * to be sent nothing more is queued, and one is sent at most once a minute per webhook.
 */
export async function queueCountChanged(req: PayloadRequest, letter: Subject): Promise<void> {
  const event: WebhookEvent = 'statements.countChanged'
  for (const webhook of await subscribers(req, event)) {
    const { docs } = await req.payload.find({
      collection: 'webhook-deliveries',
      depth: 0,
      limit: 1,
      overrideAccess: true,
      req,
      sort: '-scheduledFor',
      where: {
        and: [
          { webhook: { equals: webhook.id } },
          { event: { equals: event } },
          { documentId: { equals: String(letter.id) } },
        ],
      },
    })
    const last = docs[0]
    if (last?.status === 'scheduled') continue
    const earliest = last?.scheduledFor
      ? new Date(new Date(last.scheduledFor).getTime() + COUNT_CHANGE_INTERVAL_MS)
      : new Date()
    await queueOne(
      req,
      webhook.id,
      event,
      letter,
      new Date(Math.max(Date.now(), earliest.getTime())),
    )
  }
}
