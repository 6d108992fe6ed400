import type { FieldHook } from 'payload'

import { APIError } from 'payload'

import { hasRole } from '../../../access/hasRole'
import { otherAdminsExist } from './otherAdminsExist'

const sameRoles = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((role) => b.includes(role))

/**
 * The single place that decides who may hold which role:
 * - the very first account becomes an admin, whatever was submitted;
 * - only admins change roles, and trying is refused loudly rather than silently ignored;
 * - the last admin cannot drop their own admin role, so the campaign is never locked out.
 * Field access (isAdminField) strips the value afterwards as a second line of defence.
 */
export const protectRoles: FieldHook = async ({
  operation,
  originalDoc,
  overrideAccess,
  previousValue,
  req,
  value,
}) => {
  if (operation === 'create') {
    const { totalDocs } = await req.payload.count({
      collection: 'users',
      overrideAccess: true,
      req,
    })
    return totalDocs === 0 ? ['admin'] : value
  }
  if (operation !== 'update' || value === undefined) return value

  const before: string[] = Array.isArray(previousValue) ? previousValue : []
  const after: string[] = Array.isArray(value) ? value : []
  if (sameRoles(before, after)) return value

  if (!overrideAccess && !hasRole(req.user, 'admin')) {
    throw new APIError('Only an admin can change roles.', 403, undefined, true)
  }
  if (before.includes('admin') && !after.includes('admin') && originalDoc?.id !== undefined) {
    if (!(await otherAdminsExist(req, originalDoc.id))) {
      throw new APIError(
        'This is the only admin account. Make another account an admin before removing this one’s admin role.',
        400,
        undefined,
        true,
      )
    }
  }
  return value
}
