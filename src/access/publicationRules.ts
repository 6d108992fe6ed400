import type { CollectionBeforeOperationHook, CollectionConfig, Plugin } from 'payload'

import { APIError, Forbidden } from 'payload'

import { canPublish, readsDrafts } from './canPublish'
import { isPublishing } from './isPublishing'

export const STATUSES = ['draft', 'published'] as const

export const STATUS_MESSAGE = '_status must be "draft" or "published".'

const hasOddStatus = (data: unknown): boolean =>
  typeof data === 'object' &&
  data !== null &&
  '_status' in data &&
  !(STATUSES as readonly unknown[]).includes(data._status)

/**
 * One rule for every collection with drafts, whichever way a write arrives (REST, GraphQL, the
 * admin panel, a scheduled job):
 *
 * - `_status` is "draft" or "published"; anything else is refused with a 400 before Payload
 *   sees it (an odd value was stored as it was, listed in the public search and broke reads).
 * - For anyone who may not publish, every write is a draft, whatever they send: Payload would
 *   otherwise write a save without `draft=true` over the live document, and `_status: 'draft'`
 *   without it takes the live document down. Asking to publish is refused (403) by the
 *   collection's create and update rules.
 * - Restoring a version is for those who may publish (403 for anyone else).
 * - Someone who cannot read drafts gets the published version when they ask for drafts: the
 *   draft they are refused would otherwise tell them, by its absence, that there is one.
 */
export const enforcePublicationRules: CollectionBeforeOperationHook = ({
  args,
  operation,
  overrideAccess,
  req,
}) => {
  if (operation === 'create' || operation === 'update') {
    if (hasOddStatus(args.data)) throw new APIError(STATUS_MESSAGE, 400, undefined, true)
    // A request to publish is left as it is, for the update and create rules to refuse (403).
    if (!overrideAccess && !canPublish(req.user) && !isPublishing(args.data)) {
      return { ...args, draft: true }
    }
  }
  // Restoring puts an old version's fields, slug and status included, over the document: an
  // editor's decision. Restored "as a draft" by a contributor it left a latest draft without its
  // slug, where without draft=true and on GraphQL the same restore was refused.
  if (operation === 'restoreVersion' && !overrideAccess && !canPublish(req.user)) {
    throw new Forbidden(req.t)
  }
  if (operation === 'read' && args.draft && !overrideAccess && !readsDrafts(req.user)) {
    return { ...args, draft: false }
  }
  return args
}

const withPublicationRules = (collection: CollectionConfig): CollectionConfig => {
  const versions = collection.versions
  if (!versions || typeof versions !== 'object' || !versions.drafts) return collection
  return {
    ...collection,
    hooks: {
      ...collection.hooks,
      beforeOperation: [enforcePublicationRules, ...(collection.hooks?.beforeOperation ?? [])],
    },
  }
}

/** Applies {@link enforcePublicationRules} to every collection that has drafts. */
export const publicationRules: Plugin = (config) => ({
  ...config,
  collections: config.collections?.map(withPublicationRules),
})
