import type { Access } from 'payload'

import { hasRole } from './hasRole'

const published = { _status: { equals: 'published' } } as const

/**
 * Statements, updates and pages: the public (and artists and moderators) read published
 * documents only; contributors also read their own drafts; editors and admins read all.
 */
export const publishedOrCanEdit: Access = ({ req }) => {
  if (hasRole(req.user, 'editor', 'admin')) return true
  if (req.user && hasRole(req.user, 'contributor')) {
    return { or: [published, { createdBy: { equals: req.user.id } }] }
  }
  return published
}
