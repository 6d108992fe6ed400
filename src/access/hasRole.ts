import type { Role } from './roles'

type UserWithRoles = { roles?: readonly string[] | null } | null | undefined

/** True when the user holds at least one of the given roles. */
export function hasRole(user: UserWithRoles, ...roles: Role[]): boolean {
  const held = user?.roles
  if (!held?.length) return false
  return roles.some((role) => held.includes(role))
}
