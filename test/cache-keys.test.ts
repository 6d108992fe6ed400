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
  })
  afterAll(async () => {
    await server?.stop()
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
