import type { Access } from 'payload'

import { hasRole } from './hasRole'
import { ownArtworkAwaitingReview } from './ownArtworkAwaitingReview'

/** Editors and admins delete any artwork; an artist may withdraw their own before approval. */
export const canDeleteArtwork: Access = ({ req }) => {
  if (hasRole(req.user, 'editor', 'admin')) return true
  if (req.user && hasRole(req.user, 'artist')) return ownArtworkAwaitingReview(req.user.id)
  return false
}
