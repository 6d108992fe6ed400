import type { Access } from 'payload'

import { hasRole } from './hasRole'

/** Trusts' version history: whoever may draft trusts may see how they changed. */
export const canReadContributorVersions: Access = ({ req }) =>
  hasRole(req.user, 'editor', 'admin', 'contributor')
