import type { FieldAccess } from 'payload'

/** Internal bookkeeping (who created what) is for the team, not the public API. */
export const isSignedInField: FieldAccess = ({ req }) => Boolean(req.user)
