import type { Access } from 'payload'

import { hasRole } from './hasRole'
import { siteIsArchived } from './siteIsArchived'

/**
 * A write rule that also holds in archive mode, when only admins may change anything. The
 * setting is only looked up for someone the rule would otherwise let in.
 */
export const unlessArchived =
  (access: Access): Access =>
  async (args) => {
    const allowed = await access(args)
    if (allowed === false || hasRole(args.req.user, 'admin')) return allowed
    return (await siteIsArchived(args.req)) ? false : allowed
  }
