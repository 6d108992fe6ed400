import type { Access } from 'payload'

import { hasRole } from './hasRole'
import { isPublishing } from './isPublishing'

/**
 * Editors and admins edit and publish anything. Contributors edit only what they created and
 * can never publish: the admin hides the Publish button because this returns false for
 * `_status: 'published'`, and REST, GraphQL and scheduled jobs (which run as the user who
 * scheduled them) are refused the same way.
 */
export const canEditOwnDraft: Access = ({ data, req }) => {
  if (hasRole(req.user, 'editor', 'admin')) return true
  if (!req.user || !hasRole(req.user, 'contributor') || isPublishing(data)) return false
  return { createdBy: { equals: req.user.id } }
}
