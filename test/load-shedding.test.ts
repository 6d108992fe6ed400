import http, { type IncomingMessage } from 'node:http'
import net from 'node:net'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { Lane } from '../src/server/lanes'
import { missBudget } from '../src/server/rateLimits'
import { type Auth, api } from './helpers/api'
import { type RunningServer, startServer } from './helpers/server'
import { createTeam } from './helpers/team'

type ErrorBody = { errors?: { message: string }[] }

// Tight bounds, so that a test can reach them: one anonymous miss at a time with two waiting,
// a hundred misses a minute per client, and headers cut off after two seconds.
const BOUNDS = {
  PUBLIC_READ_CONCURRENCY: '1',
  PUBLIC_READ_QUEUE: '2',
  QUEUE_WAIT_MS: '3000',
  MISSES_PER_MINUTE: '100',
  KEEP_ALIVE_TIMEOUT_MS: '1500',
  HEADERS_TIMEOUT_MS: '2000',
  REQUEST_TIMEOUT_MS: '3000',
}

describe('shedding load on the real server', () => {
  let server: RunningServer
  let client: ReturnType<typeof api>
  let editor: Auth
  let question = 0
  // A question no one has asked: always a miss.
  const fresh = () => `/api/statements?depth=3&where[title][like]=never-asked-${(question += 1)}`

  beforeAll(async () => {
    // On PostgreSQL a query leaves the event loop free while it waits, so requests pile up in
    // the lane (SQLite's local driver runs each query to the end before taking the next request).
    server = await startServer('postgres', BOUNDS)
    client = api(server.url)
    editor = { token: (await createTeam(server.url)).editor.token }
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('answers misses past its bounds with 503, Retry-After and a message, never 500', async () => {
    const cached = '/api/statements?depth=0'
    await client.request(cached)
    // Each on a connection of its own, all at once.
    const burst = Array.from({ length: 40 }, () => rawGet(server.url, fresh()))
    // While the burst waits for its turn, hits and health checks are answered at once.
    const hit = await client.request(cached)
    expect(hit.status).toBe(200)
    expect(hit.headers.get('x-cache')).toBe('HIT')
    expect((await client.request('/healthz')).status).toBe(200)
    expect((await client.request('/readyz')).status).toBe(200)

    const answers = await Promise.all(burst)
    const statuses = answers.map((answer) => answer.status)
    expect(
      statuses.every((status) => [200, 503].includes(status)),
      String(statuses),
    ).toBe(true)
    const refused = answers.filter((answer) => answer.status === 503)
    expect(refused.length, String(statuses)).toBeGreaterThan(0)
    for (const answer of refused) {
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(JSON.parse(answer.body).errors?.[0]?.message).toMatch(/busy.*try again/i)
    }
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(0)
  })

  it('answers 429 past a client’s miss budget, and still serves that client from the cache', async () => {
    const cached = '/api/statements?depth=1'
    await client.request(cached)
    let over: Awaited<ReturnType<typeof client.request<ErrorBody>>> | undefined
    for (let attempt = 0; attempt < 120 && !over; attempt += 1) {
      const answer = await client.request<ErrorBody>(fresh())
      expect([200, 429]).toContain(answer.status)
      if (answer.status === 429) over = answer
    }
    expect(over, 'the budget ran out').toBeDefined()
    expect(Number(over?.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(over?.body.errors?.[0]?.message).toMatch(/Too many new requests/)

    const hit = await client.request(cached)
    expect(hit.status).toBe(200)
    expect(hit.headers.get('x-cache')).toBe('HIT')
    // Editors have a lane of their own, without the anonymous budget.
    const signedIn = await client.request(fresh(), { auth: editor })
    expect(signedIn.status).toBe(200)
    // A forged token is no way into it.
    const forged = await client.request<ErrorBody>(fresh(), { auth: { token: 'forged' } })
    expect(forged.status).toBe(429)
    // GraphQL over HTTP is refused the same way, not with a 400 (probe: 400).
    const graphql = await client.graphql(
      `{ Statements(where: { title: { like: "never-asked-${(question += 1)}" } }) { totalDocs } }`,
    )
    expect(graphql.status, JSON.stringify(graphql.body)).toBe(429)
    expect(Number(graphql.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('cuts off a client that sends its headers too slowly', async () => {
    const { port } = new URL(server.url)
    const socket = net.connect(Number(port), '127.0.0.1')
    await new Promise((resolve) => socket.once('connect', resolve))
    const started = Date.now()
    let received = ''
    socket.on('data', (chunk) => (received += chunk))
    // The headers are never finished.
    socket.write('GET /api/statements HTTP/1.1\r\nHost: localhost\r\nX-Slow: ')
    const closed = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 15_000)
      socket.once('close', () => {
        clearTimeout(timer)
        resolve(true)
      })
    })
    socket.destroy()
    expect(closed, 'the server closed the connection').toBe(true)
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(received).toMatch(/^HTTP\/1\.1 408|^$/)
  })
})

// A small cache (128 KiB), so that a flood can fill it many times over, behind a proxy (TRUST_PROXY), so
// that each simulated client speaks from its own address as a deployment sees them.
const SMALL_CACHE = {
  API_CACHE_MAX_BYTES: String(128 * 1024),
  // Long enough that no answer expires during a test: only eviction could take it.
  API_CACHE_SECONDS: '3600',
  TRUST_PROXY: '1',
  MISSES_PER_MINUTE: '50',
  // A thousand refusals in a row: each sent at once.
  REFUSAL_DELAY_MS: '0',
}
const FLOOD = 1000

describe('the read cache under a flood of one-off questions', () => {
  let server: RunningServer
  let client: ReturnType<typeof api>
  let question = 0
  const from = (address: string) => ({ headers: { 'x-forwarded-for': address } })
  const oneOff = () => `/api/statements?depth=0&where[title][like]=one-off-${(question += 1)}`
  /** `count` one-off questions, a few at a time, each from the address `addressOf` gives it. */
  const flood = async (count: number, addressOf: (index: number) => string) => {
    const statuses: number[] = []
    for (let index = 0; index < count; index += 8) {
      const batch = Array.from({ length: Math.min(8, count - index) }, (_, offset) =>
        client.request(oneOff(), from(addressOf(index + offset))),
      )
      statuses.push(...(await Promise.all(batch)).map((answer) => answer.status))
    }
    return statuses
  }

  beforeAll(async () => {
    server = await startServer('sqlite', SMALL_CACHE)
    client = api(server.url)
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('keeps an answer asked for often while thousands asked for once come and go', async () => {
    const hot = '/api/statements?depth=0&limit=5'
    const reader = from('198.51.100.1')
    expect((await client.request(hot, reader)).headers.get('x-cache')).toBe('MISS')
    for (let read = 0; read < 3; read += 1) {
      expect((await client.request(hot, reader)).headers.get('x-cache')).toBe('HIT')
    }
    // A crowd of addresses, each within its budget: every one of these is a miss that is stored.
    const statuses = await flood(FLOOD, (index) => `10.${index >> 8}.${index & 255}.1`)
    expect(
      statuses.every((status) => status === 200),
      String(new Set(statuses)),
    ).toBe(true)
    const after = await client.request(hot, reader)
    expect(after.status).toBe(200)
    expect(after.headers.get('x-cache')).toBe('HIT')
  })

  it('stores nothing for a client past its miss budget, so its answers displace no one’s', async () => {
    const attacker = '203.0.113.7'
    // The attacker spends its budget first, then another reader's answer is stored once.
    const spent = await flood(60, () => attacker)
    expect(spent.filter((status) => status === 429).length).toBeGreaterThan(0)
    const once = '/api/statements?depth=0&limit=7'
    const reader = from('198.51.100.2')
    expect((await client.request(once, reader)).headers.get('x-cache')).toBe('MISS')
    const refused = await flood(FLOOD, () => attacker)
    expect(
      refused.every((status) => status === 429),
      String(new Set(refused)),
    ).toBe(true)
    const over = await client.request<ErrorBody>(oneOff(), from(attacker))
    expect(over.status).toBe(429)
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(over.body.errors?.[0]?.message).toMatch(/Too many new requests/)
    const again = await client.request(once, reader)
    expect(again.status).toBe(200)
    expect(again.headers.get('x-cache')).toBe('HIT')
  })
})

describe('the arithmetic of the time budget', () => {
  const budgetOf = () =>
    missBudget({
      perMinute: 0,
      timeMsPerMinute: 15_000,
      refusalDelayMs: 0,
      clientOf: () => '203.0.113.9',
    })
  const request = {} as IncomingMessage

  it('charges a long answer in full (probe 3: a 7 s GraphQL query cost a second, eight a minute went on)', async () => {
    const budget = budgetOf()
    expect(await budget.spend(request)).toBeUndefined()
    budget.charge(request, 7_000)
    // 2.5 s may be spent at once and 15 s come back a minute: 4.5 s overdrawn, and a quarter of
    // the burst to come back, is about 20 s.
    expect(await budget.spend(request)).toBeGreaterThanOrEqual(19)
  })

  it('keeps no client out for more than about a minute, however long its answer took', async () => {
    const budget = budgetOf()
    budget.charge(request, 3_600_000)
    expect(await budget.spend(request)).toBeLessThanOrEqual(75)
  })
})

describe('the budget of Payload’s time per client', () => {
  let server: RunningServer

  beforeAll(async () => {
    // Behind a proxy, so that two clients can be told apart on loopback; a second of Payload's
    // time a minute each, and no count of misses.
    server = await startServer('sqlite', {
      TRUST_PROXY: '1',
      MISSES_PER_MINUTE: '0',
      MISS_SECONDS_PER_MINUTE: '1',
      API_CACHE_SECONDS: '1',
    })
    const team = await createTeam(server.url)
    for (let index = 0; index < 30; index += 1) {
      const created = await api(server.url).request('/api/statements', {
        method: 'POST',
        auth: team.editor,
        body: {
          title: `Costly question ${index}`,
          kind: 'statement',
          _status: 'published',
          contentWarnings: { reviewed: true },
        },
      })
      expect(created.status).toBe(201)
    }
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('refuses a client whose few questions cost much, and no one else (probe: 290 a minute went on)', async () => {
    const from = (address: string) => ({ 'x-forwarded-for': address })
    const heavy = api(server.url)
    let question = 0
    const costly = () =>
      `/api/statements?limit=100&depth=3&where[title][not_equals]=never-${(question += 1)}`
    const cached = '/api/statements?limit=1&depth=0'
    expect((await heavy.request(cached, { headers: from('203.0.113.7') })).status).toBe(200)

    const statuses: number[] = []
    let refusal: Awaited<ReturnType<typeof heavy.request<ErrorBody>>> | undefined
    // Far fewer than any count of misses would stop: their cost is what runs out.
    for (let attempt = 0; attempt < 60 && !refusal; attempt += 1) {
      const answer = await heavy.request<ErrorBody>(costly(), { headers: from('203.0.113.7') })
      statuses.push(answer.status)
      if (answer.status === 429) refusal = answer
    }
    expect(refusal, `refused after ${statuses.length}: ${statuses}`).toBeDefined()
    expect(statuses.slice(0, -1).every((status) => status === 200)).toBe(true)
    expect(Number(refusal?.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(refusal?.body.errors?.[0]?.message).toMatch(/Too many new requests/)
    // Its cached answer is now past its time (a second), and refreshing it would be a miss:
    // while refused (at least 2.5 s here), the client is given the answer it had rather than
    // nothing (a write would have dropped it).
    await new Promise((resolve) => setTimeout(resolve, 600))
    const stale = await heavy.request(cached, { headers: from('203.0.113.7') })
    expect(stale.status).toBe(200)
    expect(stale.headers.get('x-cache')).toBe('HIT')
    // Credentials Payload will not accept still keep a request from the cache.
    const forged = await heavy.request(cached, {
      headers: { ...from('203.0.113.7'), authorization: 'JWT forged' },
    })
    expect(forged.status).toBe(429)
    expect(forged.headers.get('x-cache')).toBeNull()
    // Refused again while it waits, in the same words and with the same headers.
    const again = await heavy.request<ErrorBody>(costly(), { headers: from('203.0.113.7') })
    expect(again.status).toBe(429)
    expect(again.body.errors?.[0]?.message).toMatch(/Too many new requests/)
    expect(again.headers.get('content-security-policy')).toContain("object-src 'none'")
    expect(again.headers.get('x-request-id')).toBeTruthy()
    // Its reads of what is cached go on (however long its refusal lasts by now), and another
    // client's questions are answered.
    const hit = await heavy.request(cached, { headers: from('203.0.113.7') })
    expect(hit.status).toBe(200)
    const other = await heavy.request(costly(), { headers: from('198.51.100.20') })
    expect(other.status).toBe(200)
    // Health checks are never refused for it.
    const health = await heavy.request('/healthz', { headers: from('203.0.113.7') })
    expect(health.status).toBe(200)
  })
})

/** A GET on a connection of its own, so that many can arrive at the server at once. */
function rawGet(
  baseUrl: string,
  path: string,
): Promise<{ status: number; headers: { get: (name: string) => string | null }; body: string }> {
  const { hostname, port } = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const request = http.get({ hostname, port, path, agent: false }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: { get: (name) => (response.headers[name] as string | undefined) ?? null },
          body,
        }),
      )
    })
    request.on('error', reject)
  })
}

describe('a lane', () => {
  it('gives each holder at most its share, so one account cannot fill it (probe: 9 slow uploads)', async () => {
    const lane = new Lane('test', { concurrency: 3, queue: 10, maxWaitMs: 500, perHolder: 1 })
    const first = await lane.enter('artist')
    expect(first).toBeDefined()
    // The artist's next request waits for its own first to finish, however many places are free.
    let artistAgain: (() => void) | undefined
    const waiting = lane.enter('artist').then((leave) => (artistAgain = leave))
    // Others pass the artist's waiting request by.
    const editor = await lane.enter('editor')
    const admin = await lane.enter('admin')
    expect(editor, 'the editor goes first').toBeDefined()
    expect(admin, 'so does the admin').toBeDefined()
    expect(artistAgain).toBeUndefined()
    editor!()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(artistAgain, 'a free place is not the artist’s while its first runs').toBeUndefined()
    first!()
    await waiting
    expect(artistAgain, 'its turn, once its first left').toBeDefined()
    artistAgain!()
    admin!()
  })

  it('lets `concurrency` work at once and `queue` wait, in order, and refuses the rest', async () => {
    const lane = new Lane('test', { concurrency: 1, queue: 1, maxWaitMs: 200 })
    const first = await lane.enter()
    expect(first).toBeDefined()
    const second = lane.enter()
    expect(await lane.enter(), 'beyond the queue').toBeUndefined()
    first!()
    first!()
    const admitted = await second
    expect(admitted, 'the waiting one, once the first left').toBeDefined()
    // Nobody leaves: the next one waits maxWaitMs and is refused.
    expect(await lane.enter()).toBeUndefined()
    admitted!()
    expect(await lane.enter()).toBeDefined()
  })
})
