import type { Access } from 'payload'

import { hasRole } from './hasRole'

export const canUploadArtwork: Access = ({ req }) => hasRole(req.user, 'artist', 'editor', 'admin')
