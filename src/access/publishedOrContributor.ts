import type { Access } from 'payload'

import { hasRole } from './hasRole'

/** Trusts: contributors add evidence to any trust as drafts, so they read them all. */
export const publishedOrContributor: Access = ({ req }) => {
  if (hasRole(req.user, 'editor', 'admin', 'contributor')) return true
  return { _status: { equals: 'published' } }
}
