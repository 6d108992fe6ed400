import type { FieldAccess } from 'payload'

import { hasRole } from './hasRole'

export const isEditorOrAboveField: FieldAccess = ({ req }) => hasRole(req.user, 'editor', 'admin')
