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

/** What an artist chose about their own work: how it is shown, credited and licensed. */
export const ARTISTS_OWN_FIELDS = [
  'title',
  'alt',
  'description',
  'artistCredit',
  'licence',
  'consentToPublish',
] as const

const idOf = (value: unknown): string | null => {
  const id = typeof value === 'object' && value !== null && 'id' in value ? value.id : value
  return id === null || id === undefined || id === '' ? null : String(id)
}

// Absent, null and empty are one "nothing": a form that resends a blank field changes nothing.
const sameValue = (field: string, a: unknown, b: unknown): boolean =>
  field === 'consentToPublish'
    ? Boolean(a) === Boolean(b)
    : (a === '' || a === undefined ? null : a) === (b === '' || b === undefined ? null : b)

/**
 * New work is credited to the account that uploads it, or to no account (the team's own). Work
 * put in an artist's account by someone else would carry their name, and a consent to publish
 * they never gave; the artist would then tend and answer for it. So nobody, editors and admins
 * included, sets the artist's account to another's: the artist uploads their own work.
 */
export const refuseWorkInAnotherName: CollectionBeforeOperationHook = ({
  args,
  operation,
  req,
}) => {
  if (operation !== 'create' || !req.user || isArchiveImport(req)) return args
  // An artist's upload is always credited to them, whatever they send (keepArtistWorkPending).
  if (!hasRole(req.user, 'moderator', 'editor', 'admin')) return args
  const data: unknown = 'data' in args ? args.data : undefined
  const artist = typeof data === 'object' && data !== null && 'artist' in data ? data.artist : null
  const named = idOf(artist)
  if (named !== null && named !== String(req.user.id)) {
    throw new APIError(
      'Artwork belongs to the account that uploads it: the artist’s account (artist) can only be your own, or left empty for the team’s work. Ask the artist to upload it themselves.',
      403,
      undefined,
      true,
    )
  }
  return args
}

/**
 * The image, its words, its licence, the consent to publish and whose it is belong to the
 * artist. Moderators, editors and admins approve or reject it, with a message, and review its
 * content warnings; they never rewrite it, forge consent or take it over. Refused with a reason
 * (not silently dropped) so the admin and API clients know why. Work with no artist account
 * (uploaded by the team) is the team's: editors and admins tend it. Nobody moves work to
 * another account.
 */
export const onlyTheArtistChangesTheirWork: CollectionBeforeChangeHook = ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  // Server code (seed, archive import) acts without a user and is trusted.
  if (operation !== 'update' || !req.user || !originalDoc || isArchiveImport(req)) return data
  const owner = idOf(originalDoc.artist)
  if ('artist' in data && idOf(data.artist) !== owner) {
    throw new APIError('Artwork stays with the artist who uploaded it.', 403, undefined, true)
  }
  const actsForArtist =
    owner === null ? hasRole(req.user, 'editor', 'admin') : owner === String(req.user.id)
  if (actsForArtist) return data
  const changed = ARTISTS_OWN_FIELDS.filter(
    (field) => field in data && !sameValue(field, data[field], originalDoc[field]),
  )
  if (req.file) changed.unshift('image' as never)
  if (changed.length) {
    throw new APIError(
      `Only the artist can change the ${changed.join(', ')} of their artwork. Approve or reject it, and leave the artist a message saying what to change.`,
      403,
      undefined,
      true,
    )
  }
  return data
}

/** Checking content warnings is a moderator's job and one of the conditions for approval. */
export const onlyModeratorsMarkReviewed: CollectionBeforeChangeHook = ({
  data,
  originalDoc,
  req,
}) => {
  if (!req.user || isArchiveImport(req) || hasRole(req.user, 'moderator', 'editor', 'admin')) {
    return data
  }
  const warnings: unknown = data.contentWarnings
  const marks =
    typeof warnings === 'object' &&
    warnings !== null &&
    'reviewed' in warnings &&
    warnings.reviewed === true
  if (marks && originalDoc?.contentWarnings?.reviewed !== true) {
    throw new APIError(
      'Only a moderator, editor or admin can mark content warnings as checked.',
      403,
      undefined,
      true,
    )
  }
  return data
}
