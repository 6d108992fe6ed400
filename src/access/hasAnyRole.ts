import type { PayloadRequest } from 'payload'

import { hasRole } from './hasRole'
import { ROLES } from './roles'

/** Admin-panel access: an account with no role yet has nothing to do there. */
export const hasAnyRole = ({ req }: { req: PayloadRequest }): boolean => hasRole(req.user, ...ROLES)
