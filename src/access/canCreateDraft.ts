import type { Access } from 'payload'

import { hasRole } from './hasRole'
import { isPublishing } from './isPublishing'

/** Editors and admins create anything; contributors create drafts, never published documents. */
export const canCreateDraft: Access = ({ data, req }) => {
  if (hasRole(req.user, 'editor', 'admin')) return true
  return hasRole(req.user, 'contributor') && !isPublishing(data)
}
