import type { CollectionBeforeChangeHook, CollectionBeforeOperationHook } from 'payload'

import { APIError } from 'payload'

import { hasRole } from '../../access/hasRole'
import { isArchiveImport } from '../../archive/importContext'

/**
 * Whatever an artist sends, their work waits for a moderator: new work starts pending, and a
 * changed rejected work goes back into the queue. The artist is always the one uploading.
 * Moderation and consent are time-stamped so there is a record of who agreed to what, when.
 */
export const keepArtistWorkPending: CollectionBeforeChangeHook = ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  // The public archive does not hold who reviewed it or when; an import-time date would lie.
  if (isArchiveImport(req)) return data
  const moderates = hasRole(req.user, 'moderator', 'editor', 'admin')
  const next = { ...data }
  if (req.user && !moderates) {
    next.moderationStatus = 'pending'
    if (operation === 'create') next.artist = req.user.id
  }
  if (next.moderationStatus && next.moderationStatus !== originalDoc?.moderationStatus) {
    next.moderatedAt = next.moderationStatus === 'pending' ? null : new Date().toISOString()
  }
  if (next.consentToPublish && !originalDoc?.consentToPublish) {
    next.consentRecordedAt = new Date().toISOString()
  } else if (next.consentToPublish === false) {
    next.consentRecordedAt = null
  }
  return next
}

/** Said plainly rather than quietly ignored: only those who moderate can approve. */
export const refuseSelfApproval: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const data: unknown = 'data' in args ? args.data : undefined
  const asksApproval =
    typeof data === 'object' &&
    data !== null &&
    'moderationStatus' in data &&
    data.moderationStatus === 'approved'
  if (asksApproval && req.user && !hasRole(req.user, 'moderator', 'editor', 'admin')) {
    throw new APIError(
      'Only a moderator, editor or admin can approve artwork.',
      403,
      undefined,
      true,
    )
  }
  return args
}
