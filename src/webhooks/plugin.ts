import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeOperationHook,
  CollectionConfig,
  PayloadRequest,
  Plugin,
} from 'payload'

import { noteDraftOnlySave, wasDraftOnlySave } from '../utilities/draftOnlySave'
import { PUBLISHED_COLLECTIONS, type WebhookEvent } from './events'
import { queueCountChanged, queueWebhookEvent } from './queue'

type Doc = { id: number | string; slug?: unknown; _status?: unknown; moderationStatus?: unknown }

const isPublished = (doc: Doc | undefined) => doc?._status === 'published'
const isApproved = (doc: Doc | undefined) => doc?.moderationStatus === 'approved'

// previousDoc is the latest version, which may be a draft saved over the published document:
// whether the public could see the document is in the document itself, read before the write.
const PUBLIC_BEFORE = 'stopsimPublicBeforeUpdate'
const publicBefore = (req: PayloadRequest): Map<string, Doc | null> => {
  req.context[PUBLIC_BEFORE] ??= new Map<string, Doc | null>()
  return req.context[PUBLIC_BEFORE] as Map<string, Doc | null>
}

const notePublicState: CollectionBeforeOperationHook = async ({
  args,
  collection,
  operation,
  req,
}) => {
  if (operation !== 'update' || !('id' in args) || args.id === undefined) return args
  if (wasDraftOnlySave(req, collection.slug, args.id, 'update')) return args
  const current = await req.payload.db.findOne<Doc>({
    collection: collection.slug,
    where: { id: { equals: args.id } },
    req,
  })
  publicBefore(req).set(
    `${collection.slug}:${String(args.id)}`,
    isPublished(current ?? undefined) ? current : null,
  )
  return args
}

/**
 * Published on every save that leaves the document published (an edit is news to a static
 * site too); unpublished when it goes back to draft. A draft or autosave over a published
 * document changes nothing the public sees, so it sends nothing.
 */
const publishEvents: CollectionAfterChangeHook = async ({
  collection,
  doc,
  operation,
  previousDoc,
  req,
}) => {
  if (wasDraftOnlySave(req, collection.slug, doc.id, operation)) return doc
  const slug = collection.slug as (typeof PUBLISHED_COLLECTIONS)[number]
  const key = `${slug}:${String(doc.id)}`
  const noted = publicBefore(req).get(key)
  // An update of many documents by a query has no id to note beforehand.
  const wasPublic = noted === undefined ? (isPublished(previousDoc) ? previousDoc : null) : noted
  publicBefore(req).delete(key)
  if (isPublished(doc)) {
    await queueWebhookEvent(req, `${slug}.published`, doc)
  } else if (operation === 'update' && wasPublic) {
    await queueWebhookEvent(req, `${slug}.unpublished`, wasPublic)
  }
  return doc
}

const artworkEvents: CollectionAfterChangeHook = async ({ doc, operation, previousDoc, req }) => {
  if (isApproved(doc)) await queueWebhookEvent(req, 'artwork.approved', doc)
  else if (operation === 'update' && isApproved(previousDoc)) {
    await queueWebhookEvent(req, 'artwork.unpublished', previousDoc)
  }
  return doc
}

/** Deleting something the public never saw is nobody's business outside the CMS. */
const deleteEvent =
  (event: WebhookEvent, wasPublic: (doc: Doc) => boolean): CollectionAfterDeleteHook =>
  async ({ doc, req }) => {
    if (wasPublic(doc)) await queueWebhookEvent(req, event, doc)
    return doc
  }

type SignatoryDoc = { letter?: unknown; status?: unknown }
const letterId = (doc: SignatoryDoc | undefined): number | string | null => {
  const letter = doc?.letter
  if (typeof letter === 'object' && letter !== null && 'id' in letter) {
    return (letter as { id: number | string }).id
  }
  return typeof letter === 'number' || typeof letter === 'string' ? letter : null
}
const counted = (doc: SignatoryDoc | undefined) => doc?.status === 'approved'

async function letterCountChanged(req: PayloadRequest, id: number | string | null) {
  if (id === null) return
  const letter = await req.payload
    .findByID({
      collection: 'statements',
      id,
      depth: 0,
      overrideAccess: true,
      req,
      disableErrors: true,
    })
    .catch(() => null)
  // The count of a letter that is not public is not public either.
  if (letter?._status === 'published') await queueCountChanged(req, letter)
}

/** A signature counts once approved: a pending or unconfirmed one changes nothing public. */
const signatoryCountEvents: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  const before = letterId(previousDoc)
  const after = letterId(doc)
  if (counted(doc) !== counted(previousDoc) || (counted(doc) && before !== after)) {
    if (counted(doc)) await letterCountChanged(req, after)
    if (counted(previousDoc)) {
      if (before !== after || !counted(doc)) await letterCountChanged(req, before)
    }
  }
  return doc
}
const signatoryDeleted: CollectionAfterDeleteHook = async ({ doc, req }) => {
  if (counted(doc)) await letterCountChanged(req, letterId(doc))
  return doc
}

const HOOKS: Record<
  string,
  {
    beforeOperation?: CollectionBeforeOperationHook
    afterChange: CollectionAfterChangeHook
    afterDelete: CollectionAfterDeleteHook
  }
> = {
  ...Object.fromEntries(
    PUBLISHED_COLLECTIONS.map((slug) => [
      slug,
      {
        beforeOperation: notePublicState,
        afterChange: publishEvents,
        afterDelete: deleteEvent(`${slug}.deleted`, isPublished),
      },
    ]),
  ),
  artwork: { afterChange: artworkEvents, afterDelete: deleteEvent('artwork.deleted', isApproved) },
  signatories: { afterChange: signatoryCountEvents, afterDelete: signatoryDeleted },
}

const withWebhookHooks = (collection: CollectionConfig): CollectionConfig => {
  const hooks = HOOKS[collection.slug]
  if (!hooks) return collection
  return {
    ...collection,
    hooks: {
      ...collection.hooks,
      beforeOperation: [
        ...(collection.hooks?.beforeOperation ?? []),
        noteDraftOnlySave,
        ...(hooks.beforeOperation ? [hooks.beforeOperation] : []),
      ],
      // Last, so the document is as every other hook left it.
      afterChange: [...(collection.hooks?.afterChange ?? []), hooks.afterChange],
      afterDelete: [...(collection.hooks?.afterDelete ?? []), hooks.afterDelete],
    },
  }
}

/** Public collections tell the webhooks that asked when their documents go live or away. */
export const webhookEvents: Plugin = (config) => ({
  ...config,
  collections: (config.collections ?? []).map(withWebhookHooks),
})
