import {
  commitTransaction,
  createLocalReq,
  initTransaction,
  isolateObjectProperty,
  killTransaction,
  type Payload,
  type PayloadRequest,
} from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { User } from '../src/payload-types'
import { MAX_LOGIN_ATTEMPTS } from '../src/collections/Users'
import { inTransaction } from '../src/db'
import { testDialects } from './helpers/databases'
import { plainPng } from './helpers/images'
import { type LocalPayload, startLocalPayload } from './helpers/localPayload'

// SQLite's write lock gives up after 15 s; anything that waits half that long is stuck on itself.
const STUCK_MS = 7_000

/** Rejects when the write has not finished within STUCK_MS, naming it. */
async function finishes<T>(what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} was still waiting after ${STUCK_MS} ms`)),
      STUCK_MS,
    )
  })
  try {
    return await Promise.race([work, stuck])
  } finally {
    clearTimeout(timer)
  }
}

const PASSWORD = 'a-long-enough-test-password'

// What Payload itself does in forgot-password, unlock, verify and jobs: a write from the
// request's own flow, outside the transaction that request holds open.
describe.each(testDialects())(
  'writes never wait on their own request on $dialect (Local API)',
  ({ dialect, skip }) => {
    let local: LocalPayload
    let payload: Payload
    let admin: User

    beforeAll(async () => {
      if (skip) return
      local = await startLocalPayload(dialect)
      payload = local.payload
      admin = await payload.create({
        collection: 'users',
        data: { email: 'admin@write.example', password: PASSWORD, name: 'Admin' },
      })
    })
    afterAll(async () => {
      await local?.stop()
    })

    // Payload's operations begin their transaction with initTransaction and carry on in the
    // same function; the tests do the same, as the flow is that function's.
    const newRequest = () => createLocalReq({ user: { ...admin, collection: 'users' } }, payload)
    const outside = (req: PayloadRequest) => {
      const isolated = isolateObjectProperty(req, 'transactionID')
      isolated.transactionID = undefined
      return isolated
    }
    const pageTitles = async () =>
      (
        await payload.find({ collection: 'pages', draft: true, limit: 500, pagination: false })
      ).docs.map((page) => page.title)

    it.skipIf(skip)(
      'runs a write made outside the transaction its own request holds, as forgot-password does',
      async () => {
        const req = await newRequest()
        await initTransaction(req)
        const written = await finishes(
          'the write outside the transaction',
          payload.db.updateOne({
            collection: 'users',
            data: { name: 'Renamed outside' },
            req: outside(req),
            where: { id: { equals: admin.id } },
          }),
        )
        expect(written).toMatchObject({ name: 'Renamed outside' })
        await commitTransaction(req)
        expect((await payload.findByID({ collection: 'users', id: admin.id })).name).toBe(
          'Renamed outside',
        )
      },
    )

    it.skipIf(skip)(
      'runs an operation started without req inside a transaction, as a hook may',
      async () => {
        const req = await newRequest()
        await initTransaction(req)
        await finishes(
          'the nested create',
          payload.create({ collection: 'pages', data: { title: 'Nested page' }, draft: true }),
        )
        await payload.create({
          collection: 'pages',
          data: { title: 'Same transaction page' },
          draft: true,
          req,
        })
        await commitTransaction(req)
        expect(await pageTitles()).toEqual(
          expect.arrayContaining(['Nested page', 'Same transaction page']),
        )
      },
    )

    it.skipIf(skip)('runs forgot-password through the Local API', async () => {
      await finishes(
        'forgot-password',
        payload.forgotPassword({ collection: 'users', data: { email: 'admin@write.example' } }),
      )
      const stored = await payload.db.findOne<User & { resetPasswordToken?: string }>({
        collection: 'users',
        where: { id: { equals: admin.id } },
      })
      expect(stored?.resetPasswordToken).toBeTruthy()
    })

    it.skipIf(skip)(
      "groups many creates in one transaction, while other flows' writes wait and are not swept in",
      async () => {
        let letOutsiderGo!: () => void
        const gate = new Promise<void>((resolve) => (letOutsiderGo = resolve))
        // Started before the group's transaction, so it is another flow, as another request is.
        const outsider = (async () => {
          await gate
          return payload.create({
            collection: 'pages',
            data: { title: 'Outsider page' },
            draft: true,
          })
        })()

        await expect(
          inTransaction(payload, async (req) => {
            letOutsiderGo()
            await Promise.all(
              [1, 2, 3, 4, 5].map((n) =>
                payload.create({
                  collection: 'pages',
                  data: { title: `Rolled back ${n}` },
                  draft: true,
                  req,
                }),
              ),
            )
            throw new Error('give up the group')
          }),
        ).rejects.toThrow('give up the group')
        await finishes('the outsider', outsider)

        await inTransaction(payload, (req) =>
          Promise.all(
            [1, 2, 3, 4, 5].map((n) =>
              payload.create({
                collection: 'pages',
                data: { title: `Grouped ${n}` },
                draft: true,
                req,
              }),
            ),
          ),
        )
        const titles = await pageTitles()
        expect(titles).toContain('Outsider page')
        expect(titles.filter((title) => title.startsWith('Grouped'))).toHaveLength(5)
        expect(titles.filter((title) => title.startsWith('Rolled back'))).toHaveLength(0)
      },
    )

    it.skipIf(skip)(
      'finishes every account, lock, preference, job and upload operation Payload runs',
      async () => {
        const email = 'someone@write.example'
        const user = await payload.create({
          collection: 'users',
          data: { email, password: PASSWORD, name: 'Someone', roles: ['editor'] },
        })
        const token = await finishes(
          'forgot-password without email',
          payload.forgotPassword({ collection: 'users', data: { email }, disableEmail: true }),
        )
        await finishes(
          'reset-password',
          payload.resetPassword({
            collection: 'users',
            data: { token: String(token), password: `${PASSWORD}-new` },
            overrideAccess: true,
          }),
        )
        for (let attempt = 0; attempt < MAX_LOGIN_ATTEMPTS; attempt++) {
          await expect(
            finishes(
              'a failed login',
              payload.login({ collection: 'users', data: { email, password: 'wrong' } }),
            ),
          ).rejects.toMatchObject({ status: 401 })
        }
        await finishes(
          'unlock',
          payload.unlock({
            collection: 'users',
            data: { email, password: '' },
            overrideAccess: true,
          }),
        )
        const session = await finishes(
          'login',
          payload.login({ collection: 'users', data: { email, password: `${PASSWORD}-new` } }),
        )
        expect(session.user?.id).toBe(user.id)

        const page = await payload.create({ collection: 'pages', data: { title: 'Locked page' } })
        const asUser = { user: { ...user, collection: 'users' as const } }
        await finishes(
          'a document lock',
          payload.create({
            collection: 'payload-locked-documents',
            data: {
              document: { relationTo: 'pages', value: page.id },
              globalSlug: null,
              user: { relationTo: 'users', value: user.id },
            },
            req: asUser,
          }),
        )
        await finishes(
          'saving the locked document',
          payload.update({
            collection: 'pages',
            id: page.id,
            data: { title: 'Saved while locked' },
            req: asUser,
          }),
        )
        await finishes(
          'a preference',
          payload.create({
            collection: 'payload-preferences',
            data: {
              key: 'nav',
              value: { open: true },
              user: { relationTo: 'users', value: user.id },
            },
            req: asUser,
          }),
        )
        await finishes(
          'a job',
          (async () => {
            await payload.jobs.queue({ task: 'expireUnconfirmedSignatures', input: {} })
            await payload.jobs.run({ queue: 'default' })
          })(),
        )
        await finishes(
          'an upload',
          (async () =>
            payload.create({
              collection: 'media',
              data: { alt: 'A plain test picture' },
              file: {
                data: await plainPng(120, 90),
                mimetype: 'image/png',
                name: 'plain.png',
                size: 0,
              },
            }))(),
        )
      },
    )

    it.skipIf(skip)('rolls back a request that fails, leaving its lock free', async () => {
      const req = await newRequest()
      await initTransaction(req)
      await payload.create({ collection: 'pages', data: { title: 'Never kept' }, draft: true, req })
      await killTransaction(req)
      await finishes(
        'the next write',
        payload.create({ collection: 'pages', data: { title: 'Kept' }, draft: true }),
      )
      const titles = await pageTitles()
      expect(titles).toContain('Kept')
      expect(titles).not.toContain('Never kept')
    })
  },
)
