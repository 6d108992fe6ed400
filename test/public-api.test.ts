import http from 'node:http'

import pg from 'pg'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Auth, api, type JsonResponse } from './helpers/api'
import { testDialects } from './helpers/databases'
import { connectLocalPayload, type LocalPayload } from './helpers/localPayload'
import { type RunningServer, startServer } from './helpers/server'
import { createTeam, type Team } from './helpers/team'

const FRONT_END = 'https://front-end.example'
const REVIEWED = { contentWarnings: { reviewed: true } }

type Doc = { id: number | string; title?: string; slug?: string; _status?: string }
type Docs = { docs: Doc[]; totalDocs: number }
type ErrorBody = { errors?: { message: string }[] }
type GraphqlDocs = { Statements: { docs: Doc[] } }

const cacheOf = (response: JsonResponse<unknown>) => response.headers.get('x-cache')

describe.each(testDialects())('the public API on $dialect', ({ dialect, skip }) => {
  let server: RunningServer
  let client: ReturnType<typeof api>
  let team: Team
  let editor: Auth
  let moderator: Auth
  let admin: Auth
  let local: LocalPayload

  const create = async (data: Record<string, unknown>, draft = false) => {
    const response = await client.request<{ doc: Doc }>(
      `/api/statements${draft ? '?draft=true' : ''}`,
      {
        method: 'POST',
        auth: editor,
        body: draft ? data : { ...REVIEWED, _status: 'published', ...data },
      },
    )
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    return response.body.doc
  }
  const patch = async (collection: string, id: Doc['id'], data: Record<string, unknown>) => {
    const response = await client.request(`/api/${collection}/${id}`, {
      method: 'PATCH',
      auth: editor,
      body: data,
    })
    expect(response.status, JSON.stringify(response.body)).toBe(200)
  }
  const edit = (id: Doc['id'], data: Record<string, unknown>) => patch('statements', id, data)

  /** What an anonymous reader sees of the statements whose titles contain `mark`. */
  const reader = (mark: string) => {
    const rest = async () => {
      const response = await client.request<Docs>(
        `/api/statements?limit=100&depth=0&sort=title&where[title][like]=${mark}`,
      )
      expect(response.status).toBe(200)
      return { cache: cacheOf(response), titles: response.body.docs.map((doc) => doc.title) }
    }
    const graphql = async () => {
      const response = await client.graphql<GraphqlDocs>(
        `{ Statements(limit: 100, sort: "title", where: { title: { like: "${mark}" } }) { docs { title } } }`,
      )
      expect(response.status).toBe(200)
      return {
        cache: cacheOf(response),
        titles: response.body.data?.Statements.docs.map((doc) => doc.title),
      }
    }
    const one = async (id: Doc['id']) => {
      const response = await client.request<Doc>(`/api/statements/${id}?depth=0`)
      return { status: response.status, cache: cacheOf(response), title: response.body.title }
    }
    return { rest, graphql, one }
  }

  beforeAll(async () => {
    if (skip) return
    server = await startServer(dialect, {
      // The job runner looks for due work every two seconds here, and cached responses would
      // live a minute: a fresh read within that minute can only come from invalidation.
      JOBS_CRON: '*/2 * * * * *',
      API_CACHE_SECONDS: '60',
      CORS_ORIGINS: FRONT_END,
      SIGN_RATE_LIMIT_PER_MINUTE: '0',
    })
    client = api(server.url)
    team = await createTeam(server.url)
    editor = { token: team.editor.token }
    moderator = { token: team.moderator.token }
    admin = { token: team.admin.token }
    local = await connectLocalPayload(server.database.url)
  })
  afterAll(async () => {
    await local?.stop()
    await server?.stop()
  })

  it.skipIf(skip)(
    'shows the very next anonymous reader each publish, edit, unpublish and delete',
    async () => {
      const read = reader('Invalidation')
      const draft = await create({ title: 'Invalidation check', ...REVIEWED }, true)

      // Warm every route, and check that the second read really comes from the cache.
      expect(await read.rest()).toEqual({ cache: 'MISS', titles: [] })
      expect(await read.rest()).toEqual({ cache: 'HIT', titles: [] })
      expect(await read.graphql()).toEqual({ cache: 'MISS', titles: [] })
      expect(await read.graphql()).toEqual({ cache: 'HIT', titles: [] })
      expect((await read.one(draft.id)).status).toBe(404)

      await edit(draft.id, { _status: 'published' })
      expect(await read.rest()).toEqual({ cache: 'MISS', titles: ['Invalidation check'] })
      expect(await read.graphql()).toEqual({ cache: 'MISS', titles: ['Invalidation check'] })
      expect(await read.one(draft.id)).toEqual({
        status: 200,
        cache: 'MISS',
        title: 'Invalidation check',
      })
      expect((await read.one(draft.id)).cache).toBe('HIT')
      expect((await read.rest()).cache).toBe('HIT')
      expect((await read.graphql()).cache).toBe('HIT')

      await edit(draft.id, { title: 'Invalidation check, reworded' })
      expect(await read.rest()).toEqual({ cache: 'MISS', titles: ['Invalidation check, reworded'] })
      expect((await read.graphql()).titles).toEqual(['Invalidation check, reworded'])
      expect((await read.one(draft.id)).title).toBe('Invalidation check, reworded')
      expect((await read.rest()).cache).toBe('HIT')
      expect((await read.one(draft.id)).cache).toBe('HIT')

      await edit(draft.id, { _status: 'draft' })
      expect(await read.rest()).toEqual({ cache: 'MISS', titles: [] })
      expect((await read.graphql()).titles).toEqual([])
      expect((await read.one(draft.id)).status).toBe(404)

      await edit(draft.id, { _status: 'published' })
      expect((await read.rest()).titles).toEqual(['Invalidation check, reworded'])
      expect((await read.rest()).cache).toBe('HIT')
      expect((await read.one(draft.id)).status).toBe(200)
      expect((await read.one(draft.id)).cache).toBe('HIT')

      const deleted = await client.request(`/api/statements/${draft.id}`, {
        method: 'DELETE',
        auth: editor,
      })
      expect(deleted.status).toBe(200)
      expect(await read.rest()).toEqual({ cache: 'MISS', titles: [] })
      expect((await read.graphql()).titles).toEqual([])
      expect((await read.one(draft.id)).status).toBe(404)
    },
  )

  it.skipIf(skip || dialect !== 'postgres')(
    'keeps nothing read while a write was still uncommitted',
    async () => {
      const read = reader('Uncommitted')
      const statement = await create({ title: 'Uncommitted check' })
      // Unpublishing then only looks for the statement in the search index, writing nothing
      // more after the statement itself, and the test can hold it there: inside its
      // transaction, between the write and the commit.
      await local.payload.delete({
        collection: 'search',
        where: { 'doc.value': { equals: statement.id } },
      })
      expect(await read.rest()).toEqual({ cache: 'MISS', titles: ['Uncommitted check'] })

      const lock = new pg.Client({ connectionString: server.database.url })
      lock.on('error', () => {})
      await lock.connect()
      await lock.query('BEGIN')
      await lock.query('LOCK TABLE search IN ACCESS EXCLUSIVE MODE')
      const unpublishing = edit(statement.id, { _status: 'draft' })
      const waiting = await waitFor(async () => {
        const { rows } = await lock.query<{ waiting: number }>(
          "SELECT count(*)::int AS waiting FROM pg_locks WHERE relation = 'search'::regclass AND NOT granted",
        )
        return rows[0].waiting > 0
      }, 10_000)
      expect(waiting, 'the unpublication waits inside its transaction').toBe(true)

      // Readers still see the committed rows, and those answers are kept for a moment…
      expect(await read.rest()).toEqual({ cache: 'MISS', titles: ['Uncommitted check'] })
      expect(await read.rest()).toEqual({ cache: 'HIT', titles: ['Uncommitted check'] })
      await lock.query('ROLLBACK')
      await lock.end()
      await unpublishing
      // …but not past the commit.
      expect(await read.rest()).toEqual({ cache: 'MISS', titles: [] })
    },
  )

  it.skipIf(skip)(
    'keeps serving from the cache while a published statement’s draft is autosaved, not after',
    async () => {
      const read = reader('Autosave')
      const statement = await create({ title: 'Autosave check', ...REVIEWED })
      expect(await read.rest()).toEqual({ cache: 'MISS', titles: ['Autosave check'] })
      expect((await read.one(statement.id)).cache).toBe('MISS')
      const autosave = async (title: string) => {
        // What the admin panel sends every few seconds while someone types.
        const response = await client.request(
          `/api/statements/${statement.id}?draft=true&autosave=true`,
          { method: 'PATCH', auth: editor, body: { title, _status: 'draft' } },
        )
        expect(response.status, JSON.stringify(response.body)).toBe(200)
      }
      await autosave('Autosave check, half rewritten')
      await autosave('Autosave check, rewritten')
      expect(await read.rest()).toEqual({ cache: 'HIT', titles: ['Autosave check'] })
      expect(await read.one(statement.id)).toEqual({
        status: 200,
        cache: 'HIT',
        title: 'Autosave check',
      })

      await edit(statement.id, { _status: 'published' })
      expect(await read.rest()).toEqual({ cache: 'MISS', titles: ['Autosave check, rewritten'] })
      expect((await read.one(statement.id)).title).toBe('Autosave check, rewritten')

      // Unpublishing sends the same status without the draft flag: that the public sees.
      await autosave('Autosave check, rewritten again')
      await edit(statement.id, { _status: 'draft' })
      expect(await read.rest()).toEqual({ cache: 'MISS', titles: [] })
      expect((await read.one(statement.id)).status).toBe(404)
    },
  )

  it.skipIf(skip)(
    'gives a join one page over GraphQL as over REST when no limit is asked (probe 3: every signature, thirty times over)',
    async () => {
      const trust = await client.request<{ doc: Doc }>('/api/trusts', {
        method: 'POST',
        auth: editor,
        body: {
          name: 'A trust many statements name',
          odsCode: 'RJP',
          _status: 'published',
          ...REVIEWED,
        },
      })
      expect(trust.status, JSON.stringify(trust.body)).toBe(201)
      for (let index = 0; index < 12; index += 1) {
        await create({ title: `Naming the trust ${index}`, relatedTrusts: [trust.body.doc.id] })
      }
      const id = JSON.stringify(trust.body.doc.id)
      type Joined = { Trust: { statements: { docs: unknown[]; hasNextPage: boolean } } }
      const page = await client.graphql<Joined>(
        `{ Trust(id: ${id}) { statements { docs { id } hasNextPage } } }`,
      )
      expect(page.body.errors, JSON.stringify(page.body)).toBeUndefined()
      expect(page.body.data?.Trust.statements.docs).toHaveLength(10)
      expect(page.body.data?.Trust.statements.hasNextPage).toBe(true)
      const rest = await client.request<{ statements: { docs: unknown[] } }>(
        `/api/trusts/${trust.body.doc.id}?depth=0`,
      )
      expect(rest.body.statements.docs).toHaveLength(10)
      // A limit asked for is kept.
      const asked = await client.graphql<Joined>(
        `{ Trust(id: ${id}) { statements(limit: 12) { docs { id } hasNextPage } } }`,
      )
      expect(asked.body.data?.Trust.statements.docs).toHaveLength(12)
      expect(asked.body.data?.Trust.statements.hasNextPage).toBe(false)
    },
  )

  it.skipIf(skip)('answers a burst of the same read after a write with one query', async () => {
    const read = reader('Burst')
    await create({ title: 'Burst check' })
    // The write has just emptied the cache: every one of these arrives to find it empty.
    const burst = await Promise.all(Array.from({ length: 40 }, () => read.rest()))
    expect(burst.map((answer) => answer.titles)).toEqual(burst.map(() => ['Burst check']))
    const misses = burst.filter((answer) => answer.cache === 'MISS').length
    expect(misses, 'readers that went to Payload themselves').toBe(1)
    const graphqlBurst = await Promise.all(Array.from({ length: 40 }, () => read.graphql()))
    expect(graphqlBurst.filter((answer) => answer.cache === 'MISS')).toHaveLength(1)
  })

  it.skipIf(skip)('shows a scheduled publication as soon as the job runner makes it', async () => {
    const read = reader('Scheduled cache')
    const draft = await create({ title: 'Scheduled cache check', ...REVIEWED }, true)
    expect((await read.rest()).titles).toEqual([])
    expect(await read.rest()).toEqual({ cache: 'HIT', titles: [] })

    await local.payload.jobs.queue({
      task: 'schedulePublish',
      input: {
        type: 'publish',
        doc: { relationTo: 'statements', value: draft.id as number },
        user: { relationTo: 'users', value: team.editor.userId as number },
      },
      waitUntil: new Date(),
    })
    // Well within the minute the cached answer would otherwise live.
    const seen = await waitFor(
      async () => (await read.rest()).titles.includes('Scheduled cache check'),
      30_000,
    )
    expect(seen, 'the publication reached anonymous readers within 30 s').toBe(true)
  })

  it.skipIf(skip)(
    'shows an approved signature in the public list and tally at once, never private fields',
    async () => {
      const letter = await create({
        title: 'Cached open letter',
        kind: 'open_letter',
        signing: { open: true },
      })
      const signed = await client.request('/api/signatories/sign', {
        method: 'POST',
        body: {
          letter: letter.slug,
          name: 'Casey Cached',
          role: 'Nurse',
          email: 'casey@example.org',
          display: 'full',
          consent: true,
        },
      })
      expect(signed.status).toBe(202)
      const list = `/api/signatories?depth=0&where[letter][equals]=${letter.id}`
      const tally = `/api/signatories/tally?letter=${letter.slug}`
      const publicList = () => client.request<{ docs: Record<string, unknown>[] }>(list)
      const publicTally = () => client.request<{ approved: number }>(tally)

      expect((await publicList()).body.docs).toEqual([])
      expect(cacheOf(await publicList())).toBe('HIT')
      expect((await publicTally()).body.approved).toBe(0)
      expect(cacheOf(await publicTally())).toBe('HIT')

      const pending = await client.request<{ docs: Doc[] }>(list, { auth: moderator })
      expect(cacheOf(pending)).toBeNull()
      expect(pending.body.docs).toHaveLength(1)
      const approved = await client.request(`/api/signatories/${pending.body.docs[0].id}`, {
        method: 'PATCH',
        auth: moderator,
        body: { status: 'approved' },
      })
      expect(approved.status).toBe(200)

      const afterApproval = await publicList()
      expect(cacheOf(afterApproval)).toBe('MISS')
      expect(afterApproval.body.docs.map((doc) => doc.publicName)).toEqual(['Casey Cached'])
      expect((await publicTally()).body.approved).toBe(1)

      // The same address read by a moderator shows private fields; that answer is never
      // stored, and the anonymous one keeps them out.
      const asModerator = await client.request<{ docs: Record<string, unknown>[] }>(list, {
        auth: moderator,
      })
      expect(asModerator.body.docs[0].email).toBe('casey@example.org')
      const anonymousAgain = await publicList()
      expect(cacheOf(anonymousAgain)).toBe('HIT')
      expect(JSON.stringify(anonymousAgain.body)).not.toContain('casey@example.org')
      expect(anonymousAgain.body.docs[0]).not.toHaveProperty('email')
    },
  )

  it.skipIf(skip)('shows a change to the site settings (archive mode) at once', async () => {
    type Settings = { archiveMode?: boolean }
    const settings = () => client.request<Settings>('/api/globals/site-settings')
    expect((await settings()).body.archiveMode).toBe(false)
    expect(cacheOf(await settings())).toBe('HIT')
    const updated = await client.request('/api/globals/site-settings', {
      method: 'POST',
      auth: admin,
      body: { archiveMode: true },
    })
    expect(updated.status).toBe(200)
    const after = await settings()
    expect(cacheOf(after)).toBe('MISS')
    expect(after.body.archiveMode).toBe(true)
    await client.request('/api/globals/site-settings', {
      method: 'POST',
      auth: admin,
      body: { archiveMode: false },
    })
  })

  it.skipIf(skip)('gives one cache entry to each question, however it is spelt', async () => {
    await create({ title: 'Spelling check' })
    const where = 'where[title][like]=Spelling'
    const first = await client.request<Docs>(`/api/statements?limit=10&depth=1&${where}`)
    expect(cacheOf(first)).toBe('MISS')
    expect(first.body.docs.map((doc) => doc.title)).toEqual(['Spelling check'])
    for (const spelling of [
      `/api/statements?depth=1&limit=10&${where}`,
      `/api/statements?${where}&depth=1&limit=10&bust=1`,
      `/api/statements?${where}&depth=1&limit=10&bust=2&utm_source=newsletter`,
      '/api/statements?where%5Btitle%5D%5Blike%5D=Spelling&depth=1&limit=10',
      `/api/statements?${where}&depth=1&limit=10&page=1`,
      `/api/statements?${where}&depth=1`,
      `/api/statements?${where}&depth=1&limit=10&draft=false`,
    ]) {
      const again = await client.request<Docs>(spelling)
      expect(cacheOf(again), spelling).toBe('HIT')
      expect(again.body.docs.map((doc) => doc.title)).toEqual(['Spelling check'])
    }
    // A different question is a different entry.
    expect(cacheOf(await client.request(`/api/statements?${where}&depth=0`))).toBe('MISS')
    expect(cacheOf(await client.request(`/api/statements?${where}&depth=1&limit=5`))).toBe('MISS')

    const tidy = '{ Statements(where: { title: { like: "Spelling" } }) { docs { title } } }'
    const spread = `query {\n  Statements( where: {title: {like: "Spelling"}} )\n  { docs {\n title } }\n}`
    expect(cacheOf(await client.graphql(tidy))).toBe('MISS')
    const laidOutOtherwise = await client.graphql<GraphqlDocs>(spread)
    expect(cacheOf(laidOutOtherwise)).toBe('HIT')
    expect(laidOutOtherwise.body.data?.Statements.docs).toEqual([{ title: 'Spelling check' }])
  })

  it.skipIf(skip)('drops nothing for a write no anonymous reader can see', async () => {
    const read = reader('Unseen')
    await create({ title: 'Unseen check' })
    const letter = await create({
      title: 'Unseen letter',
      kind: 'open_letter',
      signing: { open: true },
    })
    const settings = () => client.request('/api/globals/site-settings')
    const tally = () => client.request(`/api/signatories/tally?letter=${letter.slug}`)
    const warm = async () => {
      await read.rest()
      await read.graphql()
      await settings()
      await tally()
    }
    const allCached = async (after: string) => {
      expect((await read.rest()).cache, after).toBe('HIT')
      expect((await read.graphql()).cache, after).toBe('HIT')
      expect(cacheOf(await settings()), after).toBe('HIT')
      expect(cacheOf(await tally()), after).toBe('HIT')
    }
    await warm()
    await allCached('warming')

    const signed = await client.request('/api/signatories/sign', {
      method: 'POST',
      body: {
        letter: letter.slug,
        name: 'Pat Pending',
        email: 'pat.pending@example.org',
        display: 'full',
        consent: true,
      },
    })
    expect(signed.status).toBe(202)
    await allCached('a pending signature')

    const pending = await client.request<{ docs: Doc[] }>(
      `/api/signatories?depth=0&where[letter][equals]=${letter.id}`,
      { auth: moderator },
    )
    const rejected = await client.request(`/api/signatories/${pending.body.docs[0].id}`, {
      method: 'PATCH',
      auth: moderator,
      body: { status: 'rejected' },
    })
    expect(rejected.status).toBe(200)
    await allCached('a rejected signature')

    await client.login('editor@team.example', 'a-long-enough-test-password')
    await client.request('/api/users/login', {
      method: 'POST',
      body: { email: 'editor@team.example', password: 'a-wrong-password' },
    })
    await allCached('logins and a failed login')

    await create({ title: 'Unseen draft', ...REVIEWED }, true)
    await allCached('a new draft')

    // A visible write drops what it changes, and only that.
    const updated = await client.request('/api/globals/site-settings', {
      method: 'POST',
      auth: admin,
      body: { contactEmail: 'hello@stopsim.example' },
    })
    expect(updated.status, JSON.stringify(updated.body)).toBe(200)
    expect(cacheOf(await settings())).toBe('MISS')
    expect((await read.rest()).cache).toBe('HIT')
    expect(cacheOf(await tally())).toBe('HIT')
  })

  it.skipIf(skip)(
    'shows a change that reaches a cached answer through a relationship at once',
    async () => {
      const trust = await client.request<{ doc: Doc & { name?: string } }>('/api/trusts', {
        method: 'POST',
        auth: editor,
        body: {
          name: 'Relationship Test NHS Trust',
          odsCode: 'RZZ',
          region: 'london',
          simStatus: 'confirmed',
          _status: 'published',
          ...REVIEWED,
        },
      })
      expect(trust.status, JSON.stringify(trust.body)).toBe(201)
      await create({ title: 'Related check', relatedTrusts: [trust.body.doc.id] })
      type Related = { docs: { relatedTrusts: { name: string }[] }[] }
      const listing = () =>
        client.request<Related>('/api/statements?depth=1&where[title][like]=Related check')
      const names = (response: JsonResponse<Related>) =>
        response.body.docs[0]?.relatedTrusts.map((related) => related.name)
      expect(names(await listing())).toEqual(['Relationship Test NHS Trust'])
      expect(cacheOf(await listing())).toBe('HIT')
      // At depth 0 the statement holds the ids of the trusts the reader may read (see
      // src/fields/hiddenReferences.ts): a write that may publish or withdraw one drops it. The
      // cache does not tell those from other writes, so a rename drops it too.
      const ids = () => client.request('/api/statements?depth=0&where[title][like]=Related check')
      await ids()
      expect(cacheOf(await ids())).toBe('HIT')

      await patch('trusts', trust.body.doc.id, { name: 'Renamed Test NHS Trust' })
      const afterRename = await listing()
      expect(cacheOf(afterRename)).toBe('MISS')
      expect(names(afterRename)).toEqual(['Renamed Test NHS Trust'])
      expect(cacheOf(await ids())).toBe('MISS')

      // An image's alt text, changed, reaches the update that shows it.
      const form = new FormData()
      const png = await sharp({
        create: { width: 40, height: 30, channels: 3, background: { r: 90, g: 30, b: 120 } },
      })
        .png()
        .toBuffer()
      form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'hero.png')
      form.append('_payload', JSON.stringify({ alt: 'A purple banner' }))
      const uploaded = await fetch(`${server.url}/api/media`, {
        method: 'POST',
        body: form,
        headers: { authorization: `JWT ${editor.token}` },
      })
      expect(uploaded.status).toBe(201)
      const media = ((await uploaded.json()) as { doc: Doc }).doc
      const update = await client.request('/api/updates', {
        method: 'POST',
        auth: editor,
        body: {
          title: 'Hero check',
          heroImage: media.id,
          _status: 'published',
          ...REVIEWED,
        },
      })
      expect(update.status, JSON.stringify(update.body)).toBe(201)
      type Heroes = { docs: { heroImage: { alt: string } }[] }
      const heroes = () =>
        client.request<Heroes>('/api/updates?depth=1&where[title][like]=Hero check')
      expect((await heroes()).body.docs[0].heroImage.alt).toBe('A purple banner')
      expect(cacheOf(await heroes())).toBe('HIT')
      await patch('media', media.id, { alt: 'A purple banner with white lettering' })
      const afterAlt = await heroes()
      expect(cacheOf(afterAlt)).toBe('MISS')
      expect(afterAlt.body.docs[0].heroImage.alt).toBe('A purple banner with white lettering')
    },
  )

  it.skipIf(skip)(
    'sends ETag, 304, Cache-Control and gzip to anonymous readers, and caches nothing for signed-in ones',
    async () => {
      // Enough text to be worth compressing.
      for (const number of [1, 2, 3]) {
        await create({ title: `Headers check ${number}`, summary: 'A summary. '.repeat(50) })
      }
      const path = '/api/statements?limit=5&depth=0&where[title][like]=Headers'
      const first = await client.request<Docs>(path)
      expect(first.status).toBe(200)
      expect(first.headers.get('cache-control')).toBe(
        'public, max-age=0, s-maxage=60, stale-while-revalidate=60',
      )
      const vary = first.headers.get('vary') ?? ''
      for (const name of ['Origin', 'Authorization', 'Cookie', 'Accept-Encoding']) {
        expect(vary).toContain(name)
      }
      const etag = first.headers.get('etag')
      expect(etag).toMatch(/^"[\w-]+"$/)

      const revalidated = await fetch(`${server.url}${path}`, {
        headers: { 'if-none-match': etag! },
      })
      expect(revalidated.status).toBe(304)
      expect(await revalidated.text()).toBe('')

      const compressed = await fetch(`${server.url}${path}`, {
        headers: { 'accept-encoding': 'gzip' },
      })
      expect(compressed.headers.get('content-encoding')).toBe('gzip')
      expect(await compressed.json()).toEqual(first.body)
      // q=0 means “not gzip” (probe 3: it was sent gzip all the same).
      for (const refusing of ['gzip;q=0', 'gzip; q=0.000, identity', '*;q=0', 'x-gzipped, br']) {
        const plain = await fetch(`${server.url}${path}`, {
          headers: { 'accept-encoding': refusing },
        })
        expect(plain.headers.get('content-encoding'), refusing).toBeNull()
        expect(await plain.json()).toEqual(first.body)
      }
      for (const accepting of ['GZIP;q=0.5', '*', 'br;q=1, gzip;q=0.1']) {
        const zipped = await fetch(`${server.url}${path}`, {
          headers: { 'accept-encoding': accepting },
        })
        expect(zipped.headers.get('content-encoding'), accepting).toBe('gzip')
      }

      // Signed in by header, by cookie, or by a token Payload refuses (then anonymous content,
      // but not from the cache either).
      const signedIn = await client.request<Docs>(`${path}&draft=true`, { auth: editor })
      expect(cacheOf(signedIn)).toBeNull()
      expect(signedIn.headers.get('etag')).toBeNull()
      expect(signedIn.headers.get('cache-control')).toBe('private, no-store')
      const byCookie = await client.request(path, {
        auth: {
          cookie: (await client.login('editor@team.example', 'a-long-enough-test-password')).cookie,
        },
        headers: { 'sec-fetch-site': 'same-origin' },
      })
      expect(cacheOf(byCookie)).toBeNull()
      const badToken = await client.request<Docs>(path, { auth: { token: 'not-a-token' } })
      expect(cacheOf(badToken)).toBeNull()
      expect(badToken.body.docs).toEqual(first.body.docs)

      // Payload answers each allowed front end with its own CORS header: they are kept apart.
      const fromFrontEnd = await client.request(path, { headers: { origin: FRONT_END } })
      expect(fromFrontEnd.headers.get('access-control-allow-origin')).toBe(FRONT_END)
      expect(cacheOf(fromFrontEnd)).toBe('MISS')
      const plain = await client.request(path)
      expect(cacheOf(plain)).toBe('HIT')
      expect(plain.headers.get('access-control-allow-origin')).toBeNull()

      // A query longer than 16 KB is answered but not kept: its key would outweigh the answer.
      const long = `{ Statements(where: { title: { like: "${'x'.repeat(20_000)}" } }) { totalDocs } }`
      expect((await client.graphql(long)).status).toBe(200)
      const longAgain = await client.graphql(long)
      expect(longAgain.status).toBe(200)
      expect(cacheOf(longAgain)).toBeNull()

      // A GraphQL login is a mutation: it is never stored, and its cookie reaches only its caller.
      const login = () =>
        client.graphql<{ loginUser: { token: string } }>(
          'mutation { loginUser(email: "editor@team.example", password: "a-long-enough-test-password") { token } }',
        )
      const loggedIn = await login()
      expect(loggedIn.body.data?.loginUser.token).toBeTruthy()
      expect(cacheOf(loggedIn)).toBeNull()
      expect(cacheOf(await login())).toBeNull()
    },
  )

  it.skipIf(skip)(
    'keeps a cached GraphQL answer through writes to what it does not show, not through others',
    async () => {
      const read = async () => {
        const response = await client.graphql<{ Pages: { docs: Doc[] } }>(
          '{ Pages(limit: 5, where: { title: { like: "Tagged" } }) { docs { title } } }',
        )
        expect(response.status).toBe(200)
        const titles = response.body.data?.Pages.docs.map((doc) => doc.title)
        return { cache: cacheOf(response), titles }
      }
      expect(await read()).toEqual({ cache: 'MISS', titles: [] })
      expect(await read()).toEqual({ cache: 'HIT', titles: [] })
      // A published statement, which anonymous readers see, but not in this answer.
      await create({ title: 'Tagged statement' })
      expect(await read()).toEqual({ cache: 'HIT', titles: [] })
      const page = await client.request('/api/pages', {
        method: 'POST',
        auth: editor,
        body: { title: 'Tagged page', _status: 'published', ...REVIEWED },
      })
      expect(page.status, JSON.stringify(page.body)).toBe(201)
      expect(await read()).toEqual({ cache: 'MISS', titles: ['Tagged page'] })
    },
  )

  it.skipIf(skip)(
    'answers REST reads with Payload’s own headers: nothing Next.js adds for its pages',
    async () => {
      await create({ title: 'Vary check' })
      const path = '/api/statements?limit=1&depth=0&where[title][like]=Vary'
      const anonymous = await client.request<Docs>(path)
      const signedIn = await client.request<Docs>(path, { auth: editor })
      for (const response of [anonymous, signedIn]) {
        expect(response.status).toBe(200)
        expect(response.body.docs.map((doc) => doc.title)).toEqual(['Vary check'])
        // A JSON answer does not change with the router's headers or the admin's colour scheme;
        // naming them in Vary would have a CDN keep a copy of it per value.
        expect(response.headers.get('vary') ?? '').not.toMatch(/rsc|next-router|sec-ch/i)
        expect(response.headers.get('accept-ch')).toBeNull()
      }
      expect(anonymous.headers.get('vary')).toBe('Origin, Authorization, Cookie, Accept-Encoding')
    },
  )

  it.skipIf(skip)(
    'refuses oversized pages and deep population over REST with a 400 and a reason',
    async () => {
      const refused = async (path: string, auth?: Auth) => {
        const response = await client.request<ErrorBody>(path, { auth })
        expect(response.status, path).toBe(400)
        return response.body.errors?.[0]?.message
      }
      const base = '/api/statements?'
      expect(await refused(`${base}limit=0`)).toMatch(/limit must be a whole number from 1 to 100/)
      expect(await refused(`${base}limit=101`)).toMatch(/from 1 to 100/)
      expect(await refused(`${base}limit=1e3`)).toMatch(/from 1 to 100/)
      expect(await refused(`${base}limit[]=`)).toMatch(/from 1 to 100/)
      expect(await refused(`${base}limit=-1`)).toMatch(/from 1 to 100/)
      expect(await refused(`${base}pagination=false`)).toMatch(
        /pagination=false is only for signed-in/,
      )
      expect(await refused(`${base}depth=4`)).toMatch(/depth must be a whole number from 0 to 3/)
      expect(await refused(`${base}depth=50`)).toMatch(/depth/)
      expect(await refused('/api/trusts?joins[statements][limit]=0')).toMatch(
        /joins\[statements\]\[limit\] must be/,
      )
      expect(await refused('/api/search?limit=500')).toMatch(/limit/)
      expect((await client.request(`${base}limit=100&depth=3`)).status).toBe(200)

      // Signed in: everything at once is allowed, pages over 100 are not.
      const all = await client.request<Docs>(`${base}limit=0&depth=0`, { auth: editor })
      expect(all.status).toBe(200)
      expect(all.body.docs.length).toBe(all.body.totalDocs)
      expect((await client.request(`${base}pagination=false`, { auth: editor })).status).toBe(200)
      expect((await client.request(`${base}depth=5&limit=1`, { auth: editor })).status).toBe(200)
      expect(await refused(`${base}limit=101`, editor)).toMatch(/at most 100/)

      // Credentials Payload does not accept leave the request anonymous, limits included.
      expect(await refused(`${base}limit=0`, { token: 'expired-or-forged' })).toMatch(/limit/)
      const cookie = (await client.login('editor@team.example', 'a-long-enough-test-password'))
        .cookie
      expect(await refused(`${base}limit=0`, { cookie })).toMatch(/limit/)

      // Payload reads a POST with this header as a GET whose query is the form body.
      const overridden = (form: string, auth?: Auth) =>
        client.request<Docs & ErrorBody>('/api/statements', {
          method: 'POST',
          auth,
          headers: {
            'x-payload-http-method-override': 'GET',
            'content-type': 'application/x-www-form-urlencoded',
          },
          rawBody: form,
        })
      expect((await overridden('limit=0')).status).toBe(400)
      const asEditor = await overridden('limit=1&depth=0', editor)
      expect(asEditor.status).toBe(200)
      expect(asEditor.body.docs).toHaveLength(1)

      // A path that only reaches the API once its dot segments are resolved is checked too.
      const sneaky = await rawGet(server.url, '/x/%2e%2e/api/statements?limit=0')
      expect(sneaky.status).toBe(400)
    },
  )

  it.skipIf(skip)(
    'refuses GraphQL page sizes, floods and overly complex queries with a 400 and a reason',
    async () => {
      const refused = async (query: string, variables?: Record<string, unknown>, auth?: Auth) => {
        const response = await client.graphql(query, variables, auth)
        expect(response.status, query.slice(0, 80)).toBe(400)
        return response.body.errors?.[0]?.message
      }
      expect(await refused('{ Statements(limit: 0) { docs { title } } }')).toMatch(
        /limit must be a whole number from 1 to 100/,
      )
      expect(
        await refused('query ($size: Int) { Statements(limit: $size) { docs { title } } }', {
          size: 1000,
        }),
      ).toMatch(/limit/)
      expect(await refused('{ Statements(pagination: false) { docs { title } } }')).toMatch(
        /pagination: false is only for signed-in/,
      )
      expect(
        await refused('{ Trusts(limit: 1) { docs { statements(limit: 0) { docs { title } } } } }'),
      ).toMatch(/limit/)

      const aliases = Array.from(
        { length: 100 },
        (_, index) => `a${index}: Statements { totalDocs }`,
      )
      expect(await refused(`{ ${aliases.join(' ')} }`)).toMatch(/more than 15 aliases/)
      const aliasedFragment = `fragment Aliased on Statement { ${Array.from({ length: 4 }, (_, index) => `t${index}: title`).join(' ')} }`
      const spreads = Array.from(
        { length: 5 },
        (_, index) => `s${index}: Statements { docs { ...Aliased } }`,
      )
      expect(await refused(`{ ${spreads.join(' ')} } ${aliasedFragment}`)).toMatch(
        /25 aliases, counting fragments/,
      )
      expect(await refused(`{ Statements { docs { ${'title '.repeat(50)} } } }`)).toMatch(
        /selects "title" more than 10 times/,
      )
      expect(await refused(`{ ${'__typename '.repeat(3000)} }`)).toMatch(/too long/)
      const fragments = Array.from(
        { length: 20 },
        (_, index) => `fragment F${index} on Statement { ...F${index + 1} ...F${index + 1} }`,
      )
      expect(
        await refused(
          `{ Statements { docs { ...F0 } } } ${fragments.join(' ')} fragment F20 on Statement { title }`,
        ),
      ).toMatch(/more than 10 times/)
      const nested = 'relatedTrusts { statements { docs { '.repeat(4)
      expect(
        await refused(`{ Statements { docs { ${nested} title ${' } } }'.repeat(4)} } } }`),
      ).toMatch(/levels deep/)
      const costly = Array.from(
        { length: 15 },
        (_, index) =>
          `a${index}: Statements(limit: 1) { docs { relatedTrusts { statements { docs { relatedTrusts { statements { docs { relatedTrusts { name } } } } } } } } }`,
      )
      // Refused by the complexity limit or by the cost estimate of joins and relationships,
      // whichever counts it first.
      expect(await refused(`{ ${costly.join(' ')} }`)).toMatch(
        /maximum complexity of 500|The query would cost about/,
      )

      const malformed = await fetch(`${server.url}/api/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query": ',
      })
      expect(malformed.status).toBe(400)

      // Signed in, everything at once is allowed; floods are refused all the same.
      const all = await client.graphql<{ Statements: { totalDocs: number } }>(
        '{ Statements(limit: 0, pagination: false) { totalDocs } }',
        {},
        editor,
      )
      expect(all.status).toBe(200)
      expect(all.body.errors).toBeUndefined()
      expect(await refused(`{ ${aliases.join(' ')} }`, {}, editor)).toMatch(/aliases/)
      expect(
        await refused('{ Statements(limit: 0) { docs { title } } }', {}, { token: 'forged' }),
      ).toMatch(/limit/)
    },
  )
})

describe('the anonymous cache with several processes', () => {
  let server: RunningServer
  let local: LocalPayload

  beforeAll(async () => {
    server = await startServer('sqlite', { API_CACHE_SECONDS: '2' })
    local = await connectLocalPayload(server.database.url)
  })
  afterAll(async () => {
    await local?.stop()
    await server?.stop()
  })

  it('shows another process’s write once API_CACHE_SECONDS have passed', async () => {
    const client = api(server.url)
    const path = '/api/pages?depth=0&where[title][like]=Elsewhere'
    const titles = async () => {
      const response = await client.request<Docs>(path)
      return { cache: cacheOf(response), titles: response.body.docs.map((doc) => doc.title) }
    }
    expect((await titles()).titles).toEqual([])
    // Written by another process (as a second instance or a command-line import would): this
    // server cannot know, and keeps answering from its cache until the entry expires.
    await local.payload.create({
      collection: 'pages',
      data: { title: 'Written elsewhere', _status: 'published', ...REVIEWED },
    })
    expect(await titles()).toEqual({ cache: 'HIT', titles: [] })
    const seen = await waitFor(
      async () => (await titles()).titles.includes('Written elsewhere'),
      10_000,
    )
    expect(seen).toBe(true)
  })
})

/** GET with the path exactly as given (fetch would resolve its dot segments first). */
function rawGet(baseUrl: string, path: string): Promise<{ status: number }> {
  const { hostname, port } = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const request = http.get({ hostname, port, path }, (response) => {
      response.resume()
      response.on('end', () => resolve({ status: response.statusCode ?? 0 }))
    })
    request.on('error', reject)
  })
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return true
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return false
}
