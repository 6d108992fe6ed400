import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Auth, api, type JsonResponse } from './helpers/api'
import { testDialects } from './helpers/databases'
import { type RunningServer, startServer } from './helpers/server'
import { createTeam } from './helpers/team'

type Doc = { id: number | string; slug: string }
type ErrorBody = { errors?: { message: string }[] }

const cacheOf = (response: JsonResponse<unknown>) => response.headers.get('x-cache')

// One client asking the same question in endless spellings must not be given an endless
// number of cache entries, each a miss that costs a full render or query: every spelling of a
// question is either the canonical one (one entry) or refused or redirected (none).
describe.each(testDialects())('one cache entry per question on $dialect', ({ dialect, skip }) => {
  let server: RunningServer
  let client: ReturnType<typeof api>
  let editor: Auth
  let statement: Doc
  let letter: Doc

  const publish = async (data: Record<string, unknown>) => {
    const response = await client.request<{ doc: Doc }>('/api/statements', {
      method: 'POST',
      auth: editor,
      body: { _status: 'published', contentWarnings: { reviewed: true }, ...data },
    })
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    return response.body.doc
  }

  /** Asks twice: the second answer must come from the cache. */
  const cached = async (path: string) => {
    const first = await client.request(path)
    expect(first.status, path).toBe(200)
    const again = await client.request(path)
    expect(again.status, path).toBe(200)
    expect(cacheOf(again), path).toBe('HIT')
  }

  beforeAll(async () => {
    if (skip) return
    server = await startServer(dialect, { API_CACHE_SECONDS: '60' })
    client = api(server.url)
    editor = { token: (await createTeam(server.url)).editor.token }
    statement = await publish({ title: 'A statement read in many spellings', kind: 'statement' })
    letter = await publish({
      title: 'A letter read in many spellings',
      kind: 'open_letter',
      signing: { open: true },
    })
  })
  afterAll(async () => {
    await server?.stop()
  })

  it.skipIf(skip)(
    'redirects a site page asked with parameters it ignores or values it does not know to its one address (probe: a new entry each)',
    async () => {
      const statementPage = `/statements/${statement.slug}`
      const letterPage = `/statements/${letter.slug}`
      const redirects: [string, string][] = [
        ['/?x=2', '/'],
        ['/statements?zz=1', '/statements'],
        ['/statements?kind=nonsense', '/statements'],
        ['/statements?kind=open_letter&kind=response', '/statements?kind=open_letter'],
        ['/trusts?sort=name&junk=1', '/trusts'],
        ['/trusts?sort=nonsense', '/trusts'],
        [
          '/trusts?sort=-region&region=london&status=confirmed',
          '/trusts?status=confirmed&region=london&sort=-region',
        ],
        ['/trusts?status=&region=&sort=', '/trusts'],
        ['/updates?category=nonsense&x=1', '/updates'],
        ['/search?q=%20%20police%20&page=3', '/search?q=police'],
        ['/search?q=', '/search'],
        ['/preferences?saved=yes', '/preferences?saved=1'],
        ['/artwork?x=1', '/artwork'],
        ['/feed.xml?x=1', '/feed.xml'],
        [`${statementPage}?utm_source=x`, statementPage],
        [`${letterPage}?page=01`, letterPage],
        [`${letterPage}?page=1`, letterPage],
        // Only digits: anything else is no page number, so the first page.
        [`${letterPage}?page=%2B2`, letterPage],
        [`${letterPage}?page=2.0`, letterPage],
        [`${letterPage}?page=002&x=1`, `${letterPage}?page=2`],
        [`${letterPage}?page=nonsense`, letterPage],
        [`${letterPage}?page=-3`, letterPage],
        [`${letterPage}?page=1000001`, letterPage],
        [`${letterPage}/signed?x=1`, `${letterPage}/signed`],
      ]
      for (const [asked, canonical] of redirects) {
        const response = await client.request(asked)
        expect(response.status, asked).toBe(301)
        expect(response.headers.get('location'), asked).toBe(canonical)
        expect(cacheOf(response), asked).toBeNull()
      }
      // The canonical addresses are drawn once and kept.
      for (const canonical of [
        '/',
        '/statements',
        '/statements?kind=open_letter',
        '/trusts?status=confirmed&region=london&sort=-region',
        '/search?q=police',
        statementPage,
        letterPage,
      ]) {
        await cached(canonical)
      }
    },
  )

  it.skipIf(skip)(
    'answers a page of signatures past the last, or on a statement that is not a letter, with the first page’s address',
    async () => {
      for (const asked of [
        `/statements/${letter.slug}?page=2`,
        `/statements/${statement.slug}?page=2`,
      ]) {
        const response = await client.request(asked)
        expect(response.status, asked).toBe(307)
        expect(response.headers.get('location'), asked).toBe(asked.replace(/\?page=2$/, ''))
      }
    },
  )

  it.skipIf(skip)('links only to canonical addresses from the pages with filters', async () => {
    for (const page of [
      '/trusts',
      '/trusts?status=confirmed&sort=-name',
      '/statements',
      '/updates',
    ]) {
      const html = (await client.request<string>(page)).body
      const links = [...html.matchAll(/href="(\/(?:trusts|statements|updates)\?[^"]*)"/g)].map(
        ([, href]) => href.replaceAll('&amp;', '&'),
      )
      for (const link of links) {
        expect((await client.request(link)).status, `${link} on ${page}`).toBe(200)
      }
    }
  })

  it.skipIf(skip)(
    'refuses a document id spelt otherwise than the database writes it with a 404 (probe: a new entry each)',
    async () => {
      const id = String(statement.id)
      await cached(`/api/statements/${id}`)
      const spellings =
        dialect === 'mongodb'
          ? [`${id}0`, `0${id}`, ...(id.toUpperCase() === id ? [] : [id.toUpperCase()])]
          : [`0${id}`, `00${id}`, `${id}.0`, `%2B${id}`, `+${id}`, `${id}e0`, `${id}abc`, `0x${id}`]
      for (const spelling of spellings) {
        for (const path of [
          `/api/statements/${spelling}`,
          `/api/statements/versions/${spelling}`,
        ]) {
          const response = await client.request<ErrorBody>(path)
          expect(response.status, path).toBe(404)
          expect(response.body.errors?.[0]?.message, path).toMatch(
            /^There is no statement with the id/,
          )
        }
        // Nor is the document changed or deleted through another spelling.
        const patched = await client.request(`/api/statements/${spelling}`, {
          method: 'PATCH',
          auth: editor,
          body: { title: 'Renamed through another spelling' },
        })
        expect(patched.status, spelling).toBe(404)
      }
    },
  )

  it.skipIf(skip)(
    'gives REST spellings of one question one entry, and questions that may differ their own',
    async () => {
      const where = `where[kind][equals]=statement&where[title][like]=spellings`
      await cached(`/api/statements?limit=10&depth=0&${where}`)
      for (const same of [
        `/api/statements?limit=010&depth=00&${where}`,
        `/api/statements?depth=0&where[title][like]=spellings&where[kind][equals]=statement&limit=10`,
        `/api/statements?limit=10&depth=0&${where}&junk=1`,
      ]) {
        expect(cacheOf(await client.request(same)), same).toBe('HIT')
      }
      // Payload refuses page 0: it must not be answered from page 1's entry.
      await cached('/api/statements?page=1')
      const zero = await client.request('/api/statements?page=0')
      expect(zero.status).toBe(400)
      // Repeated keys are a list to Payload, not the first value.
      const repeated = await client.request('/api/statements?limit=10&limit=10&depth=0')
      expect(cacheOf(repeated)).not.toBe('HIT')
    },
  )
})
