import fs from 'node:fs'
import http from 'node:http'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { sqliteFilePath } from '../src/db'
import { MAX_LOGIN_ATTEMPTS } from '../src/collections/Users'
import { type Auth, api } from './helpers/api'
import { dropPostgresDatabase, testDialects } from './helpers/databases'
import { type RunningServer, startServer } from './helpers/server'

const PASSWORD = 'a-long-enough-test-password'
const FRONT_END = 'https://front.stopsim.example'
const FOREIGN = 'https://evil.example'

type ErrorBody = { errors?: { message: string }[] }
type UserBody = { id: number | string; roles?: string[]; email?: string }

describe.each(testDialects())('the real server on $dialect', ({ dialect, skip }) => {
  let server: RunningServer
  let client: ReturnType<typeof api>
  let admin: Auth
  let editor: Auth & { userId: number | string }
  let moderator: Auth

  beforeAll(async () => {
    if (skip) return
    server = await startServer(dialect, { CORS_ORIGINS: FRONT_END })
    client = api(server.url)
  })
  afterAll(async () => {
    await server?.stop()
  })

  it.skipIf(skip)('answers health and readiness checks', async () => {
    const health = await client.request('/healthz')
    expect(health).toMatchObject({ status: 200, body: { status: 'ok' } })
    const ready = await client.request('/readyz')
    expect(ready).toMatchObject({ status: 200, body: { status: 'ready' } })
  })

  it.skipIf(skip || dialect !== 'sqlite')(
    'keeps an idle connection open longer than a load balancer would',
    async () => {
      // Node's default closes it after 5 s, so a load balancer reusing it would get an error.
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
      const get = () =>
        new Promise<boolean>((resolve, reject) => {
          const request = http.get(`${server.url}/healthz`, { agent }, (response) => {
            response.resume()
            response.on('end', () => resolve(request.reusedSocket))
          })
          request.on('error', reject)
        })
      expect(await get()).toBe(false)
      await new Promise((resolve) => setTimeout(resolve, 6_500))
      expect(await get(), 'the same connection served the second request').toBe(true)
      agent.destroy()
    },
  )

  it.skipIf(skip)('serves the admin panel with security headers', async () => {
    const response = await fetch(`${server.url}/admin/login`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/html')
    expect(response.headers.get('content-security-policy')).toContain("object-src 'none'")
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(response.headers.get('x-powered-by')).toBeNull()
    expect(await response.text()).toContain('<html')
  })

  it.skipIf(skip)(
    'answers a repeated anonymous read from its cache as the first answer was sent',
    async () => {
      // Hits are answered before Express: what Express adds must be there all the same.
      const headersOf = (response: Response) =>
        Object.fromEntries(
          [...response.headers].filter(([name]) => !['date', 'x-request-id'].includes(name)),
        )
      const graphqlBody = JSON.stringify({ query: '{ Trusts(limit: 2) { docs { name } } }' })
      const reads: [string, RequestInit][] = [
        ['/api/trusts?limit=2&depth=0', { headers: { origin: FRONT_END } }],
        ['/api/trusts?limit=2&depth=0', { method: 'HEAD' }],
        ['/trusts', { headers: { 'accept-encoding': 'gzip' } }],
        [
          '/api/graphql',
          { method: 'POST', headers: { 'content-type': 'application/json' }, body: graphqlBody },
        ],
      ]
      for (const [path, init] of reads) {
        const first = await fetch(`${server.url}${path}`, init)
        const firstBody = await first.arrayBuffer()
        const again = await fetch(`${server.url}${path}`, init)
        expect(first.status, `${init.method ?? 'GET'} ${path}`).toBe(200)
        expect(again.headers.get('x-cache'), path).toBe('HIT')
        expect(headersOf(again), path).toEqual({ ...headersOf(first), 'x-cache': 'HIT' })
        expect(again.headers.get('x-request-id')).toMatch(/^[\w-]{36}$/)
        expect(again.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'))
        expect(Buffer.from(await again.arrayBuffer())).toEqual(Buffer.from(firstBody))
        expect(again.headers.get('content-security-policy')).toContain("object-src 'none'")
      }
      // The stored GraphQL answer is for JSON only; the same text sent as plain text goes on,
      // and its body must still reach whoever answers it.
      const plain = await fetch(`${server.url}/api/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: graphqlBody,
      })
      expect(plain.headers.get('x-cache')).toBeNull()
      expect(plain.status).toBeGreaterThanOrEqual(400)
      expect(plain.status).toBeLessThan(500)
      // Hits are logged like any other request.
      const logged = server
        .output()
        .split('\n')
        .filter(
          (line) => line.includes('"route":"/api/trusts"') && line.includes('"msg":"request"'),
        )
      expect(logged.length).toBeGreaterThanOrEqual(4)
    },
  )

  it.skipIf(skip)('registers the first account as an admin, once', async () => {
    const first = await client.request<{ user: UserBody }>('/api/users/first-register', {
      method: 'POST',
      body: { email: 'admin@example.org', password: PASSWORD, name: 'Admin', roles: ['artist'] },
    })
    expect(first.status).toBe(200)
    expect(first.body.user.roles).toEqual(['admin'])
    const again = await client.request('/api/users/first-register', {
      method: 'POST',
      body: { email: 'second@example.org', password: PASSWORD, name: 'Second' },
    })
    expect(again.status).toBe(403)
    admin = await client.login('admin@example.org', PASSWORD)
  })

  it.skipIf(skip)('authenticates REST and GraphQL by JWT header and by cookie', async () => {
    const byToken = await client.request<{ user: UserBody | null }>('/api/users/me', {
      auth: { token: admin.token },
    })
    expect(byToken.body.user?.email).toBe('admin@example.org')
    // Browsers mark same-origin requests; a cookie arriving without Origin or Sec-Fetch-Site
    // (a script, not a browser) is not trusted: such clients send the JWT header instead.
    const byCookie = (headers: Record<string, string>) =>
      client.request<{ user: UserBody | null }>('/api/users/me', {
        auth: { cookie: admin.cookie },
        headers,
      })
    expect((await byCookie({ 'sec-fetch-site': 'same-origin' })).body.user?.email).toBe(
      'admin@example.org',
    )
    expect((await byCookie({ 'sec-fetch-site': 'cross-site' })).body.user).toBeNull()
    expect((await byCookie({})).body.user).toBeNull()
    const anonymous = await client.request<{ user: UserBody | null }>('/api/users/me')
    expect(anonymous.body.user).toBeNull()

    const graphql = await client.graphql<{ meUser: { user: UserBody | null } }>(
      '{ meUser { user { email roles } } }',
      {},
      { token: admin.token },
    )
    expect(graphql.body.data?.meUser.user).toMatchObject({
      email: 'admin@example.org',
      roles: ['admin'],
    })
  })

  it.skipIf(skip)('lets the admin create accounts with roles', async () => {
    for (const [email, roles] of [
      ['editor@example.org', ['editor']],
      ['moderator@example.org', ['moderator']],
    ] as const) {
      const created = await client.request<{ doc: UserBody }>('/api/users', {
        method: 'POST',
        auth: admin,
        body: { email, password: PASSWORD, name: email.split('@')[0], roles },
      })
      expect(created.status).toBe(201)
      expect(created.body.doc.roles).toEqual(roles)
    }
    editor = await client.login('editor@example.org', PASSWORD)
    moderator = await client.login('moderator@example.org', PASSWORD)

    const byEditor = await client.request<ErrorBody>('/api/users', {
      method: 'POST',
      auth: { token: editor.token },
      body: { email: 'sneaky@example.org', password: PASSWORD, name: 'Sneaky', roles: ['admin'] },
    })
    expect(byEditor.status).toBe(403)
  })

  it.skipIf(skip)('refuses self-promotion over REST with a 403 and a reason', async () => {
    const response = await client.request<ErrorBody>(`/api/users/${editor.userId}`, {
      method: 'PATCH',
      auth: { token: editor.token },
      body: { roles: ['admin'] },
    })
    expect(response.status).toBe(403)
    expect(response.body.errors?.[0]?.message).toBe('Only an admin can change roles.')
    await expectRoles(editor.userId, ['editor'])
  })

  it.skipIf(skip)('refuses self-promotion over GraphQL', async () => {
    const response = await client.graphql<{ updateUser: UserBody | null }>(
      `mutation { updateUser(id: ${JSON.stringify(editor.userId)}, data: { roles: [admin] }) { roles } }`,
      {},
      { token: editor.token },
    )
    expect(response.body.data?.updateUser ?? null).toBeNull()
    expect(response.body.errors?.[0]?.message).toBe('Only an admin can change roles.')
    await expectRoles(editor.userId, ['editor'])
  })

  it.skipIf(skip)(
    'locks an account after repeated failures; only an admin unlocks it',
    async () => {
      for (let attempt = 0; attempt < MAX_LOGIN_ATTEMPTS; attempt++) {
        const failed = await client.request('/api/users/login', {
          method: 'POST',
          body: { email: 'editor@example.org', password: 'wrong password' },
        })
        expect(failed.status).toBe(401)
      }
      const locked = await client.request<ErrorBody>('/api/users/login', {
        method: 'POST',
        body: { email: 'editor@example.org', password: PASSWORD },
      })
      expect(locked.status).toBe(401)
      expect(locked.body.errors?.[0]?.message).toMatch(/locked/i)

      const byModerator = await client.request('/api/users/unlock', {
        method: 'POST',
        auth: { token: moderator.token },
        body: { email: 'editor@example.org' },
      })
      expect(byModerator.status).toBe(403)
      const byAdmin = await client.request('/api/users/unlock', {
        method: 'POST',
        auth: { token: admin.token },
        body: { email: 'editor@example.org' },
      })
      expect(byAdmin.status).toBe(200)
      await client.login('editor@example.org', PASSWORD)
    },
  )

  it.skipIf(skip)('ignores the auth cookie when a foreign site sends it (CSRF)', async () => {
    const me = (origin: string) =>
      client.request<{ user: UserBody | null }>('/api/users/me', {
        auth: { cookie: admin.cookie },
        headers: { origin },
      })
    expect((await me(server.url)).body.user?.email).toBe('admin@example.org')
    expect((await me(FRONT_END)).body.user?.email).toBe('admin@example.org')
    expect((await me(FOREIGN)).body.user).toBeNull()
  })

  it.skipIf(skip)(
    'allows cross-origin reads only from the configured front ends (CORS)',
    async () => {
      const preflight = (origin: string) =>
        fetch(`${server.url}/api/users/me`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'GET' },
        })
      const allowed = await preflight(FRONT_END)
      expect(allowed.headers.get('access-control-allow-origin')).toBe(FRONT_END)
      const refused = await preflight(FOREIGN)
      expect(refused.headers.get('access-control-allow-origin')).not.toBe(FOREIGN)
      expect(refused.headers.get('access-control-allow-origin')).not.toBe('*')
    },
  )

  it.skipIf(skip)('refuses an oversized body with 413 before it reaches Payload', async () => {
    const response = await client.request<ErrorBody>('/api/users/login', {
      method: 'POST',
      body: { email: 'editor@example.org', password: 'x'.repeat(3 * 1024 * 1024) },
    })
    expect(response.status).toBe(413)
    expect(response.body.errors?.[0]?.message).toMatch(/too large/)
  })

  it.skipIf(skip)(
    'finishes an in-flight request on SIGTERM, refuses new ones, exits 0',
    async () => {
      const body = JSON.stringify({ email: 'editor@example.org', password: PASSWORD })
      const half = Math.floor(body.length / 2)
      const { port } = new URL(server.url)
      const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
        const request = http.request(
          {
            host: '127.0.0.1',
            port,
            path: '/api/users/login',
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
            },
          },
          (res) => {
            let text = ''
            res.on('data', (chunk) => (text += chunk))
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
          },
        )
        request.on('error', reject)
        request.write(body.slice(0, half))
        // The rest of the body arrives well after the signal.
        setTimeout(() => request.end(body.slice(half)), 1_500)
      })
      await new Promise((resolve) => setTimeout(resolve, 300))
      const exitCode = server.signal('SIGTERM')
      await new Promise((resolve) => setTimeout(resolve, 500))
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow()

      const finished = await response
      expect(finished.status).toBe(200)
      expect(JSON.parse(finished.text).user.email).toBe('editor@example.org')
      expect(await exitCode).toBe(0)
      expect(server.output()).toContain('stopped cleanly')
    },
  )

  async function expectRoles(id: number | string, roles: string[]) {
    const stored = await client.request<UserBody>(`/api/users/${id}`, {
      auth: { token: admin.token },
    })
    expect(stored.body.roles).toEqual(roles)
  }
})

describe.each(testDialects())('readiness on $dialect', ({ dialect, skip }) => {
  let server: RunningServer

  beforeAll(async () => {
    if (skip) return
    server = await startServer(dialect)
  })
  afterAll(async () => {
    await server?.stop()
  })

  // A MongoDB server given by TEST_MONGODB_URL is not ours to stop, and dropping a Mongo
  // database leaves the server answering pings.
  it.skipIf(skip || dialect === 'mongodb')(
    'reports 503 once the database is gone, while staying alive',
    async () => {
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200)
      await removeDatabase(server)
      const ready = await fetch(`${server.url}/readyz`)
      expect(ready.status).toBe(503)
      expect(await ready.json()).toMatchObject({ status: 'database unavailable' })
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    },
  )
})

async function removeDatabase(server: RunningServer) {
  const { dialect, url } = server.database
  if (dialect === 'sqlite') {
    const file = sqliteFilePath(url)
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true })
  } else {
    await dropPostgresDatabase(process.env.TEST_POSTGRES_URL!, new URL(url).pathname.slice(1))
  }
}
