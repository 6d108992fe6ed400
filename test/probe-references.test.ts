import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { FlattenedField } from 'payload'

import { checkSignature } from '../src/collections/Signatories/rules'
import { dataProblem, type Reference } from '../src/requestChecks/dataProblem'
import { type Auth, api, type JsonResponse } from './helpers/api'
import { testDialects } from './helpers/databases'
import { type RunningServer, startServer } from './helpers/server'
import { createTeam, type Team } from './helpers/team'

/**
 * Input a third outside probe sent to the production build: references to documents that are
 * not there, cross-site posts to the reader's preferences, addresses that run code, and names
 * written with bidirectional controls. Each must be a 4xx that says what is wrong.
 */
type ErrorBody = { errors?: { message?: string }[]; message?: string }
type Doc = { id: number | string; slug?: string }

const MISSING = 99999

const messageOf = (response: JsonResponse<unknown>): string | undefined => {
  const body = response.body as ErrorBody | string
  if (typeof body !== 'object' || body === null) return undefined
  return body.errors?.[0]?.message ?? body.message
}

describe.each(testDialects())('probed references and names on $dialect', ({ dialect, skip }) => {
  let server: RunningServer
  let client: ReturnType<typeof api>
  let team: Team
  let letter: Doc
  let trust: Doc

  beforeAll(async () => {
    if (skip) return
    server = await startServer(dialect)
    client = api(server.url)
    team = await createTeam(server.url)
    const created = await client.request<{ doc: Doc }>('/api/statements', {
      method: 'POST',
      auth: team.editor,
      body: {
        title: 'An open letter to refer to',
        kind: 'open_letter',
        signing: { open: true },
        contentWarnings: { reviewed: true },
        _status: 'published',
      },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    letter = created.body.doc
    const madeTrust = await client.request<{ doc: Doc }>('/api/trusts?draft=true', {
      method: 'POST',
      auth: team.editor,
      body: { name: 'Somewhere NHS Foundation Trust', odsCode: 'RZZ' },
    })
    expect(madeTrust.status, JSON.stringify(madeTrust.body)).toBe(201)
    trust = madeTrust.body.doc
  })
  afterAll(async () => {
    await server?.stop()
  })

  /** A 400 whose message names the field and says what it refers to is not there. */
  const refusedNaming = async (
    send: () => Promise<JsonResponse<unknown>>,
    field: RegExp,
  ): Promise<void> => {
    const response = await send()
    const summary = `${response.status} ${JSON.stringify(response.body).slice(0, 300)}`
    expect(response.status, summary).toBe(400)
    const message = messageOf(response) ?? ''
    expect(message, summary).toMatch(field)
    expect(message, summary).toMatch(/does not exist/)
  }

  const post =
    (path: string, auth: Auth, body: Record<string, unknown>, method = 'POST') =>
    () =>
      client.request(path, { method, auth, body })

  describe.skipIf(skip)('a relationship to a document that does not exist', () => {
    it('is refused with a 400 naming the field, for each role that can write one', async () => {
      await refusedNaming(
        post('/api/statements', team.contributor, {
          title: 'fk probe',
          kind: 'statement',
          relatedTrusts: [MISSING],
        }),
        /relatedTrusts\.0 refers to an? .*trust/i,
      )
      // One real, one missing: the missing one is named by its place in the list.
      await refusedNaming(
        post('/api/statements?draft=true', team.editor, {
          title: 'fk probe',
          kind: 'statement',
          relatedTrusts: [trust.id, String(MISSING)],
        }),
        /relatedTrusts\.1/,
      )
      await refusedNaming(
        post('/api/statements?draft=true', team.editor, {
          title: 'fk probe',
          kind: 'statement',
          attachments: [{ id: MISSING }],
        }),
        /attachments\.0/,
      )
      await refusedNaming(
        post('/api/updates?draft=true', team.contributor, {
          title: 'fk probe',
          heroImage: MISSING,
        }),
        /heroImage/,
      )
      await refusedNaming(
        post(
          `/api/trusts/${trust.id}?draft=true`,
          team.contributor,
          { evidence: [{ kind: 'foi_response', summary: 'A response', document: MISSING }] },
          'PATCH',
        ),
        /evidence\.0\.document/,
      )
    })

    it('is refused the same way in a GraphQL mutation', async () => {
      const response = await client.graphql(
        `mutation { createStatement(draft: true, data: { title: "fk probe", kind: statement, relatedTrusts: [${MISSING}] }) { id } }`,
        {},
        team.contributor,
      )
      const summary = JSON.stringify(response.body).slice(0, 300)
      expect(response.body.errors?.[0]?.extensions?.statusCode, summary).toBe(400)
      expect(response.body.errors?.[0]?.message, summary).toMatch(
        /relatedTrusts\.0 .*does not exist/,
      )
    })

    it('keeps a signature from being marked a duplicate of one not there, or of itself', async () => {
      const signed = await client.request('/api/signatories/sign', {
        method: 'POST',
        body: {
          letter: letter.slug,
          name: 'Sam Example',
          role: 'Nurse',
          email: 'sam@example.org',
          display: 'full',
          consent: true,
          website: '',
        },
      })
      expect(signed.status, JSON.stringify(signed.body)).toBe(202)
      const listed = await client.request<{ docs: Doc[] }>('/api/signatories?limit=1', {
        auth: team.moderator,
      })
      const signature = listed.body.docs[0]
      expect(signature, JSON.stringify(listed.body)).toBeDefined()
      const path = `/api/signatories/${signature.id}`
      await refusedNaming(
        post(path, team.moderator, { possibleDuplicateOf: MISSING }, 'PATCH'),
        /possibleDuplicateOf/,
      )
      const itself = await client.request(path, {
        method: 'PATCH',
        auth: team.moderator,
        body: { possibleDuplicateOf: signature.id },
      })
      const summary = JSON.stringify(itself.body).slice(0, 300)
      expect(itself.status, summary).toBe(400)
      expect(messageOf(itself), summary).toMatch(/possibleDuplicateOf .*itself/)
    })

    it('is refused in a global, for the one who may write it', async () => {
      await refusedNaming(
        post('/api/globals/site-settings', team.admin, { logo: MISSING }),
        /logo refers to an image or document/,
      )
      // Anyone else is refused the write itself, and learns nothing about which ids exist.
      const editor = await client.request('/api/globals/site-settings', {
        method: 'POST',
        auth: team.editor,
        body: { logo: MISSING },
      })
      expect(editor.status, JSON.stringify(editor.body)).toBe(403)
    })

    it('finds each reference however it is nested or written', () => {
      const found: Reference[] = []
      const problem = dataProblem(
        {
          heroImage: { id: '7' },
          tags: [{ relationTo: 'trusts', value: 3 }],
          rows: [{ block: { doc: 4 } }],
        },
        {
          fields: [
            { name: 'heroImage', type: 'upload', relationTo: 'media' },
            {
              name: 'tags',
              type: 'relationship',
              relationTo: ['trusts', 'statements'],
              hasMany: true,
            },
            {
              name: 'rows',
              type: 'array',
              flattenedFields: [
                {
                  name: 'block',
                  type: 'group',
                  flattenedFields: [
                    { name: 'doc', type: 'relationship', relationTo: 'statements' },
                  ],
                },
              ],
            },
          ] as unknown as FlattenedField[],
          idType: () => 'number',
          block: () => undefined,
          onReference: (reference) => found.push(reference),
        },
      )
      expect(problem).toBeUndefined()
      expect(found).toEqual([
        { at: 'heroImage', collection: 'media', id: 7 },
        { at: 'tags.0', collection: 'trusts', id: 3 },
        { at: 'rows.0.block.doc', collection: 'statements', id: 4 },
      ])
    })

    it('still takes references to documents that exist', async () => {
      const created = await client.request('/api/statements?draft=true', {
        method: 'POST',
        auth: team.contributor,
        body: { title: 'fk probe', kind: 'statement', relatedTrusts: [trust.id] },
      })
      expect(created.status, JSON.stringify(created.body)).toBe(201)
    })
  })

  describe.skipIf(skip)('the reader’s hidden topics, saved by a form post', () => {
    const save = (headers: Record<string, string>) =>
      fetch(`${server.url}/preferences/save`, {
        method: 'POST',
        headers: {
          cookie: 'hide-topics=suicide.self_harm',
          'content-type': 'application/x-www-form-urlencoded',
          ...headers,
        },
        body: '',
        redirect: 'manual',
      })

    it('are not changed by a post from another site', async () => {
      for (const headers of <Record<string, string>[]>[
        { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
        // A browser that marks the request but sends no Origin, and one that sends only Origin.
        { 'sec-fetch-site': 'cross-site' },
        { origin: 'https://evil.example' },
        { origin: 'null' },
        // Another subdomain of the same site is still another origin.
        { origin: 'https://other.example', 'sec-fetch-site': 'same-site' },
      ]) {
        const response = await save(headers)
        const summary = `${JSON.stringify(headers)}: ${response.status}`
        expect(response.status, summary).toBe(403)
        expect(response.headers.getSetCookie().join(), summary).not.toContain('hide-topics')
        expect(await response.text(), summary).toMatch(/this site/)
      }
    })

    it('are saved by the site’s own form', async () => {
      for (const headers of <Record<string, string>[]>[
        { origin: server.url, 'sec-fetch-site': 'same-origin' },
        { origin: server.url },
        // Older browsers send neither.
        {},
      ]) {
        const response = await save(headers)
        const summary = `${JSON.stringify(headers)}: ${response.status}`
        expect(response.status, summary).toBe(303)
        expect(response.headers.getSetCookie().join(), summary).toContain('hide-topics=;')
      }
    })
  })

  describe.skipIf(skip)('addresses that run code', () => {
    const linking = (url: string) => ({
      root: {
        type: 'root',
        version: 1,
        children: [
          {
            type: 'paragraph',
            version: 1,
            children: [
              {
                type: 'link',
                version: 3,
                fields: { linkType: 'custom', url, newTab: false },
                children: [{ type: 'text', version: 1, text: 'a link' }],
              },
            ],
          },
        ],
      },
    })
    const CODE = [
      'javascript:fetch(1)',
      '&#106;avascript:alert(1)',
      '&#x6A;avascript:alert(1)',
      '&#X6a;avascript:alert(1)',
      'javascript&colon;alert(1)',
      'java&Tab;script:alert(1)',
      'java&NewLine;script:alert(1)',
      'java\tscript:alert(1)',
      '&#0000106avascript:alert(1)',
    ]

    it('are refused in a draft’s evidence source, over REST and GraphQL', async () => {
      for (const sourceUrl of CODE) {
        const response = await client.request(`/api/trusts/${trust.id}?draft=true`, {
          method: 'PATCH',
          auth: team.contributor,
          body: { evidence: [{ kind: 'news', summary: 'A report', sourceUrl }] },
        })
        const summary = `${JSON.stringify(sourceUrl)}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`
        expect(response.status, summary).toBe(400)
        expect(JSON.stringify(response.body), summary).toMatch(/https:\/\//)
      }
      const response = await client.graphql(
        `mutation($url: String) { updateTrust(id: ${trust.id}, draft: true, data: { evidence: [{ kind: news, summary: "A report", sourceUrl: $url }] }) { id } }`,
        { url: 'javascript:fetch(1)' },
        team.contributor,
      )
      const summary = JSON.stringify(response.body).slice(0, 300)
      expect(response.body.errors?.[0]?.extensions?.statusCode, summary).toBe(400)
    })

    it('are refused in rich-text links spelt with character references', async () => {
      for (const url of CODE) {
        const response = await client.request('/api/statements?draft=true', {
          method: 'POST',
          auth: team.contributor,
          body: { title: 'A statement with a link', kind: 'statement', body: linking(url) },
        })
        const summary = `${JSON.stringify(url)}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`
        expect(response.status, summary).toBe(400)
        expect(messageOf(response), summary).toMatch(/https:\/\//)
      }
    })

    it('still keeps web addresses with an ampersand in them', async () => {
      const url = 'https://example.org/report?a=1&amp;b=2&colon;3'
      const response = await client.request(`/api/trusts/${trust.id}?draft=true`, {
        method: 'PATCH',
        auth: team.contributor,
        body: { evidence: [{ kind: 'news', summary: 'A report', sourceUrl: url }] },
      })
      expect(response.status, JSON.stringify(response.body)).toBe(200)
      const linked = await client.request('/api/statements?draft=true', {
        method: 'POST',
        auth: team.contributor,
        body: { title: 'A statement with a link', kind: 'statement', body: linking(url) },
      })
      expect(linked.status, JSON.stringify(linked.body)).toBe(201)
    })
  })

  describe.skipIf(skip)('names written with bidirectional controls', () => {
    const CONTROLS = [
      '\u202a',
      '\u202b',
      '\u202c',
      '\u202d',
      '\u202e',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200e',
      '\u200f',
    ]

    // The form's signing budget allows a few signatures a minute from one address: every control
    // is tried against the one validator the endpoint, the form and the admin panel share.
    it('are each refused by the signature rules', () => {
      for (const control of CONTROLS) {
        const checked = checkSignature(
          { name: `Ann${control} Smith`, email: 'ann@example.org' },
          { requireEmail: true },
        )
        expect('errors' in checked && checked.errors, control.charCodeAt(0).toString(16)).toEqual([
          { field: 'name', message: expect.stringMatching(/direction of text/) },
        ])
      }
    })

    it('are refused, naming the field, when signing', async () => {
      for (const [field, control] of [
        ['name', '\u202e'],
        ['role', '\u2066'],
        ['organisation', '\u200f'],
      ] as const) {
        const response = await client.request<
          ErrorBody & { errors?: { data?: { errors?: { field: string; message: string }[] } }[] }
        >('/api/signatories/sign', {
          method: 'POST',
          body: {
            letter: letter.slug,
            name: 'Ann Smith',
            role: 'Nurse',
            organisation: 'A trust',
            [field]: `${control}Ann Smith`,
            email: `bidi-${field}-${control.charCodeAt(0)}@example.org`,
            display: 'full',
            consent: true,
            website: '',
          },
        })
        const summary = `${field} ${control.charCodeAt(0).toString(16)}: ${response.status} ${JSON.stringify(response.body)}`
        expect(response.status, summary).toBe(400)
        const errors = response.body.errors?.[0]?.data?.errors ?? []
        expect(
          errors.map((error) => error.field),
          summary,
        ).toEqual([field])
      }
    })
  })
})
