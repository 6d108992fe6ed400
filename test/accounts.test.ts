import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { User } from '../src/payload-types'
import type { Role } from '../src/access/roles'
import { ROLES } from '../src/access/roles'
import { seed } from '../src/seed'
import { DISPLAY_CHOICES, SIGNATORY_STATUSES } from '../src/collections/Signatories/options'
import { STATEMENT_KINDS } from '../src/collections/Statements'
import { SIM_STATUSES } from '../src/collections/Trusts/options'
import { UPDATE_CATEGORIES } from '../src/collections/Updates'
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

  it.skipIf(skip)('refuses a weak password however it is set', async () => {
    for (const password of ['password', 'short-pass', 'aaaaaaaaaaaaaaaa', 'Password1234']) {
      await expect(
        payload.create({
          collection: 'users',
          data: { email: 'weak@example.org', password, name: 'Weak', roles: ['artist'] },
          ...asUser(admin),
        }),
        password,
      ).rejects.toMatchObject({ status: 400 })
      await expect(
        payload.update({
          collection: 'users',
          id: editor.id,
          data: { password },
          ...asUser(editor),
        }),
        password,
      ).rejects.toMatchObject({ status: 400 })
    }
    const weak = await payload.find({
      collection: 'users',
      where: { email: { equals: 'weak@example.org' } },
      overrideAccess: true,
    })
    expect(weak.totalDocs).toBe(0)
    const updated = await payload.update({
      collection: 'users',
      id: editor.id,
      data: { password: 'three random words' },
      ...asUser(editor),
    })
    expect(updated.id).toBe(editor.id)
    await payload.update({
      collection: 'users',
      id: editor.id,
      data: { password: PASSWORD },
      overrideAccess: true,
    })
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
    // The first run makes every demo document, picture and signature.
    180_000,
  )

  const countContent = async () => {
    const counts: Record<string, number> = {}
    for (const collection of [
      'statements',
      'updates',
      'pages',
      'trusts',
      'search',
      'media',
      'artwork',
    ] as const) {
      counts[collection] = (await local.payload.count({ collection })).totalDocs
    }
    return counts
  }

  it.skipIf(skip)(
    'seeds statements, updates, pages and trusts, with drafts beside published work',
    async () => {
      const { content } = await seed(local.payload, { passwordFile })
      const find = { limit: 200, depth: 0, pagination: false } as const
      const statements = (await local.payload.find({ collection: 'statements', ...find })).docs
      const updates = (await local.payload.find({ collection: 'updates', ...find })).docs
      const pages = (await local.payload.find({ collection: 'pages', ...find })).docs
      const trusts = (await local.payload.find({ collection: 'trusts', ...find })).docs
      expect(content.total).toEqual({
        statements: statements.length,
        updates: updates.length,
        pages: pages.length,
        trusts: trusts.length,
      })

      // Statements: every kind, exactly one open letter, which is open for signing.
      expect(statements.length).toBeGreaterThanOrEqual(5)
      expect(new Set(statements.map((doc) => doc.kind))).toEqual(
        new Set(STATEMENT_KINDS.map((kind) => kind.value)),
      )
      const letters = statements.filter((doc) => doc.kind === 'open_letter')
      expect(letters).toHaveLength(1)
      expect(letters[0]).toMatchObject({ _status: 'published', signing: { open: true } })
      expect(letters[0].relatedTrusts?.length).toBeGreaterThan(0)
      const warnedSections = statements.flatMap((doc) =>
        (doc.body?.root.children ?? []).filter(
          (node) =>
            node.type === 'block' &&
            (node.fields as { blockType?: string } | undefined)?.blockType ===
              'contentWarningSection',
        ),
      )
      expect(warnedSections.length).toBeGreaterThan(0)
      expect(warnedSections[0].fields).toMatchObject({
        categories: expect.arrayContaining(['restraint']),
        content: { root: { type: 'root', children: expect.any(Array) } },
      })

      // Updates: every category, dated across 2021 to 2024, linked to statements and trusts.
      expect(updates.length).toBeGreaterThanOrEqual(8)
      expect(new Set(updates.map((doc) => doc.category))).toEqual(
        new Set(UPDATE_CATEGORIES.map((category) => category.value)),
      )
      expect(new Set(updates.map((doc) => new Date(doc.date).getUTCFullYear()))).toEqual(
        new Set([2021, 2022, 2023, 2024]),
      )
      const statementIds = statements.map((doc) => doc.id)
      const linked = updates.flatMap((doc) => doc.relatedStatements ?? [])
      expect(linked.length).toBeGreaterThan(0)
      for (const id of linked) expect(statementIds).toContain(id)
      expect(updates.some((doc) => doc.relatedTrusts?.length)).toBe(true)

      expect(pages.map((doc) => doc.slug).sort()).toEqual(['about', 'contact', 'safer-spaces'])

      // The evidence register: every SIM status, at least six regions, valid codes and places.
      expect(trusts.length).toBeGreaterThanOrEqual(12)
      expect(new Set(trusts.map((doc) => doc.simStatus))).toEqual(
        new Set(SIM_STATUSES.map((status) => status.value)),
      )
      expect(new Set(trusts.map((doc) => doc.region)).size).toBeGreaterThanOrEqual(6)
      const codes = trusts.map((doc) => doc.odsCode)
      expect(new Set(codes).size).toBe(codes.length)
      for (const trust of trusts) {
        expect(trust.odsCode).toMatch(/^[A-Z0-9]{3}$/)
        expect(trust.policeForce).toBeTruthy()
        expect(trust.statusHistory?.length).toBeGreaterThan(0)
        expect(trust.evidence?.length).toBeGreaterThanOrEqual(1)
        expect(trust.evidence?.length).toBeLessThanOrEqual(3)
        expect(trust.latitude).toBeGreaterThan(49.8)
        expect(trust.latitude).toBeLessThan(60.9)
        expect(trust.longitude).toBeGreaterThan(-8.7)
        expect(trust.longitude).toBeLessThan(1.8)
      }

      // Drafts show the editorial workflow; everything published has reviewed warnings.
      const all = [...statements, ...updates, ...pages, ...trusts]
      for (const docs of [statements, updates, trusts]) {
        expect(docs.some((doc) => doc._status === 'draft')).toBe(true)
      }
      for (const doc of all.filter((doc) => doc._status === 'published')) {
        expect(doc.contentWarnings?.reviewed).toBe(true)
      }
      expect(all.some((doc) => doc.contentWarnings?.categories?.length === 0)).toBe(true)
      expect(all.some((doc) => doc.contentWarnings?.categories?.includes('police'))).toBe(true)
      expect(all.find((doc) => !doc.contentWarnings?.categories?.length)?.contentWarnings).toEqual(
        expect.objectContaining({ flags: '|' }),
      )

      // Written by the demo editor, except one draft statement by the demo contributor.
      const authors = await local.payload.find({ collection: 'users', limit: 100, depth: 0 })
      const idOf = (role: Role) => authors.docs.find((user) => user.roles?.includes(role))?.id
      expect(trusts.every((doc) => doc.createdBy === idOf('editor'))).toBe(true)
      const byContributor = statements.filter((doc) => doc.createdBy === idOf('contributor'))
      expect(byContributor.length).toBeGreaterThan(0)
      expect(byContributor.every((doc) => doc._status === 'draft')).toBe(true)

      // Pictures and a PDF used by content; the demo artist's work, one piece still waiting.
      const media = (await local.payload.find({ collection: 'media', ...find })).docs
      expect(new Set(media.map((doc) => doc.mimeType))).toEqual(
        new Set(['image/jpeg', 'image/png', 'application/pdf']),
      )
      for (const doc of media.filter((item) => item.mimeType?.startsWith('image/'))) {
        expect(doc.alt).toBeTruthy()
        expect(doc.sizes?.thumbnailWebp?.filename).toMatch(/\.webp$/)
      }
      expect(updates.filter((doc) => doc.heroImage).length).toBeGreaterThan(0)
      expect(letters[0].attachments?.length).toBe(1)
      const artwork = (await local.payload.find({ collection: 'artwork', ...find })).docs
      expect(artwork.filter((doc) => doc.moderationStatus === 'approved').length).toBeGreaterThan(1)
      expect(artwork.filter((doc) => doc.moderationStatus === 'pending')).toHaveLength(1)
      expect(artwork.every((doc) => doc.artist === idOf('artist') && doc.alt)).toBe(true)
      expect(artwork.some((doc) => doc.sensitive && doc.contentWarnings?.categories?.length)).toBe(
        true,
      )
    },
  )

  it.skipIf(skip)(
    'seeds signatures on the open letter in every review state and display choice',
    async () => {
      const { signatures } = await seed(local.payload, { passwordFile })
      expect(signatures.created).toBe(0)
      const { docs } = await local.payload.find({
        collection: 'signatories',
        limit: 500,
        depth: 0,
        pagination: false,
      })
      expect(new Set(docs.map((doc) => doc.status))).toEqual(
        new Set(SIGNATORY_STATUSES.map((status) => status.value)),
      )
      expect(new Set(docs.map((doc) => doc.display))).toEqual(
        new Set(DISPLAY_CHOICES.map((choice) => choice.value)),
      )
      // A possible duplicate pair: the same name from two addresses, flagged for the moderator.
      const flagged = docs.find((doc) => doc.possibleDuplicateOf)
      const original = docs.find((doc) => doc.id === flagged?.possibleDuplicateOf)
      expect(original?.name).toBe(flagged?.name)
      // More approved and listed than one page of the public list.
      const listed = docs.filter(
        (doc) => doc.status === 'approved' && doc.display !== 'counted_only',
      )
      expect(listed.length).toBeGreaterThan(50)
      const settings = await local.payload.findGlobal({ slug: 'site-settings' })
      expect(settings.crisisNotice).toBeTruthy()
      expect(settings.helplines?.length).toBeGreaterThan(0)
    },
  )

  it.skipIf(skip)('adds no content when the seed runs again', async () => {
    const before = await countContent()
    const { content, media } = await seed(local.payload, { passwordFile })
    expect(content.created).toEqual({ statements: 0, updates: 0, pages: 0, trusts: 0 })
    expect(media.created).toEqual({ media: 0, artwork: 0 })
    expect(await countContent()).toEqual(before)
  })

  it.skipIf(skip)('shows anonymous readers published statements only', async () => {
    const seen = await local.payload.find({
      collection: 'statements',
      overrideAccess: false,
      limit: 200,
      depth: 0,
    })
    const published = await local.payload.count({
      collection: 'statements',
      where: { _status: { equals: 'published' } },
    })
    const everything = await local.payload.count({ collection: 'statements' })
    expect(seen.totalDocs).toBe(published.totalDocs)
    expect(seen.totalDocs).toBeLessThan(everything.totalDocs)
    for (const doc of seen.docs) {
      expect(doc._status).toBe('published')
      expect(doc.createdBy).toBeUndefined()
    }
  })
})
