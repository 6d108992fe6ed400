import type { Access } from 'payload'

import { hasRole } from './hasRole'
import { isPublishing } from './isPublishing'

/** Trusts: editors and admins publish; contributors may save drafts of any trust. */
export const canEditDraftOnly: Access = ({ data, req }) => {
  if (hasRole(req.user, 'editor', 'admin')) return true
  return hasRole(req.user, 'contributor') && !isPublishing(data)
}
