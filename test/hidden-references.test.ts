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

    // Filtering is reading: a filter through a relationship used to match documents the
    // reader may not read, so `where[letter][equals]=<id>` on public signatures told whether
    // an unpublished letter exists, and `where[relatedTrusts][contains][name][like]=…` on
    // published statements spelt out a draft trust's name. Asked of a document the reader may
    // not read, a filter answers as it would for one that does not exist.
    describe('filters through references', () => {
      const ABSENT = 999_999
      let openLetter: Doc
      let hiddenLetter: Doc
      let listedSignatory: Doc
      let hiddenLettersSignatory: Doc
      let pendingSignatory: Doc
      let draftStatement: Doc
      let onlyDraftTrust: Doc
      let update: Doc

      const signatory = async (letter: Id, name: string, status: string): Promise<Doc> => ({
        ...(await local.payload.create({
          collection: 'signatories',
          data: {
            letter: letter as number,
            name,
            role: 'Nurse',
            email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.org`,
            display: 'full',
            status: status as 'approved',
          },
        })),
      })

      beforeAll(async () => {
        if (skip) return
        const letter = (title: string) =>
          create('statements', { title, kind: 'open_letter', _status: 'published', ...REVIEWED })
        openLetter = await letter('An open letter anyone may read')
        hiddenLetter = await letter('A letter withdrawn in secret')
        listedSignatory = await signatory(openLetter.id, 'Robin Listed', 'approved')
        pendingSignatory = await signatory(openLetter.id, 'Quinn Awaiting Review', 'pending')
        hiddenLettersSignatory = await signatory(hiddenLetter.id, 'Sam Withdrawn', 'approved')
        const unpublished = await client.request(`/api/statements/${hiddenLetter.id}`, {
          method: 'PATCH',
          auth: team.editor,
          body: { _status: 'draft' },
        })
        expect(unpublished.status, JSON.stringify(unpublished.body)).toBe(200)
        draftStatement = await create(
          'statements',
          { title: 'A statement drafted in secret' },
          true,
        )
        onlyDraftTrust = await create('statements', {
          title: 'A statement naming only a draft trust',
          relatedTrusts: [draftTrust.id],
          _status: 'published',
          ...REVIEWED,
        })
        update = await create('updates', {
          title: 'An update pointing at a draft statement',
          category: 'news',
          relatedStatements: [draftStatement.id],
          _status: 'published',
          ...REVIEWED,
        })
      })

      /** The ids a REST list gives, or its status when it is not a 200. */
      const listed = async (who: Who, path: string) => {
        const response = await client.request<{ docs?: Doc[]; totalDocs?: number }>(
          `${path}${path.includes('?') ? '&' : '?'}limit=100&depth=0`,
          { auth: auth(who) },
        )
        if (response.status !== 200) return { status: response.status }
        if (!response.body.docs) return { total: response.body.totalDocs }
        return { ids: response.body.docs.map((doc) => doc.id).sort() }
      }
      const asIfAbsent = async (who: Who, template: string, hidden: Id) => {
        const seen = await listed(who, template.replaceAll('ID', String(hidden)))
        const absent = await listed(who, template.replaceAll('ID', String(ABSENT)))
        expect.soft(seen, `${who}: ${template}`).toEqual(absent)
      }

      it.skipIf(skip)(
        'REST: by the id of a document the reader may not read, as if it did not exist',
        async () => {
          const byLetter = [
            'where[letter][equals]=ID',
            'where[letter.id][equals]=ID',
            `where[letter][in]=ID,${openLetter.id}`,
            'where[letter][not_equals]=ID',
            'where[letter][not_in]=ID',
            'where[or][0][letter][equals]=ID&where[or][1][name][equals]=nobody',
          ]
          for (const query of byLetter) {
            await asIfAbsent('anonymous', `/api/signatories?${query}`, hiddenLetter.id)
            await asIfAbsent('anonymous', `/api/signatories/count?${query}`, hiddenLetter.id)
          }
          for (const query of [
            'where[relatedTrusts][equals]=ID',
            'where[relatedTrusts][contains]=ID',
            'where[relatedTrusts][in]=ID',
            `where[relatedTrusts][all]=${publicTrust.id},ID`,
            'where[relatedTrusts][not_in]=ID',
            'where[relatedTrusts][not_equals]=ID',
          ]) {
            await asIfAbsent('anonymous', `/api/statements?${query}`, draftTrust.id)
          }
          await asIfAbsent(
            'anonymous',
            '/api/statements?where[signatories][equals]=ID',
            pendingSignatory.id,
          )
          // An editor's draft statement, asked about by the public and by a contributor.
          for (const who of ['anonymous', 'contributor'] as const) {
            await asIfAbsent(
              who,
              '/api/updates?where[relatedStatements][equals]=ID',
              draftStatement.id,
            )
            await asIfAbsent(who, '/api/updates?where[relatedStatements][in]=ID', draftStatement.id)
          }
          // Those who may read them still find by them.
          expect(
            await listed('editor', `/api/signatories?where[letter][equals]=${hiddenLetter.id}`),
          ).toEqual({ ids: [hiddenLettersSignatory.id] })
          expect(
            await listed(
              'editor',
              `/api/updates?where[relatedStatements][equals]=${draftStatement.id}`,
            ),
          ).toEqual({ ids: [update.id] })
          expect(
            await listed('anonymous', `/api/signatories?where[letter][equals]=${openLetter.id}`),
          ).toEqual({ ids: [listedSignatory.id] })
        },
      )

      it.skipIf(skip)(
        'REST: by the fields of a document the reader may not read, finds nothing',
        async () => {
          // Contributors read every trust (they add evidence to them), so trusts are hidden
          // from the public only. Paths through a relationship (letter.title) Payload already
          // limits to what the reader may read; a filter inside one (contains) it did not.
          const PUBLIC: Who[] = ['anonymous']
          const BOTH: Who[] = ['anonymous', 'contributor']
          const cases: [string, string, Who[]][] = [
            ['/api/signatories', 'where[letter.title][like]=withdrawn in secret', BOTH],
            ['/api/statements', 'where[relatedTrusts.name][like]=still in draft', PUBLIC],
            [
              '/api/statements',
              'where[relatedTrusts][contains][name][like]=still in draft',
              PUBLIC,
            ],
            ['/api/updates', 'where[relatedStatements.title][like]=drafted in secret', BOTH],
            [
              '/api/updates',
              'where[relatedStatements][contains][title][like]=drafted in secret',
              BOTH,
            ],
          ]
          // A path through a join the project's own filter check refuses, for everyone.
          const throughJoin = '/api/statements?where[signatories.name][like]=Awaiting Review'
          expect(await listed('editor', throughJoin)).toEqual({ status: 400 })
          expect(await listed('anonymous', throughJoin)).toEqual({ status: 400 })
          for (const [collection, query, hiddenFrom] of cases) {
            const found = await listed('editor', `${collection}?${query}`)
            expect(found.ids ?? [], `editor: ${query}: ${JSON.stringify(found)}`).not.toEqual([])
            for (const who of hiddenFrom) {
              const seen = await listed(who, `${collection}?${query}`)
              expect.soft([{ ids: [] }, { status: 400 }], `${who}: ${query}`).toContainEqual(seen)
            }
          }
        },
      )

      it.skipIf(skip)(
        'REST: a reference the reader may not read is not one that exists',
        async () => {
          const withLetter = await listed(
            'anonymous',
            '/api/signatories?where[letter][exists]=true',
          )
          expect(withLetter.ids).toContain(listedSignatory.id)
          expect(withLetter.ids).not.toContain(hiddenLettersSignatory.id)
          const withTrusts = await listed(
            'anonymous',
            '/api/statements?where[relatedTrusts][exists]=true',
          )
          expect(withTrusts.ids).toContain(statement.id)
          expect(withTrusts.ids).not.toContain(onlyDraftTrust.id)
          // Whose reference is hidden cannot be told apart from whose is empty by asking for the
          // empty ones either.
          for (const path of [
            '/api/signatories?where[letter][exists]=false',
            '/api/statements?where[relatedTrusts][exists]=false',
          ]) {
            const response = await client.request<{ errors?: { message: string }[] }>(path)
            expect(response.status, path).toBe(400)
            expect(response.body.errors?.[0]?.message, path).toMatch(/exists/)
          }
          // Comparing ids by order would tell them one bit at a time.
          const ordered = await client.request<{ errors?: { message: string }[] }>(
            `/api/signatories?where[letter][greater_than]=${Number(hiddenLetter.id) - 1}`,
          )
          expect(ordered.status).toBe(400)
        },
      )

      it.skipIf(skip)('GraphQL: alike', async () => {
        const ask = async (query: string, who: Who = 'anonymous') => {
          const response = await client.graphql<Record<string, { docs: Doc[] }>>(
            query,
            {},
            auth(who),
          )
          expect(response.body.errors, JSON.stringify(response.body)).toBeUndefined()
          return Object.values(response.body.data ?? {})[0]
            ?.docs.map((doc) => doc.id)
            .sort()
        }
        const queries: [(id: Id) => string, Id][] = [
          [
            (id) => `{ Signatories(where: { letter: { equals: ${id} } }) { docs { id } } }`,
            hiddenLetter.id,
          ],
          [
            (id) => `{ Signatories(where: { letter: { not_equals: ${id} } }) { docs { id } } }`,
            hiddenLetter.id,
          ],
          [
            (id) => `{ Statements(where: { relatedTrusts: { in: [${id}] } }) { docs { id } } }`,
            draftTrust.id,
          ],
          [
            (id) => `{ Updates(where: { relatedStatements: { in: [${id}] } }) { docs { id } } }`,
            draftStatement.id,
          ],
        ]
        for (const [query, hidden] of queries) {
          expect.soft(await ask(query(hidden)), query(hidden)).toEqual(await ask(query(ABSENT)))
        }
        const found = await ask(queries[0][0](hiddenLetter.id), 'editor')
        expect(found).toEqual([hiddenLettersSignatory.id])
      })
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
