import type { FieldAccess } from 'payload'

import { hasRole } from './hasRole'

/** Signatories' contact details, consent records and moderation: moderators, editors, admins. */
export const isModeratorOrAboveField: FieldAccess = ({ req }) =>
  hasRole(req.user, 'moderator', 'editor', 'admin')
