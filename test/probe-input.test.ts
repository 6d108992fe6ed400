import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { FieldError } from '../src/utilities/errorResponse'
import { csvRows } from '../src/collections/Signatories/endpoints/exportCsv'
import { type Auth, api, type JsonResponse } from './helpers/api'
import { testDialects } from './helpers/databases'
import { type RunningServer, startServer } from './helpers/server'
import { createTeam, type Team } from './helpers/team'

/**
 * Input a second outside probe sent to the production build (issue 12): values of the wrong
 * type in a body, method overrides with bodies Payload cannot read, and the smaller ones. Each
 * must be a 4xx with a message that names what to change, the same on every database.
 */
type ErrorBody = { errors?: { message?: string }[]; message?: string }

const messageOf = (response: JsonResponse<unknown>): string | undefined => {
  const body = response.body as ErrorBody | string
  if (typeof body !== 'object' || body === null) return undefined
  return body.errors?.[0]?.message ?? body.message
}

/** A rich text document whose paragraphs nest `depth` levels deep. */
const nestedRichText = (depth: number) => {
  let node: Record<string, unknown> = { type: 'text', text: 'deep', version: 1 }
  for (let level = 0; level < depth; level++) {
    node = { type: 'paragraph', version: 1, children: [node] }
  }
  return { root: { type: 'root', version: 1, children: [node] } }
}

