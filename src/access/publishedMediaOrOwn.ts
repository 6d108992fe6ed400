import type { Access, Where } from 'payload'

import { publishedMediaIds } from '../uploads/publishedMedia'
import { hasRole } from './hasRole'

/**
 * Media: editors and admins read everything; everyone else what published content uses, and
 * signed-in uploaders also what they uploaded themselves (to attach it to their drafts).
 */
export const publishedMediaOrOwn: Access = async ({ req }) => {
  if (hasRole(req.user, 'editor', 'admin')) return true
  const ids = await publishedMediaIds(req.payload)
  // An empty `in` is not accepted by every adapter; no document lacks an id.
  const published: Where = ids.length ? { id: { in: ids } } : { id: { exists: false } }
  return req.user ? { or: [published, { createdBy: { equals: req.user.id } }] } : published
}
