import type { FieldHook } from 'payload'

import { APIError } from 'payload'

import { hasRole } from '../../../access/hasRole'

const normalised = (value: unknown) =>
  typeof value === 'string' ? value.toLowerCase().trim() : value

/**
 * Only an admin changes the address an account signs in with (field access strips anyone
 * else's change afterwards). Said in words rather than answered “Updated successfully” with
 * nothing changed; the same words whatever the address, so they tell nobody whose it is.
 */
export const onlyAdminsChangeEmail: FieldHook = ({
  operation,
  overrideAccess,
  previousValue,
  req,
  value,
}) => {
  if (operation !== 'update' || value === undefined || overrideAccess) return value
  if (normalised(value) === normalised(previousValue) || hasRole(req.user, 'admin')) return value
  throw new APIError(
    'Only an admin can change the address an account signs in with: ask an admin.',
    403,
    undefined,
    true,
  )
}
