import type { FieldAccess } from 'payload'

import { hasRole } from './hasRole'

/**
 * Who made an artwork, their consent record and messages from moderators: for moderators and
 * above, and for the artist on their own work. The public sees only the credit line.
 */
export const isModeratorOrArtworkOwnerField: FieldAccess = ({ doc, req }) => {
  if (hasRole(req.user, 'moderator', 'editor', 'admin')) return true
  if (!req.user || !doc) return false
  const artist: unknown = doc.artist
  const artistId =
    typeof artist === 'object' && artist !== null && 'id' in artist ? artist.id : artist
  return artistId === req.user.id
}
