import type { Access } from 'payload'

import { hasRole } from './hasRole'

export const isModeratorOrAbove: Access = ({ req }) =>
  hasRole(req.user, 'moderator', 'editor', 'admin')
