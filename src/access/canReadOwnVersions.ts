import type { Access } from 'payload'

import { hasRole } from './hasRole'

/** Version history: editors and admins see all of it, contributors that of their own documents. */
export const canReadOwnVersions: Access = ({ req }) => {
  if (hasRole(req.user, 'editor', 'admin')) return true
  if (!req.user || !hasRole(req.user, 'contributor')) return false
  return { 'version.createdBy': { equals: req.user.id } }
}
