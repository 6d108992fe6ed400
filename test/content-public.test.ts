import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Auth, api } from './helpers/api'
import { testDialects } from './helpers/databases'
import { connectLocalPayload, type LocalPayload } from './helpers/localPayload'
import { type RunningServer, startServer } from './helpers/server'
import { createTeam, type Team } from './helpers/team'

// Written into every draft; no anonymous response may ever contain it.
const SECRET = 'DRAFTMARK'
const REVIEWED = { contentWarnings: { reviewed: true } }

type Doc = { id: number | string; _status?: string; title?: string; slug?: string }
type ErrorBody = {
  errors?: { message: string; data?: { errors?: { path: string; message: string }[] } }[]
}

describe.each(testDialects())(
  'public reads and the editorial workflow on $dialect',
  ({ dialect, skip }) => {
    let server: RunningServer
    let local: LocalPayload
    let client: ReturnType<typeof api>
    let team: Team
    let editor: Auth

    const create = async (collection: string, data: Record<string, unknown>, draft = false) => {
      const response = await client.request<{ doc: Doc } & ErrorBody>(
        `/api/${collection}${draft ? '?draft=true' : ''}`,
        {
          method: 'POST',
          auth: editor,
          body: draft ? data : { ...REVIEWED, _status: 'published', ...data },
        },
      )
      if (response.status !== 201)
        throw new Error(`create ${collection}: ${JSON.stringify(response.body)}`)
      return response.body.doc
    }

    beforeAll(async () => {
      if (skip) return
      // The job runner looks for due work every two seconds here; in production every fifteen.
      server = await startServer(dialect, { JOBS_CRON: '*/2 * * * * *' })
      client = api(server.url)
      team = await createTeam(server.url)
      editor = { token: team.editor.token }
      local = await connectLocalPayload(server.database.url)
    })
    afterAll(async () => {
      await local?.stop()
      await server?.stop()
    })

    it.skipIf(skip)('never shows a draft to anonymous readers, by any route', async () => {
      const publishedTrust = await create('trusts', {
        name: 'Northfield Mental Health Trust',
        odsCode: 'RN1',
      })
      const draftTrust = await create('trusts', { name: `${SECRET} trust`, odsCode: 'RN2' }, true)
      const draftStatement = await create(
        'statements',
        {
          title: `${SECRET} statement`,
          summary: `${SECRET} summary`,
          relatedTrusts: [publishedTrust.id],
        },
        true,
      )
      const publishedStatement = await create('statements', {
        title: 'Our position on police in crisis care',
        relatedTrusts: [publishedTrust.id, draftTrust.id],
      })
      const publishedUpdate = await create('updates', {
        title: 'Letter delivered to the board',
        relatedStatements: [draftStatement.id, publishedStatement.id],
        relatedTrusts: [draftTrust.id],
      })
      // Published first, then edited as a draft: readers keep the published text.
      const revised = await create('statements', { title: 'First published wording' })
      const draftEdit = await client.request(`/api/statements/${revised.id}?draft=true`, {
        method: 'PATCH',
        auth: editor,
        body: { title: `${SECRET} newer wording` },
      })
      expect(draftEdit.status).toBe(200)

      const restRoutes = [
        '/api/statements',
        '/api/statements?draft=true',
        '/api/statements?depth=2&limit=100',
        `/api/statements/${publishedStatement.id}?depth=2`,
        `/api/statements/${revised.id}`,
        `/api/statements/${revised.id}?draft=true`,
        `/api/statements?where[slug][equals]=${draftStatement.slug}`,
        `/api/statements?where[title][like]=${SECRET}`,
        `/api/statements/${draftStatement.id}`,
        `/api/statements/${draftStatement.id}?draft=true`,
        '/api/statements/versions',
        `/api/statements/versions?where[parent][equals]=${revised.id}`,
        '/api/updates?depth=2',
        `/api/updates/${publishedUpdate.id}?depth=1`,
        '/api/trusts?depth=1',
        `/api/trusts/${publishedTrust.id}?depth=1`,
        `/api/trusts/${publishedTrust.id}?joins[statements][limit]=100`,
        `/api/trusts/${draftTrust.id}?draft=true`,
        '/api/pages',
        '/api/search?limit=100',
        `/api/search/ranked?q=${SECRET}`,
      ]
      for (const route of restRoutes) {
        const response = await client.request(route)
        expect(response.status, route).toBeLessThan(500)
        expect(JSON.stringify(response.body), route).not.toContain(SECRET)
      }
      expect((await client.request(`/api/statements/${draftStatement.id}`)).status).toBe(404)
      expect((await client.request('/api/statements/versions')).status).toBe(403)
      const revisedAsReader = await client.request<Doc>(`/api/statements/${revised.id}?draft=true`)
      expect(revisedAsReader.body.title).toBe('First published wording')

      const id = JSON.stringify
      const graphqlQueries = [
        '{ Statements(limit: 100) { docs { title summary _status } } }',
        '{ Statements(draft: true, limit: 100) { docs { title summary _status } } }',
        `{ Statement(id: ${id(draftStatement.id)}, draft: true) { title } }`,
        `{ Statement(id: ${id(revised.id)}, draft: true) { title } }`,
        `{ Statement(id: ${id(publishedStatement.id)}) { relatedTrusts { name } } }`,
        `{ Update(id: ${id(publishedUpdate.id)}) { relatedStatements { title summary } relatedTrusts { name } } }`,
        `{ Trust(id: ${id(publishedTrust.id)}) { statements { docs { title } } } }`,
        '{ versionsStatements { docs { version { title } } } }',
        '{ Trusts(draft: true) { docs { name } } }',
      ]
      for (const query of graphqlQueries) {
        const response = await client.graphql(query)
        expect(response.status, query).toBeLessThan(500)
        expect(JSON.stringify(response.body), query).not.toContain(SECRET)
      }

      // The same routes do show drafts to an editor: the check above can fail.
      const asEditor = await client.request<Doc>(`/api/statements/${revised.id}?draft=true`, {
        auth: editor,
      })
      expect(asEditor.body.title).toBe(`${SECRET} newer wording`)
      const joinAsEditor = await client.request(`/api/trusts/${publishedTrust.id}`, {
        auth: editor,
      })
      expect(JSON.stringify(joinAsEditor.body)).toContain(SECRET)
    })

    it.skipIf(skip)(
      'refuses to publish unreviewed warnings with a 400 naming the field',
      async () => {
        const draft = await create(
          'statements',
          { title: 'Unreviewed', contentWarnings: { categories: ['police'] } },
          true,
        )
        const rest = await client.request<ErrorBody>(`/api/statements/${draft.id}`, {
          method: 'PATCH',
          auth: editor,
          body: { _status: 'published' },
        })
        expect(rest.status).toBe(400)
        expect(rest.body.errors?.[0]?.data?.errors?.[0]?.path).toBe('contentWarnings.reviewed')
        expect(rest.body.errors?.[0]?.message).toContain('I have checked these warnings')

        const graphql = await client.graphql(
          `mutation { updateStatement(id: ${JSON.stringify(draft.id)}, data: { _status: published }) { _status } }`,
          {},
          editor,
        )
        expect(graphql.body.errors?.[0]?.extensions?.statusCode).toBe(400)
        expect(graphql.body.errors?.[0]?.message).toContain('I have checked these warnings')
        expect((await client.request(`/api/statements/${draft.id}`)).status).toBe(404)

        const reviewed = await client.request<{ doc: Doc }>(`/api/statements/${draft.id}`, {
          method: 'PATCH',
          auth: editor,
          body: { _status: 'published', ...REVIEWED },
        })
        expect(reviewed.body.doc._status).toBe('published')
      },
    )

    it.skipIf(skip)('publishes a scheduled item with only the server running', async () => {
      const draft = await create('statements', { title: 'Scheduled statement', ...REVIEWED }, true)
      const queuedAt = Date.now()
      await local.payload.jobs.queue({
        task: 'schedulePublish',
        input: {
          type: 'publish',
          doc: { relationTo: 'statements', value: draft.id as number },
          user: { relationTo: 'users', value: team.editor.userId as number },
        },
        waitUntil: new Date(queuedAt + 1_000),
      })
      const published = await waitFor(async () => {
        const response = await client.request<Doc>(`/api/statements/${draft.id}`)
        return response.status === 200 && response.body._status === 'published'
      }, 60_000)
      expect(published, 'published within a minute').toBe(true)
      console.log(
        `[${dialect}] scheduled statement went live ${Date.now() - queuedAt} ms after queueing`,
      )
    })

    it.skipIf(skip)('never publishes a contributor’s scheduled job', async () => {
      const contributor = { token: team.contributor.token }
      const own = await client.request<{ doc: Doc }>('/api/statements?draft=true', {
        method: 'POST',
        auth: contributor,
        body: { title: 'A contributor’s draft', ...REVIEWED },
      })
      expect(own.status).toBe(201)
      const job = await local.payload.jobs.queue({
        task: 'schedulePublish',
        input: {
          type: 'publish',
          doc: { relationTo: 'statements', value: own.body.doc.id as number },
          user: { relationTo: 'users', value: team.contributor.userId as number },
        },
        waitUntil: new Date(),
      })
      const ran = await waitFor(async () => {
        const found = await local.payload.find({
          collection: 'payload-jobs',
          where: { id: { equals: job.id } },
          depth: 0,
        })
        const current = found.docs[0]
        return Boolean(
          !current || current.hasError || current.completedAt || (current.totalTried ?? 0) > 0,
        )
      }, 60_000)
      expect(ran).toBe(true)
      expect((await client.request(`/api/statements/${own.body.doc.id}`)).status).toBe(404)
      const stored = await client.request<Doc>(`/api/statements/${own.body.doc.id}?draft=true`, {
        auth: editor,
      })
      expect(stored.body._status).toBe('draft')
    })

    it.skipIf(skip)(
      'tells the admin panel a contributor may not publish (no Publish button)',
      async () => {
        const contributor = { token: team.contributor.token }
        const own = await client.request<{ doc: Doc }>('/api/statements?draft=true', {
          method: 'POST',
          auth: contributor,
          body: { title: 'Checking the publish button' },
        })
        // The admin decides whether to show Publish by asking this question of the access rules.
        const canPublish = async (auth: Auth) => {
          const response = await client.request<{ update?: boolean | { permission?: boolean } }>(
            `/api/statements/access/${own.body.doc.id}`,
            { method: 'POST', auth, body: { _status: 'published' } },
          )
          expect(response.status).toBe(200)
          // Payload leaves refused operations out of the answer.
          const { update } = response.body
          return update === true || (typeof update === 'object' && update.permission === true)
        }
        expect(await canPublish(contributor)).toBe(false)
        expect(await canPublish(editor)).toBe(true)
      },
    )

    it.skipIf(skip)('filters out content by warning topic, over REST and GraphQL', async () => {
      const topics: Record<string, string[]> = {
        'CWF none': [],
        'CWF police': ['police'],
        'CWF police and death': ['police', 'death'],
        'CWF death': ['death'],
        'CWF restraint and self-harm': ['restraint', 'self_harm'],
      }
      for (const [title, categories] of Object.entries(topics)) {
        await create('statements', { title, contentWarnings: { categories, reviewed: true } })
      }
      // A draft without police must stay hidden from readers even when it matches the filter.
      await create(
        'statements',
        { title: `CWF ${SECRET}`, contentWarnings: { categories: [] } },
        true,
      )

      const titles = async (query: string) => {
        const response = await client.request<{ docs: Doc[] }>(
          `/api/statements?where[title][like]=CWF&limit=100&${query}`,
        )
        expect(response.status).toBe(200)
        return response.body.docs.map((doc) => doc.title).sort()
      }
      expect(await titles('where[contentWarnings.categories][not_in]=police,restraint')).toEqual([
        'CWF death',
        'CWF none',
      ])
      expect(await titles('where[contentWarnings.categories][not_equals]=death')).toEqual([
        'CWF none',
        'CWF police',
        'CWF restraint and self-harm',
      ])
      expect(await titles('where[contentWarnings.categories][in]=police')).toEqual([
        'CWF police',
        'CWF police and death',
      ])

      const graphql = await client.graphql<{ Statements: { docs: Doc[] } }>(
        '{ Statements(limit: 100, where: { AND: [{ title: { like: "CWF" } }, { contentWarnings__categories: { not_in: [police, restraint] } }] }) { docs { title } } }',
      )
      expect(graphql.body.errors).toBeUndefined()
      expect(graphql.body.data?.Statements.docs.map((doc) => doc.title).sort()).toEqual([
        'CWF death',
        'CWF none',
      ])

      const unknown = await client.request<ErrorBody>(
        '/api/statements?where[contentWarnings.categories][not_in]=spiders',
      )
      expect(unknown.status).toBe(400)
      // One check for every choice field (src/requestChecks) names the topics there are.
      expect(unknown.body.errors?.[0]?.message).toContain(
        'must be one of police, restraint, detention, self_harm',
      )
    })

    it.skipIf(skip)('validates trusts and slugs with clear 400s', async () => {
      const invalid = async (collection: string, data: Record<string, unknown>, path: string) => {
        const response = await client.request<ErrorBody>(`/api/${collection}`, {
          method: 'POST',
          auth: editor,
          body: { ...REVIEWED, _status: 'published', ...data },
        })
        expect(response.status, JSON.stringify(data)).toBe(400)
        expect(response.body.errors?.[0]?.data?.errors?.map((error) => error.path)).toContain(path)
      }
      await invalid('trusts', { name: 'Bad code', odsCode: 'r-x' }, 'odsCode')
      await invalid(
        'trusts',
        { name: 'Bad dates', odsCode: 'RB1', startedOn: '2022-05-01', endedOn: '2021-01-01' },
        'endedOn',
      )
      await invalid(
        'trusts',
        { name: 'Future', odsCode: 'RB2', startedOn: '2999-01-01' },
        'startedOn',
      )
      await invalid(
        'trusts',
        {
          name: 'Bad link',
          odsCode: 'RB3',
          evidence: [{ kind: 'report', summary: 'x', sourceUrl: 'javascript:alert(1)' }],
        },
        'evidence.0.sourceUrl',
      )
      const trust = await create('trusts', { name: 'Lower case code', odsCode: ' rb4 ' })
      expect((trust as Doc & { odsCode?: string }).odsCode).toBe('RB4')
      await invalid('trusts', { name: 'Same code', odsCode: 'RB4' }, 'odsCode')

      const first = await create('statements', { title: 'A Title, Twice!' })
      const second = await create('statements', { title: 'A Title, Twice!' })
      expect(first.slug).toBe('a-title-twice')
      expect(second.slug).toBe('a-title-twice-2')
      await invalid('statements', { title: 'Taken', slug: 'a-title-twice' }, 'slug')
    })

    it.skipIf(skip)(
      'ranks search results by title, then summary, and indexes published content only',
      async () => {
        await create('statements', {
          title: 'Ordinary words',
          summary: 'About kaleidoscope funding',
        })
        await create('updates', {
          title: 'Kaleidoscope meeting',
          summary: 'Nothing else',
          date: '2024-03-01',
        })
        await create('pages', { title: 'Kaleidoscope draft page' }, true)
        const response = await client.request<{ docs: { title: string }[] }>(
          '/api/search/ranked?q=kaleidoscope',
        )
        expect(response.status).toBe(200)
        expect(response.body.docs.map((doc) => doc.title)).toEqual([
          'Kaleidoscope meeting',
          'Ordinary words',
        ])
        const tooShort = await client.request<ErrorBody>('/api/search/ranked?q=k')
        expect(tooShort.status).toBe(400)

        // Each result carries its document's warnings, so a front end can mark or hide it.
        await create('updates', {
          title: 'Kaleidoscope vigil',
          date: '2024-03-02',
          contentWarnings: {
            categories: ['police', 'restraint'],
            level: 'mention',
            reviewed: true,
          },
        })
        type Warned = { title: string; contentWarnings?: { categories?: string[] } | null }
        const warned = await client.request<{ docs: Warned[] }>('/api/search/ranked?q=kaleidoscope')
        const vigil = warned.body.docs.find((doc) => doc.title === 'Kaleidoscope vigil')
        expect(vigil?.contentWarnings?.categories).toEqual(['police', 'restraint'])
        const plain = warned.body.docs.find((doc) => doc.title === 'Kaleidoscope meeting')
        expect(plain?.contentWarnings?.categories ?? []).toEqual([])
        const graphql = await client.graphql<{
          RankedSearch: { docs: { title: string; contentWarnings: { categories: string[] } }[] }
        }>(
          '{ RankedSearch(q: "kaleidoscope") { docs { title contentWarnings { categories level } } } }',
        )
        expect(graphql.body.errors).toBeUndefined()
        expect(
          graphql.body.data?.RankedSearch.docs.find((doc) => doc.title === 'Kaleidoscope vigil')
            ?.contentWarnings.categories,
        ).toEqual(['police', 'restraint'])
      },
    )
  },
)

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return true
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  return false
}
