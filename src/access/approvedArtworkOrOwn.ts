import type { Access } from 'payload'

import { hasRole } from './hasRole'

const approved = { moderationStatus: { equals: 'approved' } } as const

/**
 * The public (and every other role) sees approved artwork only; an artist also sees their own,
 * whatever its status; those who moderate see everything. Payload applies the same rule to the
 * image files, so a pending work's original and sizes cannot be downloaded either.
 */
export const approvedArtworkOrOwn: Access = ({ req }) => {
  if (hasRole(req.user, 'moderator', 'editor', 'admin')) return true
  if (req.user && hasRole(req.user, 'artist')) {
    return { or: [approved, { artist: { equals: req.user.id } }] }
  }
  return approved
}
