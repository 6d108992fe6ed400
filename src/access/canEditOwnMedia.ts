import type { Access } from 'payload'

import { hasRole } from './hasRole'

export const canEditOwnMedia: Access = ({ req }) => {
  if (hasRole(req.user, 'editor', 'admin')) return true
  if (req.user && hasRole(req.user, 'artist', 'contributor')) {
    return { createdBy: { equals: req.user.id } }
  }
  return false
}
