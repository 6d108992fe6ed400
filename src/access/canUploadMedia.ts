import type { Access } from 'payload'

import { hasRole } from './hasRole'

export const canUploadMedia: Access = ({ req }) =>
  hasRole(req.user, 'artist', 'contributor', 'editor', 'admin')
