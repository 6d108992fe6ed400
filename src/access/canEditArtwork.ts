import type { Access } from 'payload'

import { hasRole } from './hasRole'
import { ownArtworkAwaitingReview } from './ownArtworkAwaitingReview'

/** Moderators and above edit (and so approve or reject) any artwork; artists their own until approved. */
export const canEditArtwork: Access = ({ req }) => {
  if (hasRole(req.user, 'moderator', 'editor', 'admin')) return true
  if (req.user && hasRole(req.user, 'artist')) return ownArtworkAwaitingReview(req.user.id)
  return false
}
