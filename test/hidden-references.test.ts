import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Auth, api } from './helpers/api'
import { testDialects } from './helpers/databases'
import { connectLocalPayload, type LocalPayload } from './helpers/localPayload'
import { type RunningServer, startServer } from './helpers/server'
import { createTeam, type Team } from './helpers/team'

// A relationship left as ids (depth 0, or a document the reader may not read) listed the ids of
// drafts: anonymous `GET /api/statements?depth=0` showed a never-published trust's id, telling
// the world it exists (issue 12). A reader now sees only the ids of documents they may read,
// on REST and GraphQL, and a save never drops a reference the writer could not see.

type Id = number | string
type Doc = Record<string, unknown> & { id: Id }
type Who = 'anonymous' | 'contributor' | 'editor'

const SERVER_ENV = { LOGIN_RATE_LIMIT_PER_MINUTE: '0' }
const REVIEWED = { contentWarnings: { reviewed: true } }

describe.each(testDialects())(
  'references to what a reader may not read on $dialect',
  ({ dialect, skip }) => {
    let server: RunningServer
    let client: ReturnType<typeof api>
    let team: Team
    let local: LocalPayload
    let publicTrust: Doc
    let draftTrust: Doc
    let statement: Doc

    const auth = (who: Who): Auth | undefined => (who === 'anonymous' ? undefined : team[who])

    const create = async (collection: string, body: Record<string, unknown>, draft = false) => {
      const response = await client.request<{ doc: Doc }>(
        `/api/${collection}${draft ? '?draft=true' : ''}`,
        { method: 'POST', auth: team.editor, body },
      )
      expect(response.status, JSON.stringify(response.body)).toBe(201)
      return response.body.doc
    }

    beforeAll(async () => {
      if (skip) return
      server = await startServer(dialect, SERVER_ENV)
      client = api(server.url)
      team = await createTeam(server.url)
      local = await connectLocalPayload(server.database.url, { MEDIA_DIR: server.mediaDir })
      publicTrust = await create('trusts', {
        name: 'A published trust',
        odsCode: 'RAA',
        _status: 'published',
        ...REVIEWED,
      })
      draftTrust = await create('trusts', { name: 'A trust still in draft', odsCode: 'RBB' }, true)
      statement = await create('statements', {
        title: 'A statement naming two trusts',
        relatedTrusts: [publicTrust.id, draftTrust.id],
        _status: 'published',
        ...REVIEWED,
      })
    })
    afterAll(async () => {
      await local?.stop()
      await server?.stop()
    })

    const idsOf = (value: unknown) =>
      (Array.isArray(value) ? value : [value]).map((item) =>
        typeof item === 'object' && item !== null && 'id' in item ? item.id : item,
      )

    const restRelated = async (who: Who, path: string) => {
      const response = await client.request<Doc & { docs?: Doc[] }>(path, { auth: auth(who) })
      expect(response.status, JSON.stringify(response.body)).toBe(200)
      const doc = response.body.docs
        ? response.body.docs.find((found) => found.id === statement.id)
        : response.body
      return idsOf(doc?.relatedTrusts)
    }

    for (const depth of [0, 1]) {
      it.skipIf(skip)(`REST at depth ${depth}: the public sees only published trusts`, async () => {
        for (const path of [
          `/api/statements?depth=${depth}`,
          `/api/statements/${statement.id}?depth=${depth}`,
        ]) {
          expect(await restRelated('anonymous', path), path).toEqual([publicTrust.id])
        }
        // Those who may read the draft still see it.
        expect(await restRelated('editor', `/api/statements?depth=${depth}`)).toEqual([
          publicTrust.id,
          draftTrust.id,
        ])
      })
    }

    it.skipIf(skip)('GraphQL: the public sees only published trusts', async () => {
      const response = await client.graphql<{
        Statements: { docs: { id: Id; relatedTrusts: ({ id: Id } | null)[] | null }[] }
      }>('{ Statements { docs { id relatedTrusts { id } } } }')
      expect(response.status).toBe(200)
      const found = response.body.data?.Statements.docs.find((doc) => doc.id === statement.id)
      expect(found?.relatedTrusts, JSON.stringify(response.body)).toEqual([{ id: publicTrust.id }])
    })

    it.skipIf(skip)('a save keeps the references its writer could not see', async () => {
      const shown = await create('statements', {
        title: 'A published statement',
        _status: 'published',
        ...REVIEWED,
      })
      const unseen = await create('statements', { title: 'An editor’s draft statement' }, true)
      const own = await client.request<{ doc: Doc }>('/api/updates?draft=true', {
        method: 'POST',
        auth: team.contributor,
        body: { title: 'A contributor’s update', category: 'news' },
      })
      expect(own.status, JSON.stringify(own.body)).toBe(201)
      const id = own.body.doc.id
      const added = await client.request(`/api/updates/${id}?draft=true`, {
        method: 'PATCH',
        auth: team.editor,
        body: { relatedStatements: [shown.id, unseen.id] },
      })
      expect(added.status, JSON.stringify(added.body)).toBe(200)

      const read = await client.request<Doc>(`/api/updates/${id}?draft=true&depth=0`, {
        auth: team.contributor,
      })
      expect(read.status).toBe(200)
      expect(idsOf(read.body.relatedStatements)).toEqual([shown.id])

      // The contributor saves what they were shown, as the admin's form would.
      const saved = await client.request(`/api/updates/${id}?draft=true`, {
        method: 'PATCH',
        auth: team.contributor,
        body: { title: 'A contributor’s update, retitled', relatedStatements: [shown.id] },
      })
      expect(saved.status, JSON.stringify(saved.body)).toBe(200)
      const stored = await local.payload.findByID({
        collection: 'updates',
        id,
        draft: true,
        depth: 0,
        overrideAccess: true,
      })
      expect(stored.title).toBe('A contributor’s update, retitled')
      expect(idsOf(stored.relatedStatements).sort()).toEqual([shown.id, unseen.id].sort())
    })
  },
)
