import type { SQLiteAdapter } from '@payloadcms/db-sqlite'

import { sql } from '@payloadcms/db-sqlite'
import { createLocalReq } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import * as oddStatusMigration from '../src/migrations/sqlite/20261202_010000_status_draft_or_published'

import { type Auth, api } from './helpers/api'
import { testDialects } from './helpers/databases'
import { gqlEnum, toGraphQLLiteral } from './helpers/graphqlLiteral'
import { connectLocalPayload, type LocalPayload } from './helpers/localPayload'
import { type RunningServer, startServer } from './helpers/server'
import { createTeam, type Team } from './helpers/team'

// Regression cases for the holes an outside probe found (issue 12, items 3, 4 and 6): each
// one failed on the main branch of 2026-12-02 before it was fixed.

type Id = number | string
type Doc = {
  id: Id
  title?: string
  name?: string
  summary?: string
  _status?: string
  createdAt?: string
  updatedAt?: string
  evidence?: { summary: string }[]
  display?: string
  publicName?: string
  email?: string
}
type Docs = { docs: Doc[]; totalDocs: number }
type Transport = 'REST' | 'GraphQL'
type Who = 'anonymous' | 'artist' | 'moderator' | 'contributor' | 'editor' | 'admin'
type GraphqlBody = {
  data?: Record<string, Record<string, unknown> | null> | null
  errors?: { message: string; extensions?: { statusCode?: number } }[]
}

const REVIEWED = { contentWarnings: { reviewed: true } }
const TRANSPORTS: Transport[] = ['REST', 'GraphQL']
const SERVER_ENV = { SIGN_RATE_LIMIT_PER_MINUTE: '0', LOGIN_RATE_LIMIT_PER_MINUTE: '0' }

let unique = 0
const mark = (label: string) => `${label}${Date.now().toString(36)}${(unique++).toString(36)}`
let odsCounter = 500
const nextOdsCode = () => `S${odsCounter++}`

