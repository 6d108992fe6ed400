import type { CollectionConfig } from 'payload'

import { hasAnyRole } from '../../access/hasAnyRole'
import { isAdmin } from '../../access/isAdmin'
import { isAdminField } from '../../access/isAdminField'
import { isAdminOrSelf } from '../../access/isAdminOrSelf'
import { ROLE_OPTIONS } from '../../access/roles'
import { keepOneAdmin } from './hooks/keepOneAdmin'
import {
  afterAccountOperation,
  beforeAccountOperation,
  keepResetLinkWhenMailsSpent,
} from './hooks/limitAccountRequests'
import { protectRoles } from './hooks/protectRoles'
import { strongEnoughPassword } from './hooks/passwordPolicy'
import { onlyAdminsChangeEmail } from './hooks/onlyAdminsChangeEmail'
import { emailOfNoOtherAccount } from './hooks/sameAnswerForEveryAccount'

export const MAX_LOGIN_ATTEMPTS = 5

export const Users: CollectionConfig<'users'> = {
  slug: 'users',
  labels: { singular: 'Account', plural: 'Accounts' },
  admin: {
    group: 'Admin',
    useAsTitle: 'name',
    defaultColumns: ['name', 'email', 'roles', 'updatedAt'],
    description: 'People who can sign in to this admin panel, and what each of them may do.',
  },
  auth: {
    // Only the account itself: populating relationships here would run on every request.
    depth: 0,
    maxLoginAttempts: MAX_LOGIN_ATTEMPTS,
    lockTime: 15 * 60 * 1000,
    tokenExpiration: 8 * 60 * 60,
    cookies: {
      sameSite: 'Lax',
      secure: process.env.NODE_ENV === 'production',
    },
  },
  access: {
    admin: hasAnyRole,
    create: isAdmin,
    read: isAdminOrSelf,
    update: isAdminOrSelf,
    delete: isAdmin,
    // Payload's default lets any signed-in account unlock any other (CVE-2026-11779).
    unlock: isAdmin,
  },
  hooks: {
    afterOperation: [afterAccountOperation],
    beforeChange: [emailOfNoOtherAccount, keepResetLinkWhenMailsSpent],
    beforeDelete: [keepOneAdmin],
    beforeOperation: [beforeAccountOperation, strongEnoughPassword],
  },
  fields: [
    {
      // Payload's own email field, with one rule added: an account's own holder could
      // otherwise try addresses and learn from the answer which belong to other accounts.
      name: 'email',
      type: 'email',
      access: { update: isAdminField },
      hooks: { beforeValidate: [onlyAdminsChangeEmail] },
      admin: { description: 'Only an admin can change the address an account signs in with.' },
    },
    {
      name: 'name',
      type: 'text',
      label: 'Name',
      required: true,
      maxLength: 120,
      admin: { description: 'Shown to other team members, never on the public site.' },
    },
    {
      name: 'roles',
      type: 'select',
      label: 'Roles',
      hasMany: true,
      options: ROLE_OPTIONS,
      saveToJWT: true,
      access: { create: isAdminField, update: isAdminField },
      hooks: { beforeValidate: [protectRoles] },
      validate: (value: unknown, { req }: { req: { user?: unknown } }) =>
        !req.user || (Array.isArray(value) && value.length > 0) || 'Choose at least one role.',
      admin: {
        description: 'Only admins can change roles. The first account is always an admin.',
        // The first-account form has nobody signed in yet; that account becomes an admin.
        condition: (_data, _siblingData, { user }) => Boolean(user),
      },
    },
  ],
}
