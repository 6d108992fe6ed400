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
import {
  FORGOT_PASSWORD_LIMIT_PER_ACCOUNT,
  FORGOT_PASSWORD_LIMIT_PER_ADDRESS,
} from '../src/collections/Users/hooks/limitAccountRequests'
import { inTransaction } from '../src/db'
import { type Auth, api, type JsonResponse } from './helpers/api'
import { testDialects } from './helpers/databases'
import { plainPng } from './helpers/images'
import { type LocalPayload, startLocalPayload } from './helpers/localPayload'
import { type Mailbox, startMailbox } from './helpers/mailbox'
import { type RunningServer, startServer } from './helpers/server'
import { createTeam, type Team, TEAM_PASSWORD } from './helpers/team'

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

async function waitForMessage(messages: string[], to: string): Promise<string> {
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    const found = messages.find((message) => message.includes(`To: ${to}`))
    if (found) return found
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`no email to ${to} arrived`)
}

type ErrorBody = { errors?: { message: string }[] }

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

describe.each(testDialects())(
  'the write path of the real server on $dialect',
  ({ dialect, skip }) => {
    let mailbox: Mailbox
    let server: RunningServer
    let client: ReturnType<typeof api>
    let team: Team
    let letterSlug: string
    let addressCounter = 0

    // TRUST_PROXY lets each test speak from its own address, as separate clients would.
    const freshAddress = () => `198.51.100.${++addressCounter}`
    const from = (address: string) => ({ 'x-forwarded-for': address })

    const forgotRest = (email: string, address: string) =>
      client.request<ErrorBody & { message?: string }>('/api/users/forgot-password', {
        method: 'POST',
        body: { email },
        headers: from(address),
      })
    const forgotGraphql = (email: string, address: string) =>
      client.graphql<{ forgotPasswordUser: boolean | null }>(
        'mutation ($email: String!) { forgotPasswordUser(email: $email) }',
        { email },
        undefined,
        from(address),
      )
    const loginRest = (email: string, password: string, address: string) =>
      client.request<ErrorBody & { token?: string }>('/api/users/login', {
        method: 'POST',
        body: { email, password },
        headers: from(address),
      })
    const loginGraphql = (email: string, password: string, address: string) =>
      client.graphql<{ loginUser: { token: string } | null }>(
        'mutation ($email: String!, $password: String!) { loginUser(email: $email, password: $password) { token } }',
        { email, password },
        undefined,
        from(address),
      )
    const createAccount = async (email: string) => {
      const created = await client.request('/api/users', {
        method: 'POST',
        auth: team.admin,
        body: { email, password: TEAM_PASSWORD, name: email.split('@')[0], roles: ['contributor'] },
      })
      expect(created.status).toBe(201)
      return (created.body as { doc: { id: number | string } }).doc.id
    }

    beforeAll(async () => {
      if (skip) return
      mailbox = await startMailbox()
      server = await startServer(dialect, {
        SMTP_URL: mailbox.url,
        EMAIL_FROM: 'accounts@stopsim.example',
        TRUST_PROXY: '1',
        SIGN_RATE_LIMIT_PER_MINUTE: '0',
        LOGIN_RATE_LIMIT_PER_MINUTE: '0',
      })
      client = api(server.url)
      team = await createTeam(server.url)
      const letter = await client.request<{ doc: { slug: string } }>('/api/statements', {
        method: 'POST',
        auth: team.editor,
        body: {
          title: 'Letter written to under load',
          kind: 'open_letter',
          _status: 'published',
          contentWarnings: { reviewed: true },
        },
      })
      letterSlug = letter.body.doc.slug
    })
    afterAll(async () => {
      await server?.stop()
      await mailbox?.close()
    })

    it.skipIf(skip)(
      'answers forgot-password on REST and GraphQL at once, without stalling a signature or a login',
      async () => {
        const [rest, graphql, signature, login] = await Promise.all([
          forgotRest('editor@team.example', freshAddress()),
          forgotGraphql('moderator@team.example', freshAddress()),
          client.request('/api/signatories/sign', {
            method: 'POST',
            body: {
              letter: letterSlug,
              name: 'Sam Stalled',
              email: 'sam@example.org',
              consent: true,
            },
            headers: from(freshAddress()),
          }),
          loginRest('artist@team.example', TEAM_PASSWORD, freshAddress()),
        ])
        expect(rest.status).toBe(200)
        expect(graphql.body).toEqual({ data: { forgotPasswordUser: true } })
        expect(signature.status).toBe(202)
        expect(login.status).toBe(200)
      },
    )

    it.skipIf(skip)(
      'resets a password from the emailed link, then signs in with the new one (REST and GraphQL)',
      async () => {
        for (const via of ['rest', 'graphql'] as const) {
          const email = `reset-${via}@team.example`
          await createAccount(email)
          const asked =
            via === 'rest'
              ? (await forgotRest(email, freshAddress())).status
              : (await forgotGraphql(email, freshAddress())).body.data?.forgotPasswordUser
          expect(asked === 200 || asked === true).toBe(true)
          const message = await waitForMessage(mailbox.messages, email)
          expect(message).toContain('From: "#StopSIM" <accounts@stopsim.example>')
          const link = /https?:\/\/\S+\/admin\/reset\/([0-9a-f]+)/.exec(message)
          expect(link?.[0].startsWith(server.url)).toBe(true)
          const token = link![1]
          const newPassword = `${TEAM_PASSWORD}-${via}-renewed`
          if (via === 'rest') {
            const reset = await client.request('/api/users/reset-password', {
              method: 'POST',
              body: { token, password: newPassword },
            })
            expect(reset.status).toBe(200)
          } else {
            const reset = await client.graphql<{ resetPasswordUser: { token: string } | null }>(
              'mutation ($token: String, $password: String) { resetPasswordUser(token: $token, password: $password) { token } }',
              { token, password: newPassword },
            )
            expect(reset.body.data?.resetPasswordUser?.token).toBeTruthy()
          }
          expect((await loginRest(email, TEAM_PASSWORD, freshAddress())).status).toBe(401)
          expect((await loginRest(email, newPassword, freshAddress())).status).toBe(200)
          // The link works once.
          const again = await client.request('/api/users/reset-password', {
            method: 'POST',
            body: { token, password: `${newPassword}-again` },
          })
          expect(again.status).toBeGreaterThanOrEqual(400)
          expect(again.status).toBeLessThan(500)
        }
      },
    )

    it.skipIf(skip)(
      'answers forgot-password alike for known and unknown accounts, on REST and GraphQL',
      async () => {
        await createAccount('known-forgot@team.example')
        const known = await forgotRest('known-forgot@team.example', freshAddress())
        const unknown = await forgotRest('nobody-forgot@team.example', freshAddress())
        expect(unknown.status).toBe(known.status)
        expect(unknown.body).toEqual(known.body)
        const knownGraphql = await forgotGraphql('known-forgot@team.example', freshAddress())
        const unknownGraphql = await forgotGraphql('nobody-forgot@team.example', freshAddress())
        expect(unknownGraphql.body).toEqual(knownGraphql.body)

        // Alternating so that load on the machine falls on both alike; a ratio, not a time.
        const timings = { known: [] as number[], unknown: [] as number[] }
        for (let round = 0; round < 3; round++) {
          for (const kind of ['known', 'unknown'] as const) {
            const email = `${kind}-timing-${round}@team.example`
            if (kind === 'known') await createAccount(email)
            const started = performance.now()
            expect((await forgotRest(email, freshAddress())).status).toBe(200)
            timings[kind].push(performance.now() - started)
          }
        }
        const ratio = median(timings.unknown) / median(timings.known)
        expect(ratio).toBeGreaterThan(0.3)
        expect(ratio).toBeLessThan(3)
      },
    )

    it.skipIf(skip)(
      'limits forgot-password per address, and mails per account, known or not, on REST and GraphQL',
      async () => {
        const address = freshAddress()
        const statuses: number[] = []
        for (let n = 0; n <= FORGOT_PASSWORD_LIMIT_PER_ADDRESS; n++) {
          statuses.push((await forgotRest(`walker-${n}@elsewhere.example`, address)).status)
        }
        expect(statuses.slice(0, -1).every((status) => status === 200)).toBe(true)
        expect(statuses.at(-1)).toBe(429)
        const limitedGraphql = await forgotGraphql('walker-next@elsewhere.example', address)
        expect(limitedGraphql.body.errors?.[0]?.extensions?.statusCode).toBe(429)

        // Past an account's limit the answer is the same as ever, so that a stranger cannot lock
        // its owner out of resetting for an hour (probe 3), but no more mail goes out and the
        // link the owner was mailed keeps working.
        const owner = 'targeted@team.example'
        await createAccount(owner)
        for (const target of [owner, 'untargeted@team.example']) {
          const answers: JsonResponse<ErrorBody>[] = []
          for (let n = 0; n <= FORGOT_PASSWORD_LIMIT_PER_ACCOUNT; n++) {
            answers.push(await forgotRest(target, freshAddress()))
          }
          expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200))
          expect(answers.at(-1)?.body).toEqual(answers[0].body)
          const graphql = await forgotGraphql(target.toUpperCase(), freshAddress())
          expect(graphql.body).toEqual({ data: { forgotPasswordUser: true } })
        }
        await waitForMessage(mailbox.messages, owner)
        await new Promise((resolve) => setTimeout(resolve, 1_000))
        const mailed = mailbox.messages.filter((message) => message.includes(`To: ${owner}`))
        expect(mailed).toHaveLength(FORGOT_PASSWORD_LIMIT_PER_ACCOUNT)
        const tokens = mailed.map((message) => /\/admin\/reset\/([0-9a-f]+)/.exec(message)?.[1])
        const resets = await Promise.all(
          tokens.map((token) =>
            client.request('/api/users/reset-password', {
              method: 'POST',
              body: { token, password: `${TEAM_PASSWORD}-owner-again` },
            }),
          ),
        )
        expect(
          resets.some((reset) => reset.status === 200),
          JSON.stringify([tokens, resets.map((reset) => [reset.status, reset.body])]),
        ).toBe(true)
      },
    )

    it.skipIf(skip)(
      'gives the same login refusal, in about the same time, for unknown, wrong and locked accounts',
      async () => {
        const lockedEmail = 'locked-login@team.example'
        await createAccount(lockedEmail)
        for (let attempt = 0; attempt < MAX_LOGIN_ATTEMPTS; attempt++) {
          await loginRest(lockedEmail, 'wrong password', freshAddress())
        }
        await createAccount('wrong-login@team.example')
        const cases = {
          unknown: ['nobody-login@team.example', TEAM_PASSWORD],
          wrong: ['wrong-login@team.example', 'wrong password'],
          locked: [lockedEmail, TEAM_PASSWORD],
        } as const
        const rest: Record<string, JsonResponse<ErrorBody>> = {}
        const graphql: Record<string, unknown> = {}
        for (const [kind, [email, password]] of Object.entries(cases)) {
          rest[kind] = await loginRest(email, password, freshAddress())
          graphql[kind] = (await loginGraphql(email, password, freshAddress())).body
        }
        expect(rest.unknown.status).toBe(401)
        expect(rest.wrong.status).toBe(401)
        expect(rest.locked.status).toBe(401)
        expect(rest.wrong.body).toEqual(rest.unknown.body)
        expect(rest.locked.body).toEqual(rest.unknown.body)
        expect(graphql.wrong).toEqual(graphql.unknown)
        expect(graphql.locked).toEqual(graphql.unknown)

        const timings = { unknown: [] as number[], wrong: [] as number[], locked: [] as number[] }
        for (let round = 0; round < 3; round++) {
          for (const [kind, [email, password]] of Object.entries(cases)) {
            const started = performance.now()
            await loginRest(email, password, freshAddress())
            timings[kind as keyof typeof timings].push(performance.now() - started)
          }
        }
        for (const kind of ['unknown', 'locked'] as const) {
          const ratio = median(timings[kind]) / median(timings.wrong)
          expect(ratio, `${kind} against a wrong password`).toBeGreaterThan(0.4)
          expect(ratio, `${kind} against a wrong password`).toBeLessThan(2.5)
        }
      },
      // Some thirty password checks at 600,000 rounds each, on a busy machine.
      240_000,
    )

    it.skipIf(skip)(
      "does not tell someone changing their email that it is another account's (REST and GraphQL)",
      async () => {
        const mine = await createAccount('changer@team.example')
        const auth = await client.login('changer@team.example', TEAM_PASSWORD)
        const taken = await client.request<ErrorBody>(`/api/users/${mine}`, {
          method: 'PATCH',
          auth,
          body: { email: 'admin@team.example' },
        })
        const said = JSON.stringify(taken.body)
        expect(said).not.toMatch(/unique|already|registered|exists|taken|in use/i)
        // An address nobody has gets the same answer, so the answer tells nothing.
        const free = await client.request<ErrorBody>(`/api/users/${mine}`, {
          method: 'PATCH',
          auth,
          body: { email: 'nobody-has-this@team.example' },
        })
        expect(free.status).toBe(taken.status)
        const emailIn = (body: unknown) => (body as { doc?: { email?: string } }).doc?.email
        expect(emailIn(free.body)).toBe(emailIn(taken.body))
        // Refused in words, not answered “Updated successfully” with nothing changed (probe 3).
        expect(taken.status).toBe(403)
        expect(said).toMatch(/only an admin/i)
        const graphql = await client.graphql(
          `mutation { updateUser(id: ${JSON.stringify(mine)}, data: { email: "admin@team.example" }) { email } }`,
          {},
          auth,
        )
        expect(JSON.stringify(graphql.body.errors ?? [])).not.toMatch(
          /unique|already|registered|exists|taken|in use/i,
        )
        expect(JSON.stringify(graphql.body.data ?? {})).not.toContain('admin@team.example')
        expect(JSON.stringify(graphql.body.errors ?? [])).toMatch(/only an admin/i)
        // Sending one's own address back, as the account form does, is no change.
        const same = await client.request(`/api/users/${mine}`, {
          method: 'PATCH',
          auth,
          body: { email: 'Changer@team.example ', name: 'Changer' },
        })
        expect(same.status, JSON.stringify(same.body)).toBe(200)
        const me = await client.request<{ user: { email: string } }>('/api/users/me', { auth })
        expect(me.body.user.email).toBe('changer@team.example')
      },
    )

    it.skipIf(skip)(
      'finishes fifty mixed writes from different routes at once without a 5xx or a lock timeout',
      async () => {
        const page = await client.request<{ doc: { id: number | string } }>('/api/pages', {
          method: 'POST',
          auth: team.editor,
          body: { title: 'Saved under load' },
        })
        const pageId = page.body.doc.id
        const png = await plainPng(160, 120)
        const writes: (() => Promise<{ route: string; status: number; text: string }>)[] = []
        const plain = (route: string, path: string, init: RequestInit) => async () => {
          const response = await fetch(`${server.url}${path}`, init)
          return { route, status: response.status, text: await response.text() }
        }
        const json = (body: unknown, auth?: Auth, address = freshAddress()) => ({
          'content-type': 'application/json',
          ...from(address),
          ...(auth?.token ? { authorization: `JWT ${auth.token}` } : {}),
          body,
        })
        for (let n = 0; n < 50; n++) {
          switch (n % 7) {
            case 0: {
              const { body, ...headers } = json({
                letter: letterSlug,
                name: `Load Signer ${n}`,
                email: `load-${n}@example.org`,
                consent: true,
              })
              writes.push(
                plain('sign', '/api/signatories/sign', {
                  method: 'POST',
                  headers,
                  body: JSON.stringify(body),
                }),
              )
              break
            }
            case 1: {
              const { body, ...headers } = json({ title: `Saved under load ${n}` }, team.editor)
              writes.push(
                plain('save', `/api/pages/${pageId}`, {
                  method: 'PATCH',
                  headers,
                  body: JSON.stringify(body),
                }),
              )
              break
            }
            case 2: {
              const { body, ...headers } = json({
                email: 'moderator@team.example',
                password: TEAM_PASSWORD,
              })
              writes.push(
                plain('login', '/api/users/login', {
                  method: 'POST',
                  headers,
                  body: JSON.stringify(body),
                }),
              )
              break
            }
            case 3: {
              const { body, ...headers } = json({
                email: n % 2 ? 'contributor@team.example' : `none-${n}@example.org`,
              })
              writes.push(
                plain('forgot-password', '/api/users/forgot-password', {
                  method: 'POST',
                  headers,
                  body: JSON.stringify(body),
                }),
              )
              break
            }
            case 4: {
              const { body, ...headers } = json({
                query: 'mutation ($email: String!) { forgotPasswordUser(email: $email) }',
                variables: { email: `gql-none-${n}@example.org` },
              })
              writes.push(
                plain('forgot-password (GraphQL)', '/api/graphql', {
                  method: 'POST',
                  headers,
                  body: JSON.stringify(body),
                }),
              )
              break
            }
            case 5: {
              const { body, ...headers } = json(
                {
                  document: { relationTo: 'pages', value: pageId },
                  globalSlug: null,
                  user: { relationTo: 'users', value: team.admin.userId },
                },
                team.admin,
              )
              writes.push(
                plain('lock', '/api/payload-locked-documents', {
                  method: 'POST',
                  headers,
                  body: JSON.stringify(body),
                }),
              )
              break
            }
            case 6: {
              writes.push(async () => {
                const form = new FormData()
                form.append(
                  'file',
                  new Blob([new Uint8Array(png)], { type: 'image/png' }),
                  `load-${n}.png`,
                )
                form.append('_payload', JSON.stringify({ alt: `Picture ${n} sent under load` }))
                const response = await fetch(`${server.url}/api/media`, {
                  method: 'POST',
                  body: form,
                  headers: { authorization: `JWT ${team.editor.token}`, ...from(freshAddress()) },
                })
                return { route: 'upload', status: response.status, text: await response.text() }
              })
              break
            }
          }
        }
        const results = await Promise.all(writes.map((write) => write()))
        const failed = results.filter(
          (result) =>
            result.status >= 500 || /waited over|SQLITE_BUSY|database is locked/i.test(result.text),
        )
        expect(
          failed.map(({ route, status, text }) => `${route} ${status} ${text.slice(0, 200)}`),
        ).toEqual([])
        expect(new Set(results.map((result) => result.route)).size).toBe(7)
      },
    )
  },
)
