/**
 * What a webhook can be told about. Each public collection says when a document goes live
 * (published, or approved for artwork), stops being public (unpublished) or is deleted
 * while public; open letters also say when their public count changes.
 */
export const WEBHOOK_EVENTS = [
  'statements.published',
  'statements.unpublished',
  'statements.deleted',
  'statements.countChanged',
  'updates.published',
  'updates.unpublished',
  'updates.deleted',
  'pages.published',
  'pages.unpublished',
  'pages.deleted',
  'trusts.published',
  'trusts.unpublished',
  'trusts.deleted',
  'artwork.approved',
  'artwork.unpublished',
  'artwork.deleted',
] as const

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]

/** Collections whose documents go live by publishing (drafts and versions). */
export const PUBLISHED_COLLECTIONS = ['statements', 'updates', 'pages', 'trusts'] as const

const WHAT: Record<string, string> = {
  published: 'published (or published again after an edit)',
  approved: 'approved for the site (or edited while approved)',
  unpublished: 'taken off the site',
  deleted: 'deleted while on the site',
  countChanged: 'an open letter’s public count changed (at most once a minute)',
}
const COLLECTION_LABELS: Record<string, string> = {
  statements: 'Statement',
  updates: 'Update',
  pages: 'Page',
  trusts: 'Trust',
  artwork: 'Artwork',
}

export const WEBHOOK_EVENT_OPTIONS = WEBHOOK_EVENTS.map((value) => {
  const [collection, happening] = value.split('.') as [string, string]
  return { value, label: `${COLLECTION_LABELS[collection]}: ${WHAT[happening]}` }
})

/**
 * The body of every delivery (Standard Webhooks' type / timestamp / data). Built from these
 * named public values only, never from the document, so no private field can slip in.
 */
export type WebhookPayload = {
  type: WebhookEvent
  timestamp: string
  data: {
    collection: string
    id: number | string
    slug: string | null
    event: WebhookEvent
    time: string
  }
}

export function webhookPayload(
  event: WebhookEvent,
  doc: { id: number | string; slug?: unknown },
  time = new Date(),
): WebhookPayload {
  const at = time.toISOString()
  return {
    type: event,
    timestamp: at,
    data: {
      collection: event.split('.')[0]!,
      id: doc.id,
      slug: typeof doc.slug === 'string' ? doc.slug : null,
      event,
      time: at,
    },
  }
}
