import type { Access } from 'payload'

import { hasRole } from './hasRole'

export const isEditorOrAbove: Access = ({ req }) => hasRole(req.user, 'editor', 'admin')