describe.each(testDialects())('security of access rules on $dialect', ({ dialect, skip }) => {
  let server: RunningServer
  let client: ReturnType<typeof api>
  let team: Team
  let local: LocalPayload

  beforeAll(async () => {
    if (skip) return
    server = await startServer(dialect, SERVER_ENV)
    client = api(server.url)
    team = await createTeam(server.url)
    local = await connectLocalPayload(server.database.url, { MEDIA_DIR: server.mediaDir })
  })
  afterAll(async () => {
    await local?.stop()
    await server?.stop()
  })

  const auth = (who: Who): Auth | undefined => (who === 'anonymous' ? undefined : team[who])

  /** A GraphQL call that must never crash: any error is a 4xx-class refusal with a message. */
  const gql = async (who: Who, query: string, variables: Record<string, unknown> = {}) => {
    const response = await client.graphql(query, variables, auth(who))
    const body = response.body as GraphqlBody
    expect(response.status, JSON.stringify(body)).toBeLessThan(500)
    for (const error of body.errors ?? []) {
      expect(error.message).toBeTruthy()
      expect(error.extensions?.statusCode ?? 400, error.message).toBeLessThan(500)
    }
    return body
  }

  const rest = async <T = Record<string, unknown>>(
    who: Who,
    path: string,
    method = 'GET',
    body?: unknown,
  ) => {
    const response = await client.request<T>(path, { method, auth: auth(who), body })
    expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBeLessThan(500)
    return response
  }

  const createStatement = async (who: Who, data: Record<string, unknown>, publish: boolean) => {
    const response = await rest<{ doc: Doc }>(
      who,
      `/api/statements${publish ? '' : '?draft=true'}`,
      'POST',
      publish ? { ...REVIEWED, _status: 'published', ...data } : data,
    )
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    return response.body.doc
  }

  const createTrust = async (name: string) => {
    const response = await rest<{ doc: Doc }>('editor', '/api/trusts', 'POST', {
      name,
      odsCode: nextOdsCode(),
      ...REVIEWED,
      _status: 'published',
    })
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    return response.body.doc
  }

  /** What the public sees of one document: its published version, or null. */
  const publicCopy = async (collection: string, id: Id) => {
    const response = await client.request<Doc>(`/api/${collection}/${id}?depth=0`)
    return response.status === 200 ? response.body : null
  }

  const searchTitles = async (query: string) => {
    const listed = await client.request<Docs>(
      `/api/search?limit=50&where[title][like]=${encodeURIComponent(query)}`,
    )
    const ranked = await client.request<Docs>(`/api/search/ranked?q=${encodeURIComponent(query)}`)
    expect(listed.status).toBe(200)
    expect(ranked.status).toBe(200)
    return {
      listed: listed.body.docs.map((doc) => doc.title),
      ranked: ranked.body.docs.map((doc) => doc.title),
    }
  }

  /** A contributor's statement, published by an editor. */
  const contributorsPublishedStatement = async (title: string) => {
    const draft = await createStatement('contributor', { title }, false)
    const published = await rest('editor', `/api/statements/${draft.id}`, 'PATCH', {
      ...REVIEWED,
      _status: 'published',
    })
    expect(published.status).toBe(200)
    return draft
  }

  const updateStatement = (
    transport: Transport,
    who: Who,
    id: Id,
    data: Record<string, unknown>,
    graphqlData: Record<string, unknown> = data,
  ) =>
    transport === 'REST'
      ? rest(who, `/api/statements/${id}`, 'PATCH', data)
      : gql(
          who,
          `mutation { updateStatement(id: ${JSON.stringify(id)}, data: ${toGraphQLLiteral(graphqlData)}) { id } }`,
        )

  describe('contributors never change what is live (item 3)', () => {
    for (const transport of TRANSPORTS) {
      it.skipIf(skip)(
        `a contributor’s save of their statement, once published, stays a draft (${transport})`,
        async () => {
          const title = mark('Published contributor statement ')
          const statement = await contributorsPublishedStatement(title)
          await updateStatement(transport, 'contributor', statement.id, {
            title: `${title} rewritten`,
            summary: 'Changed without an editor.',
          })
          const live = await publicCopy('statements', statement.id)
          expect(live?.title).toBe(title)
          expect(live?.summary ?? null).toBeNull()
          // The change is kept, as a draft for an editor to publish.
          const draft = await rest<Doc>('editor', `/api/statements/${statement.id}?draft=true`)
          expect(draft.body.title).toBe(`${title} rewritten`)
          expect(draft.body._status).toBe('draft')
        },
      )

      it.skipIf(skip)(`a contributor cannot unpublish a trust (${transport})`, async () => {
        const name = mark('Trust kept published ')
        const trust = await createTrust(name)
        if (transport === 'REST') {
          await rest('contributor', `/api/trusts/${trust.id}`, 'PATCH', { _status: 'draft' })
        } else {
          await gql(
            'contributor',
            `mutation { updateTrust(id: ${JSON.stringify(trust.id)}, data: { _status: draft }) { id } }`,
          )
        }
        expect((await publicCopy('trusts', trust.id))?.name).toBe(name)
        expect((await searchTitles(name)).listed).toEqual([name])
      })

      it.skipIf(skip)(
        `evidence a contributor adds stays a draft until an editor publishes it (${transport})`,
        async () => {
          const trust = await createTrust(mark('Trust with new evidence '))
          const summary = mark('Unchecked evidence ')
          if (transport === 'REST') {
            await rest('contributor', `/api/trusts/${trust.id}`, 'PATCH', {
              evidence: [{ kind: 'report', summary }],
            })
          } else {
            await gql(
              'contributor',
              `mutation { updateTrust(id: ${JSON.stringify(trust.id)}, data: ${toGraphQLLiteral({ evidence: [{ kind: gqlEnum('report'), summary }] })}) { id } }`,
            )
          }
          expect((await publicCopy('trusts', trust.id))?.evidence ?? []).toEqual([])
          const draft = await rest<Doc>('editor', `/api/trusts/${trust.id}?draft=true`)
          expect(draft.body.evidence?.map((item) => item.summary)).toEqual([summary])
        },
      )

      it.skipIf(skip)(
        `a contributor who asks to publish is refused, whatever the transport (${transport})`,
        async () => {
          const title = mark('Contributor asks to publish ')
          const draft = await createStatement('contributor', { title }, false)
          if (transport === 'REST') {
            const response = await rest('contributor', `/api/statements/${draft.id}`, 'PATCH', {
              ...REVIEWED,
              _status: 'published',
            })
            expect(response.status).toBe(403)
            const created = await rest('contributor', '/api/statements', 'POST', {
              ...REVIEWED,
              title,
              _status: 'published',
            })
            expect(created.status).toBe(403)
          } else {
            const body = await gql(
              'contributor',
              `mutation { updateStatement(id: ${JSON.stringify(draft.id)}, data: ${toGraphQLLiteral({ ...REVIEWED, _status: gqlEnum('published') })}) { id } }`,
            )
            expect(body.errors?.length).toBeGreaterThan(0)
            const created = await gql(
              'contributor',
              `mutation { createStatement(data: ${toGraphQLLiteral({ ...REVIEWED, title, kind: gqlEnum('statement'), _status: gqlEnum('published') })}) { id } }`,
            )
            expect(created.errors?.length).toBeGreaterThan(0)
          }
          expect(await publicCopy('statements', draft.id)).toBeNull()
          const listed = await client.request<Docs>(
            `/api/statements?where[title][equals]=${encodeURIComponent(title)}`,
          )
          expect(listed.body.totalDocs).toBe(0)
        },
      )
    }

    it.skipIf(skip)('`_status` is draft or published, and nothing else (REST)', async () => {
      const title = mark('Odd status ')
      const draft = await createStatement('contributor', { title, summary: title }, false)
      for (const [who, value] of [
        ['contributor', 'anything'],
        ['contributor', ['published']],
        ['editor', 'anything'],
        ['editor', ['published']],
        ['editor', { equals: 'published' }],
        ['editor', 7],
      ] as const) {
        for (const query of ['', '?draft=true']) {
          const response = await rest<{ errors?: { message: string }[] }>(
            who,
            `/api/statements/${draft.id}${query}`,
            'PATCH',
            { _status: value },
          )
          expect(response.status, `${who} ${JSON.stringify(value)}`).toBe(400)
          expect(response.body.errors?.[0]?.message).toMatch(/draft.*published/i)
        }
      }
      const created = await rest('editor', '/api/statements', 'POST', {
        title: `${title} created`,
        _status: 'anything',
      })
      expect(created.status).toBe(400)
      expect(await publicCopy('statements', draft.id)).toBeNull()
      expect(await searchTitles(title)).toEqual({ listed: [], ranked: [] })
    })

    it.skipIf(skip)('`_status` is draft or published, and nothing else (GraphQL)', async () => {
      const title = mark('Odd status over GraphQL ')
      const draft = await createStatement('contributor', { title, summary: title }, false)
      const body = await gql(
        'contributor',
        `mutation { updateStatement(id: ${JSON.stringify(draft.id)}, data: { _status: anything }) { id } }`,
      )
      expect(body.errors?.length).toBeGreaterThan(0)
      const read = await gql(
        'contributor',
        `{ Statement(id: ${JSON.stringify(draft.id)}, draft: true) { _status title } }`,
      )
      expect(read.data?.Statement).toEqual({ _status: 'draft', title })
      expect(await searchTitles(title)).toEqual({ listed: [], ranked: [] })
    })
    it.skipIf(skip)(
      'a document stored with another `_status` before the fix is a draft again once migrated',
      async () => {
        const title = mark('Stored odd status ')
        const statement = await createStatement('editor', { title }, true)
        if (dialect === 'sqlite') {
          const db = (local.payload.db as unknown as SQLiteAdapter).drizzle
          await db.run(sql`UPDATE statements SET _status = 'anything' WHERE id = ${statement.id}`)
          await oddStatusMigration.up({
            db,
            payload: local.payload,
            req: await createLocalReq({}, local.payload),
          })
        } else {
          // PostgreSQL keeps `_status` in an enum: it never held such a value.
          const client = new pg.Client({ connectionString: server.database.url })
          client.on('error', () => {})
          await client.connect()
          try {
            await expect(
              client.query("UPDATE statements SET _status = 'anything' WHERE id = $1", [
                statement.id,
              ]),
            ).rejects.toThrow(/enum/)
          } finally {
            await client.end()
          }
          return
        }
        const read = await gql(
          'editor',
          `{ Statement(id: ${JSON.stringify(statement.id)}) { _status title } }`,
        )
        expect(read.errors ?? []).toEqual([])
        expect(read.data?.Statement).toEqual({ _status: 'draft', title })
        expect(await publicCopy('statements', statement.id)).toBeNull()
        expect(await searchTitles(title)).toEqual({ listed: [], ranked: [] })
      },
    )
  })

  describe('Payload’s own collections and globals (item 4)', () => {
    const lockOn = (id: Id, userId: Id) => ({
      document: { relationTo: 'statements', value: id },
      user: { relationTo: 'users', value: userId },
    })

    const locksOn = async (id: Id) =>
      (
        await local.payload.find({
          collection: 'payload-locked-documents',
          where: { 'document.value': { equals: id } },
          depth: 0,
        })
      ).totalDocs

    /** Tries to lock a statement in the admin's name; true when it was refused. */
    const lockRefused = async (transport: Transport, who: Who, id: Id) => {
      if (transport === 'REST') {
        const response = await rest(
          who,
          '/api/payload-locked-documents',
          'POST',
          lockOn(id, team.admin.userId),
        )
        return response.status === 403
      }
      const data = toGraphQLLiteral({
        document: { relationTo: gqlEnum('statements'), value: id },
        user: { relationTo: gqlEnum('users'), value: team.admin.userId },
      })
      const body = await gql(who, `mutation { createPayloadLockedDocument(data: ${data}) { id } }`)
      return Boolean(body.errors?.length) && !body.data?.createPayloadLockedDocument
    }

    for (const transport of TRANSPORTS) {
      it.skipIf(skip)(
        `nobody can lock a document in someone else’s name (${transport})`,
        async () => {
          const statement = await createStatement('admin', { title: mark('Locked out ') }, true)
          for (const who of ['artist', 'contributor', 'moderator', 'editor'] as const) {
            expect(await lockRefused(transport, who, statement.id), who).toBe(true)
          }
          expect(await locksOn(statement.id)).toBe(0)
          const saved = await rest('admin', `/api/statements/${statement.id}`, 'PATCH', {
            summary: 'Saved by the admin.',
          })
          expect(saved.status).toBe(200)
        },
      )

      it.skipIf(skip)(
        `nobody can take over or clear another’s lock on what they may not edit (${transport})`,
        async () => {
          const statement = await createStatement('admin', { title: mark('Being edited ') }, true)
          // As the admin panel does when the editor opens the document.
          const lock = await local.payload.db.create({
            collection: 'payload-locked-documents',
            data: lockOn(statement.id, team.editor.userId),
          })
          for (const who of ['artist', 'moderator'] as const) {
            if (transport === 'REST') {
              const taken = await rest(who, `/api/payload-locked-documents/${lock.id}`, 'PATCH', {
                user: { relationTo: 'users', value: team[who].userId },
              })
              expect(taken.status, who).toBeGreaterThanOrEqual(400)
              const cleared = await rest(who, `/api/payload-locked-documents/${lock.id}`, 'DELETE')
              expect(cleared.status, who).toBeGreaterThanOrEqual(400)
            } else {
              const data = toGraphQLLiteral({
                user: { relationTo: gqlEnum('users'), value: team[who].userId },
              })
              const taken = await gql(
                who,
                `mutation { updatePayloadLockedDocument(id: ${JSON.stringify(lock.id)}, data: ${data}) { id } }`,
              )
              expect(taken.errors?.length, who).toBeGreaterThan(0)
              const cleared = await gql(
                who,
                `mutation { deletePayloadLockedDocument(id: ${JSON.stringify(lock.id)}) { id } }`,
              )
              expect(cleared.errors?.length, who).toBeGreaterThan(0)
            }
          }
          const holder = async () => {
            const { user } = await local.payload.findByID({
              collection: 'payload-locked-documents',
              id: lock.id,
              depth: 0,
            })
            return typeof user.value === 'object' ? user.value.id : user.value
          }
          expect(await holder()).toBe(team.editor.userId)
          // Only someone who may save the document takes the lock over, and only for themselves.
          const takenOver = await rest(
            'contributor',
            `/api/payload-locked-documents/${lock.id}`,
            'PATCH',
            { user: { relationTo: 'users', value: team.artist.userId } },
          )
          expect(takenOver.status).toBeGreaterThanOrEqual(400)
          const byAdmin = await rest('admin', `/api/payload-locked-documents/${lock.id}`, 'PATCH', {
            user: { relationTo: 'users', value: team.artist.userId },
          })
          expect(byAdmin.status).toBe(200)
          expect(await holder()).toBe(team.admin.userId)
          // The editor, who may save it too, clears it, as the admin panel does when they leave.
          const released = await rest(
            'editor',
            `/api/payload-locked-documents/${lock.id}`,
            'DELETE',
          )
          expect(released.status).toBe(200)
        },
      )

      it.skipIf(skip)(
        `in archive mode too, a lock in the admin’s name cannot stop the admin saving (${transport})`,
        async () => {
          const statement = await createStatement('admin', { title: mark('Archived ') }, true)
          const archive = (on: boolean) =>
            rest('admin', '/api/globals/site-settings', 'POST', { archiveMode: on })
          expect((await archive(true)).status).toBe(200)
          try {
            expect(await lockRefused(transport, 'artist', statement.id)).toBe(true)
            const saved = await rest('admin', `/api/statements/${statement.id}`, 'PATCH', {
              summary: 'Saved by the admin in archive mode.',
            })
            expect(saved.status).toBe(200)
          } finally {
            expect((await archive(false)).status).toBe(200)
          }
        },
      )

      it.skipIf(skip)(
        `only admins reach the job queue, its runner and its statistics (${transport})`,
        async () => {
          for (const who of [
            'anonymous',
            'artist',
            'contributor',
            'moderator',
            'editor',
          ] as const) {
            if (transport === 'REST') {
              for (const path of ['/api/payload-jobs/run', '/api/payload-jobs/handle-schedules']) {
                const response = await rest(who, path, 'GET')
                expect(response.status, `${who} ${path}`).toBeGreaterThanOrEqual(400)
              }
              const stats = await rest(who, '/api/globals/payload-jobs-stats', 'POST', {
                stats: { written: who },
              })
              expect(stats.status, who).toBeGreaterThanOrEqual(400)
              const statsRead = await rest(who, '/api/globals/payload-jobs-stats')
              expect(statsRead.status, who).toBeGreaterThanOrEqual(400)
              const jobs = await rest(who, '/api/payload-jobs', 'POST', {
                taskSlug: 'expireUnconfirmedSignatures',
                input: {},
              })
              expect(jobs.status, who).toBeGreaterThanOrEqual(400)
            } else {
              const body = await gql(
                who,
                `mutation { updatePayloadJobsStat(data: { stats: { written: ${JSON.stringify(who)} } }) { stats } }`,
              )
              expect(body.errors?.length, who).toBeGreaterThan(0)
              const read = await gql(who, '{ PayloadJobsStat { stats } }')
              expect(read.errors?.length, who).toBeGreaterThan(0)
            }
          }
          const stats = await local.payload.findGlobal({ slug: 'payload-jobs-stats', depth: 0 })
          expect(JSON.stringify(stats.stats ?? {})).not.toMatch(/written/)
        },
      )
    }

    it.skipIf(skip)('each account keeps its own admin preferences, and only its own', async () => {
      const key = mark('prefs-')
      const saved = await rest('artist', `/api/payload-preferences/${key}`, 'POST', {
        value: { columns: ['title'] },
      })
      expect(saved.status).toBe(200)
      const own = await rest<{ value?: unknown }>('artist', `/api/payload-preferences/${key}`)
      expect(own.body.value).toEqual({ columns: ['title'] })
      const others = await rest<Docs>('moderator', `/api/payload-preferences?limit=100`)
      expect(JSON.stringify(others.body)).not.toContain(key)
    })
  })

  describe('smaller leaks (item 6)', () => {
    for (const transport of TRANSPORTS) {
      it.skipIf(skip)(
        `asking for drafts does not tell the public which documents have one (${transport})`,
        async () => {
          const title = mark('Pending draft ')
          const withDraft = await createStatement('editor', { title }, true)
          const without = await createStatement('editor', { title: `${title} none` }, true)
          const saved = await rest(
            'editor',
            `/api/statements/${withDraft.id}?draft=true`,
            'PATCH',
            {
              summary: 'Not yet published.',
            },
          )
          expect(saved.status).toBe(200)
          for (const who of ['anonymous', 'artist', 'moderator'] as const) {
            for (const doc of [withDraft, without]) {
              if (transport === 'REST') {
                const list = await rest<Docs>(
                  who,
                  `/api/statements?draft=true&depth=0&where[id][equals]=${doc.id}`,
                )
                expect(list.body.totalDocs, `${who} list`).toBe(1)
                expect(list.body.docs[0]?.summary ?? null).toBeNull()
                const one = await rest<Doc>(who, `/api/statements/${doc.id}?draft=true&depth=0`)
                expect(one.status, `${who} one`).toBe(200)
                expect(one.body.summary ?? null).toBeNull()
              } else {
                const body = await gql(
                  who,
                  `{ Statements(draft: true, where: { id: { equals: ${JSON.stringify(doc.id)} } }) { totalDocs docs { summary } } Statement(id: ${JSON.stringify(doc.id)}, draft: true) { id summary } }`,
                )
                const list = body.data?.Statements as { totalDocs: number } | undefined
                expect(list?.totalDocs, `${who} list`).toBe(1)
                expect(body.data?.Statement?.id, `${who} one`).toBe(doc.id)
                expect(body.data?.Statement?.summary ?? null).toBeNull()
              }
            }
          }
        },
      )

      it.skipIf(skip)(
        `moderators cannot change what a signer chose to show (${transport})`,
        async () => {
          const letter = await createStatement(
            'editor',
            { title: mark('Letter '), kind: 'open_letter' },
            true,
          )
          const created = await rest<{ doc: Doc }>('editor', '/api/signatories', 'POST', {
            letter: letter.id,
            name: 'Robin Quiet',
            role: 'Nurse',
            organisation: 'A ward',
            email: `${mark('robin')}@example.com`,
            display: 'anonymous',
          })
          expect(created.status, JSON.stringify(created.body)).toBe(201)
          const id = created.body.doc.id
          const change = {
            display: 'full',
            name: 'Robin Loud',
            role: 'Doctor',
            organisation: 'Another ward',
            onBehalfOfOrganisation: true,
            email: 'changed@example.com',
          }
          if (transport === 'REST') {
            await rest('moderator', `/api/signatories/${id}`, 'PATCH', change)
          } else {
            await gql(
              'moderator',
              `mutation { updateSignatory(id: ${JSON.stringify(id)}, data: ${toGraphQLLiteral({ ...change, display: gqlEnum('full') })}) { id } }`,
            )
          }
          const stored = await local.payload.findByID({
            collection: 'signatories',
            id,
            depth: 0,
          })
          expect({
            display: stored.display,
            name: stored.name,
            role: stored.role,
            organisation: stored.organisation,
            onBehalfOfOrganisation: stored.onBehalfOfOrganisation,
            email: stored.email,
            publicName: stored.publicName,
          }).toEqual({
            display: 'anonymous',
            name: 'Robin Quiet',
            role: 'Nurse',
            organisation: 'A ward',
            onBehalfOfOrganisation: false,
            email: created.body.doc.email ?? stored.email,
            publicName: 'Anonymous',
          })
          expect(stored.email).not.toBe('changed@example.com')
          // Reviewing is still theirs to do.
          const approved = await rest('moderator', `/api/signatories/${id}`, 'PATCH', {
            status: 'approved',
          })
          expect(approved.status).toBe(200)
        },
      )

      it.skipIf(skip)(
        `a save that asks for only some fields back leaves the search entry whole (${transport})`,
        async () => {
          const title = mark('Selected save ')
          const statement = await createStatement('editor', { title, summary: 'First.' }, true)
          if (transport === 'REST') {
            const saved = await rest(
              'editor',
              `/api/statements/${statement.id}?select[summary]=true`,
              'PATCH',
              { summary: 'Second.' },
            )
            expect(saved.status).toBe(200)
            // A draft saved with a narrow select must not reach the index either.
            const draft = await rest(
              'editor',
              `/api/statements/${statement.id}?draft=true&select[title]=true`,
              'PATCH',
              { title: `${title} unpublished wording` },
            )
            expect(draft.status).toBe(200)
          } else {
            await gql(
              'editor',
              `mutation { updateStatement(id: ${JSON.stringify(statement.id)}, data: { summary: "Second." }) { summary } }`,
            )
            await gql(
              'editor',
              `mutation { updateStatement(id: ${JSON.stringify(statement.id)}, data: { title: ${JSON.stringify(`${title} unpublished wording`)} }, draft: true) { title } }`,
            )
          }
          const entries = await client.request<Docs & { docs: { summary?: string }[] }>(
            `/api/search?where[doc.value][equals]=${statement.id}&where[doc.relationTo][equals]=statements`,
          )
          expect(entries.body.docs.map((doc) => [doc.title, doc.summary])).toEqual([
            [title, 'Second.'],
          ])
        },
      )

      it.skipIf(skip)(`clients cannot set when a document was created (${transport})`, async () => {
        const past = '2001-02-03T04:05:06.000Z'
        const before = Date.now() - 60_000
        let id: Id
        if (transport === 'REST') {
          const created = await rest<{ doc: Doc }>('editor', '/api/statements', 'POST', {
            title: mark('Backdated '),
            createdAt: past,
            updatedAt: past,
          })
          expect(created.status).toBe(201)
          id = created.body.doc.id
          await rest('editor', `/api/statements/${id}`, 'PATCH', {
            createdAt: past,
            updatedAt: past,
          })
        } else {
          const body = await gql(
            'editor',
            `mutation { createStatement(data: { title: ${JSON.stringify(mark('Backdated '))}, kind: statement, createdAt: "${past}", updatedAt: "${past}" }) { id } }`,
          )
          id = body.data?.createStatement?.id as Id
          expect(id, JSON.stringify(body)).toBeDefined()
          await gql(
            'editor',
            `mutation { updateStatement(id: ${JSON.stringify(id)}, data: { createdAt: "${past}", updatedAt: "${past}" }) { id } }`,
          )
        }
        const stored = await local.payload.findByID({ collection: 'statements', id, depth: 0 })
        expect(new Date(stored.createdAt).getTime()).toBeGreaterThan(before)
        expect(new Date(stored.updatedAt).getTime()).toBeGreaterThan(before)
      })
    }
  })
})