describe.each(testDialects())('probed input on $dialect', ({ dialect, skip }) => {
  let server: RunningServer
  let client: ReturnType<typeof api>
  let team: Team
  let editor: Auth
  let contributor: Auth

  beforeAll(async () => {
    if (skip) return
    server = await startServer(dialect)
    client = api(server.url)
    team = await createTeam(server.url)
    editor = { token: team.editor.token }
    contributor = { token: team.contributor.token }
  })
  afterAll(async () => {
    await server?.stop()
  })

  const refused = async (
    send: () => Promise<JsonResponse<unknown>>,
    status?: number,
  ): Promise<string> => {
    const response = await send()
    const summary = `${response.status} ${JSON.stringify(response.body).slice(0, 300)}`
    expect(response.status, summary).toBeGreaterThanOrEqual(400)
    expect(response.status, summary).toBeLessThan(500)
    if (status) expect(response.status, summary).toBe(status)
    const message = messageOf(response)
    expect(message, summary).toBeTruthy()
    expect(message, summary).not.toBe('Something went wrong.')
    return message ?? ''
  }

  describe.skipIf(skip)('values of the wrong type in a body to write', () => {
    const draft = (fields: Record<string, unknown>, auth: Auth) => () =>
      client.request('/api/statements?draft=true', {
        method: 'POST',
        auth,
        body: { title: 't', kind: 'statement', ...fields },
      })
    const wrong: [string, Record<string, unknown>][] = [
      ['summary', { summary: { a: 1 } }],
      ['kind', { kind: { a: 1 } }],
      ['publishedDate', { publishedDate: { a: 1 } }],
      ['publishedDate', { publishedDate: 'not a date' }],
      ['relatedTrusts', { relatedTrusts: [{ a: 1 }] }],
      ['body', { body: { root: { children: 'x' } } }],
      ['body', { body: 'string' }],
      ['body', { body: { root: 'x' } }],
      ['body', { body: nestedRichText(1000) }],
      ['contentWarnings', { contentWarnings: 'x' }],
      ['slug', { slug: { a: 1 } }],
      ['title', { title: { a: 1 } }],
      ['signing.open', { signing: { open: 'yes' } }],
      ['recipients', { recipients: 'x' }],
      ['recipients.0.name', { recipients: [{ name: 3 }] }],
    ]

    it.each(wrong)('refuses a wrong %s with a 400 naming it', async (name, fields) => {
      for (const auth of [contributor, editor]) {
        const message = await refused(draft(fields, auth), 400)
        expect(message).toContain(name)
      }
    })

    it('refuses the same in an update and in a multipart body', async () => {
      const created = await client.request<{ doc: { id: number | string } }>(
        '/api/statements?draft=true',
        { method: 'POST', auth: editor, body: { title: 'A statement to update badly' } },
      )
      expect(created.status, JSON.stringify(created.body)).toBe(201)
      const path = `/api/statements/${created.body.doc.id}?draft=true`
      const message = await refused(
        () => client.request(path, { method: 'PATCH', auth: editor, body: { summary: { a: 1 } } }),
        400,
      )
      expect(message).toContain('summary')
      const form = new FormData()
      form.set('_payload', JSON.stringify({ kind: ['statement'] }))
      const multipart = await fetch(`${server.url}${path}`, {
        method: 'PATCH',
        headers: { authorization: `JWT ${editor.token}` },
        body: form,
      })
      const text = await multipart.text()
      expect(multipart.status, text).toBe(400)
      expect(text).toContain('kind')
    })

    it('refuses a wrong value in a global', async () => {
      const message = await refused(
        () =>
          client.request('/api/globals/site-settings', {
            method: 'POST',
            auth: { token: team.admin.token },
            body: { siteName: { a: 1 } },
          }),
        400,
      )
      expect(message).toContain('siteName')
    })

    it('still takes well-formed values', async () => {
      const trust = await client.request<{ doc: { id: number | string } }>('/api/trusts', {
        method: 'POST',
        auth: editor,
        body: { name: 'A trust for shapes', odsCode: 'RSH' },
      })
      expect(trust.status, JSON.stringify(trust.body)).toBe(201)
      const created = await client.request('/api/statements?draft=true', {
        method: 'POST',
        auth: contributor,
        body: {
          title: 'Well formed',
          kind: 'open_letter',
          summary: 'A summary',
          body: nestedRichText(5),
          publishedDate: '2026-12-01T10:00:00.000Z',
          relatedTrusts: [trust.body.doc.id],
          recipients: [{ name: 'Someone' }],
          signing: { open: false, closesAt: null },
          contentWarnings: { reviewed: false },
        },
      })
      expect(created.status, JSON.stringify(created.body)).toBe(201)
    })

    it('refuses misshapen rich text in a GraphQL mutation', async () => {
      const mutation =
        'mutation($body: JSON) { createStatement(draft: true, data: { title: "t", kind: statement, body: $body }) { id } }'
      for (const body of [
        { root: { children: 'x' } },
        { root: 'x' },
        'string',
        nestedRichText(60),
      ]) {
        const response = await client.graphql(mutation, { body }, editor)
        const summary = JSON.stringify(response.body).slice(0, 300)
        expect(response.body.errors?.[0]?.extensions?.statusCode, summary).toBe(400)
        // Variables nested past GraphQL's own bound are refused before they reach the fields.
        expect(response.body.errors?.[0]?.message, summary).toMatch(/body|variables nest/)
      }
    })
  })

  describe.skipIf(skip)('a GET sent as a POST with a body Payload will not read', () => {
    const override = (path: string, contentType: string, rawBody: string) => () =>
      client.request(path, {
        method: 'POST',
        rawBody,
        headers: { 'x-payload-http-method-override': 'GET', 'content-type': contentType },
      })

    it('answers a JSON content type with a body that is not JSON with a 400 (probe: empty 500)', async () => {
      for (const body of ['limit=0', '{bad', '']) {
        expect(await refused(override('/api/statements', 'application/json', body), 400)).toMatch(
          /JSON/,
        )
      }
      await refused(override('/api/signatories', 'application/json', 'x=1'), 400)
      await refused(override('/api/globals/site-settings', 'application/json', 'x=1'), 400)
    })

    it('refuses a body of a type Payload drops, instead of answering without it', async () => {
      const message = await refused(override('/api/statements', 'text/plain', 'limit=0'), 415)
      expect(message).toContain('application/x-www-form-urlencoded')
      await refused(
        override('/api/statements', 'application/x-www-form-urlencoded; charset=utf-8', 'limit=1'),
        415,
      )
    })

    it('still reads a form or JSON object body', async () => {
      const form = await client.request<{ limit: number }>('/api/statements', {
        method: 'POST',
        rawBody: 'limit=1',
        headers: {
          'x-payload-http-method-override': 'GET',
          'content-type': 'application/x-www-form-urlencoded',
        },
      })
      expect(form.status, JSON.stringify(form.body)).toBe(200)
      expect(form.body.limit).toBe(1)
      const json = await override('/api/statements', 'application/json', '{}')()
      expect(json.status, JSON.stringify(json.body)).toBe(200)
    })
  })

  describe.skipIf(skip)('GraphQL account operations', () => {
    it('refuses more than one account operation in a document (probe: 15 logins, 9–15 s)', async () => {
      const logins = Array.from(
        { length: 15 },
        (_, index) =>
          `a${index}: loginUser(email: "admin@team.example", password: "wrong-${index}") { token }`,
      )
      const message = await refused(() => client.graphql(`mutation { ${logins.join(' ')} }`), 400)
      expect(message).toMatch(/one account operation/)
      await refused(
        () =>
          client.graphql(
            'mutation { ...A ...B } fragment A on Mutation { forgotPasswordUser(email: "a@b.c") } fragment B on Mutation { unlockUser(email: "a@b.c") }',
          ),
        400,
      )
      const one = await client.graphql<{ loginUser: { token: string } }>(
        'mutation { loginUser(email: "editor@team.example", password: "a-long-enough-test-password") { token } }',
      )
      expect(one.body.data?.loginUser.token, JSON.stringify(one.body)).toBeTruthy()
    })
  })

  describe.skipIf(skip)('smaller ones', () => {
    let letter: { id: number | string; slug: string }

    beforeAll(async () => {
      const created = await client.request<{ doc: { id: number | string; slug: string } }>(
        '/api/statements',
        {
          method: 'POST',
          auth: editor,
          body: {
            title: 'Kaleidoscopic probe letter',
            kind: 'open_letter',
            signing: { open: true },
            _status: 'published',
            contentWarnings: { reviewed: true },
          },
        },
      )
      expect(created.status, JSON.stringify(created.body)).toBe(201)
      letter = created.body.doc
    })

    it('answers a tally of a letter id past any id with a 404 in plain words', async () => {
      const message = await refused(
        () => client.request('/api/signatories/tally?letter=9999999999999999999999'),
        404,
      )
      expect(message).toContain('no published letter')
      expect(message).not.toContain('where')
    })

    it('asks which letter to export, not which to sign', async () => {
      const message = await refused(
        () =>
          client.request('/api/signatories/export?letter[]=2', {
            auth: { token: team.admin.token },
          }),
        400,
      )
      expect(message).toContain('export')
      expect(message).not.toContain('signing')
    })

    it('refuses line breaks and control characters in a signer’s name, role and organisation', async () => {
      const signature = (fields: Record<string, unknown>) => () =>
        client.request('/api/signatories/sign', {
          method: 'POST',
          body: {
            letter: letter.slug,
            name: 'Probe Signer',
            email: `probe-${Math.random().toString(36).slice(2)}@example.org`,
            display: 'full',
            consent: true,
            ...fields,
          },
        })
      for (const fields of [
        { name: 'x\n=1+1' },
        { name: '\r=1+1' },
        { role: 'nurse\u0007' },
        { organisation: 'a\tb' },
      ]) {
        await refused(signature(fields), 400)
        const response = await signature(fields)()
        const errors = (response.body as { errors: { data?: { errors?: FieldError[] } }[] })
          .errors[0].data?.errors
        expect(errors?.[0]?.field).toBe(Object.keys(fields)[0])
        expect(errors?.[0]?.message).toMatch(/one line/)
      }
    })

    it('neutralises a formula behind leading spaces in the CSV export', () => {
      const csv = csvRows([[' =1+1', '\u00a0+2', '\u200b@SUM(A1)', 'plain', '=3']])
      expect(csv.trimEnd()).toBe(`' =1+1,'\u00a0+2,'\u200b@SUM(A1),plain,'=3`)
    })

    it('takes % and _ in a ranked search as the characters they are', async () => {
      const found = await client.request<{ docs: unknown[] }>('/api/search/ranked?q=Kaleidoscopic')
      expect(found.body.docs.length, JSON.stringify(found.body)).toBeGreaterThan(0)
      for (const q of ['%25_%25_', '%25%25', '__', 'Kal%25scopic']) {
        const response = await client.request<{ docs: unknown[] }>(`/api/search/ranked?q=${q}`)
        expect(response.status, q).toBe(200)
        expect(response.body.docs, q).toEqual([])
      }
    })
  })
})
