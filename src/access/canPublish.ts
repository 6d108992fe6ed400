import { hasRole } from './hasRole'

type UserWithRoles = Parameters<typeof hasRole>[0]

/** Who may put content live, take it down or change what is live: editors and admins. */
export const canPublish = (user: UserWithRoles): boolean => hasRole(user, 'editor', 'admin')

/** Who may ask for drafts when reading: those who write them. Their read rules decide which. */
export const readsDrafts = (user: UserWithRoles): boolean =>
  hasRole(user, 'editor', 'admin', 'contributor')
