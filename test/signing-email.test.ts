import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Auth, api } from './helpers/api'
import { testDialects } from './helpers/databases'
import { connectLocalPayload, type LocalPayload } from './helpers/localPayload'
import { type Mailbox, startMailbox } from './helpers/mailbox'
import { type RunningServer, startServer } from './helpers/server'
import { createTeam } from './helpers/team'

type Signatory = {
  id: number | string
  status: string
  email: string | null
  verifiedAt?: string | null
}

describe.each(testDialects())(
  'confirming a signature by email on $dialect',
  ({ dialect, skip }) => {
    let mailbox: Mailbox
    let server: RunningServer
    let local: LocalPayload
    let client: ReturnType<typeof api>
    let moderator: Auth
    let letterSlug: string

    beforeAll(async () => {
      if (skip) return
      mailbox = await startMailbox()
      server = await startServer(dialect, {
        SMTP_URL: mailbox.url,
        EMAIL_FROM: 'letters@stopsim.example',
        SIGN_RATE_LIMIT_PER_MINUTE: '0',
      })
      client = api(server.url)
      const team = await createTeam(server.url)
      moderator = { token: team.moderator.token }
      const letter = await client.request<{ doc: { slug: string } }>('/api/statements', {
        method: 'POST',
        auth: { token: team.editor.token },
        body: {
          title: 'Letter with confirmation',
          kind: 'open_letter',
          _status: 'published',
          contentWarnings: { reviewed: true },
        },
      })
      letterSlug = letter.body.doc.slug
      local = await connectLocalPayload(server.database.url)
    })
    afterAll(async () => {
      await local?.stop()
      await server?.stop()
      await mailbox?.close()
    })

    const signatoryByEmail = async (email: string) => {
      const { body } = await client.request<{ docs: Signatory[] }>(
        `/api/signatories?where[email][equals]=${email}`,
        { auth: moderator },
      )
      return body.docs[0]
    }

    it.skipIf(skip)(
      'mails a link that confirms the signature, and one that withdraws it',
      async () => {
        const email = `confirm-${dialect}@example.org`
        const signed = await client.request('/api/signatories/sign', {
          method: 'POST',
          body: { letter: letterSlug, name: 'Morgan Mailer', email, consent: true },
        })
        expect(signed.status).toBe(202)
        const message = await waitForMessage(mailbox.messages, email)
        expect(message).toContain('From: "#StopSIM" <letters@stopsim.example>')
        const confirmUrl = /http\S+\/api\/signatories\/confirm\?token=[\w-]+/.exec(message)?.[0]
        const withdrawUrl = /http\S+\/api\/signatories\/withdraw\?token=[\w-]+/.exec(message)?.[0]
        expect(confirmUrl && withdrawUrl).toBeTruthy()
        expect((await signatoryByEmail(email)).status).toBe('pending')

        // Opening the confirm link only asks too: a mail scanner following every link must not
        // confirm a signature someone made in another person's name.
        const asked = await fetch(confirmUrl!)
        expect(asked.status).toBe(200)
        expect(await asked.text()).toContain('Confirm my signature')
        expect((await signatoryByEmail(email)).status).toBe('pending')
        const confirmToken = new URL(confirmUrl!).searchParams.get('token')!
        const confirm = () =>
          fetch(`${server.url}/api/signatories/confirm`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ token: confirmToken }),
          })
        const confirmed = await confirm()
        expect(confirmed.status).toBe(200)
        expect(await confirmed.text()).toContain('your signature is confirmed')
        expect(await signatoryByEmail(email)).toMatchObject({ status: 'verified' })
        expect((await confirm()).status).toBe(404)
        expect((await fetch(confirmUrl!)).status).toBe(404)

        // Opening the withdraw link only asks; nothing changes until the button is pressed.
        const question = await fetch(withdrawUrl!)
        expect(question.status).toBe(200)
        expect(await question.text()).toContain('Withdraw my signature')
        const { id } = await signatoryByEmail(email)
        const token = new URL(withdrawUrl!).searchParams.get('token')!
        const withdrawn = await fetch(`${server.url}/api/signatories/withdraw`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token }),
        })
        expect(withdrawn.status).toBe(200)
        const after = await client.request<Signatory>(`/api/signatories/${id}`, { auth: moderator })
        expect(after.body).toMatchObject({ status: 'withdrawn', email: null })
      },
    )

    it.skipIf(skip)(
      'refuses to approve a signature still waiting for its email confirmation',
      async () => {
        const email = `unconfirmed-${dialect}@example.org`
        const signed = await client.request('/api/signatories/sign', {
          method: 'POST',
          body: { letter: letterSlug, name: 'Uma Unconfirmed', email, consent: true },
        })
        expect(signed.status).toBe(202)
        const { id } = await signatoryByEmail(email)
        const approve = await client.request<{ errors?: { message: string }[] }>(
          `/api/signatories/${id}`,
          { method: 'PATCH', auth: moderator, body: { status: 'approved' } },
        )
        expect(approve.status).toBe(409)
        expect(approve.body.errors?.[0]?.message).toMatch(/confirm/)
        const graphql = await client.graphql<{ updateSignatory: { status: string } | null }>(
          `mutation { updateSignatory(id: ${JSON.stringify(id)}, data: { status: approved }) { status } }`,
          {},
          moderator,
        )
        expect(graphql.body.errors?.[0]?.message).toMatch(/confirm/)
        const bulk = await client.request<{ docs: unknown[]; errors: { message: string }[] }>(
          `/api/signatories?where[id][equals]=${id}`,
          { method: 'PATCH', auth: moderator, body: { status: 'approved' } },
        )
        expect(bulk.body.docs).toHaveLength(0)
        expect(bulk.body.errors[0]?.message).toMatch(/confirm/)
        expect((await signatoryByEmail(email)).status).toBe('pending')
        const publicList = await client.request<{ docs: { id: number | string }[] }>(
          `/api/signatories?where[id][equals]=${id}`,
        )
        expect(publicList.body.docs).toHaveLength(0)
        // Rejecting needs no confirmation: a moderator may still turn it down.
        const reject = await client.request(`/api/signatories/${id}`, {
          method: 'PATCH',
          auth: moderator,
          body: { status: 'rejected' },
        })
        expect(reject.status).toBe(200)
      },
    )

    it.skipIf(skip)('deletes signatures whose confirmation link lapsed', async () => {
      const email = `lapsed-${dialect}@example.org`
      await client.request('/api/signatories/sign', {
        method: 'POST',
        body: { letter: letterSlug, name: 'Lee Lapsed', email, consent: true },
      })
      const signatory = await signatoryByEmail(email)
      await local.payload.update({
        collection: 'signatories',
        id: signatory.id,
        data: { confirmExpiresAt: new Date(Date.now() - 60_000).toISOString() },
      })
      await local.payload.jobs.queue({ task: 'expireUnconfirmedSignatures', input: {} })
      await local.payload.jobs.run({ queue: 'default' })
      expect(await signatoryByEmail(email)).toBeUndefined()
    })

    it.skipIf(skip)(
      'once the site is archived, refuses confirmations but still lets a signer withdraw',
      async () => {
        const email = `archived-${dialect}@example.org`
        await client.request('/api/signatories/sign', {
          method: 'POST',
          body: { letter: letterSlug, name: 'Ari Archive', email, consent: true },
        })
        const message = await waitForMessage(mailbox.messages, email)
        const confirmUrl = /http\S+\/api\/signatories\/confirm\?token=[\w-]+/.exec(message)![0]
        const withdrawUrl = /http\S+\/api\/signatories\/withdraw\?token=[\w-]+/.exec(message)![0]
        await local.payload.updateGlobal({ slug: 'site-settings', data: { archiveMode: true } })
        try {
          const confirmed = await fetch(`${server.url}/api/signatories/confirm`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ token: new URL(confirmUrl).searchParams.get('token')! }),
          })
          expect(confirmed.status).toBe(410)
          expect(await confirmed.text()).toContain('The site has been archived')
          expect((await fetch(confirmUrl)).status).toBe(410)
          const { id, status } = await signatoryByEmail(email)
          expect(status).toBe('pending')

          // Consent can always be taken back, archive or not.
          const withdrawn = await fetch(`${server.url}/api/signatories/withdraw`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ token: new URL(withdrawUrl).searchParams.get('token')! }),
          })
          expect(withdrawn.status).toBe(200)
          const after = await client.request<Signatory>(`/api/signatories/${id}`, {
            auth: moderator,
          })
          expect(after.body).toMatchObject({ status: 'withdrawn', email: null })
        } finally {
          await local.payload.updateGlobal({ slug: 'site-settings', data: { archiveMode: false } })
        }
      },
    )
  },
)

async function waitForMessage(messages: string[], to: string): Promise<string> {
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    const found = messages.find((message) => message.includes(to))
    if (found) return found
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`no email to ${to} arrived`)
}
