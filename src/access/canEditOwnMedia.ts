import type { Access, Where } from 'payload'

import { publishedMediaIds } from '../uploads/publishedMedia'
import { hasRole } from './hasRole'

/**
 * Editors and admins change any media; uploaders their own, until published content uses it:
 * from then on a new file or alt text would change a live page without an editor's say.
 */
export const canEditOwnMedia: Access = async ({ req }) => {
  if (hasRole(req.user, 'editor', 'admin')) return true
  if (!req.user || !hasRole(req.user, 'artist', 'contributor')) return false
  const own: Where = { createdBy: { equals: req.user.id } }
  const live = await publishedMediaIds(req.payload)
  return live.length ? { and: [own, { id: { not_in: live } }] } : own
}
