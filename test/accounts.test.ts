import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { User } from '../src/payload-types'
import { ROLES } from '../src/access/roles'
import { seed } from '../src/seed'
import { MAX_LOGIN_ATTEMPTS } from '../src/collections/Users'
import { testDialects } from './helpers/databases'
import { type LocalPayload, startLocalPayload } from './helpers/localPayload'

const PASSWORD = 'a-long-enough-test-password'

// Local API with overrideAccess: false, so every call goes through the same access rules
// as REST and GraphQL.
describe.each(testDialects())('accounts and roles on $dialect (Local API)', ({ dialect, skip }) => {
  let local: LocalPayload
  let payload: Payload
  let admin: User
  let editor: User
  let moderator: User

  const asUser = (user: User) => ({ overrideAccess: false, user })

  beforeAll(async () => {
    if (skip) return
    local = await startLocalPayload(dialect)
    payload = local.payload
    // The first account becomes an admin whatever it asks for.
    admin = await payload.create({
      collection: 'users',
      data: { email: 'first@example.org', password: PASSWORD, name: 'First', roles: ['artist'] },
    })
    editor = await payload.create({
      collection: 'users',
      data: { email: 'editor@example.org', password: PASSWORD, name: 'Ed', roles: ['editor'] },
      ...asUser(admin),
    })
    moderator = await payload.create({
      collection: 'users',
      data: { email: 'mod@example.org', password: PASSWORD, name: 'Mo', roles: ['moderator'] },
      ...asUser(admin),
    })
  })
  afterAll(async () => {
    await local?.stop()
  })

  it.skipIf(skip)('makes the first account an admin', () => {
    expect(admin.roles).toEqual(['admin'])
    expect(editor.roles).toEqual(['editor'])
  })

  it.skipIf(skip)('lets only admins create and delete accounts', async () => {
    await expect(
      payload.create({
        collection: 'users',
        data: { email: 'x@example.org', password: PASSWORD, name: 'X', roles: ['admin'] },
        ...asUser(editor),
      }),
    ).rejects.toMatchObject({ status: 403 })
    await expect(
      payload.delete({ collection: 'users', id: moderator.id, ...asUser(editor) }),
    ).rejects.toMatchObject({ status: 403 })
  })

  it.skipIf(skip)('shows non-admins their own account only', async () => {
    const seenByEditor = await payload.find({ collection: 'users', ...asUser(editor) })
    expect(seenByEditor.docs.map((user) => user.id)).toEqual([editor.id])
    const seenByAdmin = await payload.find({ collection: 'users', ...asUser(admin) })
    expect(seenByAdmin.totalDocs).toBe(3)
    await expect(
      payload.update({
        collection: 'users',
        id: moderator.id,
        data: { name: 'Hijack' },
        ...asUser(editor),
      }),
    ).rejects.toMatchObject({ status: 403 })
  })

  it.skipIf(skip)(
    'refuses a non-admin changing their own roles, keeping the rest of the account',
    async () => {
      await expect(
        payload.update({
          collection: 'users',
          id: editor.id,
          data: { roles: ['admin'] },
          ...asUser(editor),
        }),
      ).rejects.toMatchObject({ status: 403, message: 'Only an admin can change roles.' })
      const renamed = await payload.update({
        collection: 'users',
        id: editor.id,
        data: { name: 'Edna', roles: ['editor'] },
        ...asUser(editor),
      })
      expect(renamed).toMatchObject({ name: 'Edna', roles: ['editor'] })
      const stored = await payload.findByID({ collection: 'users', id: editor.id })
      expect(stored.roles).toEqual(['editor'])
    },
  )

  it.skipIf(skip)('lets an admin change roles, but never remove the last admin', async () => {
    const promoted = await payload.update({
      collection: 'users',
      id: moderator.id,
      data: { roles: ['moderator', 'editor'] },
      ...asUser(admin),
    })
    expect(promoted.roles).toEqual(['moderator', 'editor'])
    await expect(
      payload.update({
        collection: 'users',
        id: admin.id,
        data: { roles: ['editor'] },
        ...asUser(admin),
      }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining('only admin account') })
    await expect(
      payload.delete({ collection: 'users', id: admin.id, ...asUser(admin) }),
    ).rejects.toMatchObject({ status: 400, message: 'The only admin account cannot be deleted.' })
  })

  it.skipIf(skip)(
    'locks an account after repeated failures; only an admin can unlock it',
    async () => {
      for (let attempt = 0; attempt < MAX_LOGIN_ATTEMPTS; attempt++) {
        await expect(
          payload.login({
            collection: 'users',
            data: { email: 'mod@example.org', password: 'wrong' },
          }),
        ).rejects.toBeTruthy()
      }
      await expect(
        payload.login({
          collection: 'users',
          data: { email: 'mod@example.org', password: PASSWORD },
        }),
      ).rejects.toMatchObject({ status: 401, name: 'LockedAuth' })

      // Payload's generated type asks for a password here although unlocking never checks one.
      const unlockAs = (user: User) =>
        payload.unlock({
          collection: 'users',
          data: { email: 'mod@example.org', password: '' },
          overrideAccess: false,
          req: { user: { ...user, collection: 'users' } },
        })
      await expect(unlockAs(editor)).rejects.toMatchObject({ status: 403 })
      await expect(
        payload.login({
          collection: 'users',
          data: { email: 'mod@example.org', password: PASSWORD },
        }),
      ).rejects.toMatchObject({ name: 'LockedAuth' })

      await unlockAs(admin)
      const result = await payload.login({
        collection: 'users',
        data: { email: 'mod@example.org', password: PASSWORD },
      })
      expect(result.user?.id).toBe(moderator.id)
    },
  )
})

describe.each(testDialects())('demo seed on $dialect', ({ dialect, skip }) => {
  let local: LocalPayload
  let passwordFile: string

  beforeAll(async () => {
    if (skip) return
    local = await startLocalPayload(dialect)
    passwordFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stopsim-seed-')), 'logins.json')
  })
  afterAll(async () => {
    await local?.stop()
    if (passwordFile) fs.rmSync(path.dirname(passwordFile), { recursive: true, force: true })
  })

  it.skipIf(skip)(
    'creates one working login per role, and running it again changes nothing',
    async () => {
      const first = await seed(local.payload, { passwordFile })
      const second = await seed(local.payload, { passwordFile })
      expect(second.accounts).toEqual(first.accounts)
      expect(first.accounts.map((account) => account.role)).toEqual([...ROLES])

      const { docs } = await local.payload.find({ collection: 'users', limit: 100, sort: 'email' })
      expect(docs).toHaveLength(ROLES.length)
      for (const account of first.accounts) {
        const { user } = await local.payload.login({
          collection: 'users',
          data: { email: account.email, password: account.password },
        })
        expect(user?.roles).toEqual([account.role])
      }
    },
  )
})
