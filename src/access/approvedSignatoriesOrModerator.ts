import type { Access, Where } from 'payload'

import { hasRole } from './hasRole'

/**
 * The public sees approved signatories who chose to be listed; "counted only" signatures
 * appear in counts (see the tally endpoint) but never in lists.
 */
export const approvedSignatoriesOrModerator: Access = ({ req }) => {
  if (hasRole(req.user, 'moderator', 'editor', 'admin')) return true
  const listed: Where[] = [
    { status: { equals: 'approved' } },
    { display: { not_equals: 'counted_only' } },
  ]
  return { and: listed }
}
