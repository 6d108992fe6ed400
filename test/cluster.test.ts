import crypto from 'node:crypto'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createTestDatabase, type TestDatabase } from './helpers/databases'
import { freePort, runServerExpectingExit, type RunningServer, startServer } from './helpers/server'
import { createTeam, type Team } from './helpers/team'

// WEB_CONCURRENCY: one `node dist/server.js` starting several server processes that share its
// port (node:cluster), as one box with more than one core runs on PostgreSQL.

const REDIS_URL = process.env.TEST_REDIS_URL
const REVIEWED = { contentWarnings: { reviewed: true } }

type Answer<T> = { status: number; body: T; requestId: string }

/**
 * One keep-alive connection: the cluster hands each new connection to a worker, and every
 * request on it is then answered by that worker.
 */
function pinnedConnection(base: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const request = <T = Record<string, unknown>>(
    route: string,
    {
      method = 'GET',
      body,
      headers = {},
    }: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) =>
    new Promise<Answer<T>>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body)
      const sent = http.request(
        new URL(route, base),
        {
          method,
          agent,
          headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...headers },
        },
        (response) => {
          let text = ''
          response.setEncoding('utf8')
          response.on('data', (chunk) => (text += chunk))
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              body: (text ? JSON.parse(text) : {}) as T,
              requestId: String(response.headers['x-request-id']),
            }),
          )
        },
      )
      sent.on('error', reject)
      sent.end(payload)
    })
  return { request, close: () => agent.destroy() }
}
type Pinned = ReturnType<typeof pinnedConnection>

/** Each worker's log lines carry its pid; `listening on` once per worker start. */
const listeningPids = (output: string) =>
  [...output.matchAll(/"pid":(\d+)[^\n]*stopsim-cms listening on/g)].map((match) =>
    Number(match[1]),
  )

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return
    await sleep(50)
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
}

describe('WEB_CONCURRENCY', () => {
  it('refuses more than one process on SQLite, saying why', async () => {
    const { code, output } = await runServerExpectingExit({
      DATABASE_URL: `file:${path.join(os.tmpdir(), `stopsim-cluster-${process.pid}.db`)}`,
      PAYLOAD_SECRET: crypto.randomBytes(32).toString('hex'),
      WEB_CONCURRENCY: '2',
    })
    expect(code).toBe(1)
    expect(output).toMatch(
      /WEB_CONCURRENCY above 1 needs PostgreSQL \(DATABASE_URL=postgres:\/\/…\): SQLite lets one process write at a time.*Set WEB_CONCURRENCY=1\./,
    )
    expect(output).not.toContain('listening on')
  })

  it(
    'gives up with a failing exit code when the workers keep dying at start',
    { timeout: 300_000 },
    async () => {
      // Nothing listens there: every worker fails to reach the database. Five processes, so
      // that the five failed starts the primary waits for come at once: starts that take
      // seconds on an idle machine take a minute or more on a busy one.
      const closedPort = await freePort()
      const { code, output } = await runServerExpectingExit(
        {
          DATABASE_URL: `postgres://stopsim:stopsim@127.0.0.1:${closedPort}/stopsim`,
          HOST: '127.0.0.1',
          PORT: String(await freePort()),
          PAYLOAD_SECRET: crypto.randomBytes(32).toString('hex'),
          WEB_CONCURRENCY: '5',
        },
        280_000,
      )
      // Started without REDIS_URL: the operator is told what that costs.
      expect(output).toMatch(/WEB_CONCURRENCY=5 without REDIS_URL: each process counts its own/)
      expect(output).toContain('workers keep failing at start; giving up')
      // A supervisor (systemd, a container runtime) must see that the server did not run.
      expect(code).toBe(1)
    },
  )

  describe('two processes on PostgreSQL, with Redis', () => {
    let database: TestDatabase
    let server: RunningServer
    let team: Team
    const connections: Pinned[] = []

    /** Which worker answered: the pid on the request's log line. */
    const pidOf = async (requestId: string) => {
      const line = new RegExp(`"pid":(\\d+)[^\\n]*"requestId":"${requestId}"`)
      let pid: number | undefined
      await waitFor(
        () => {
          pid = Number(line.exec(server.output())?.[1]) || undefined
          return pid !== undefined
        },
        5_000,
        `the log line of request ${requestId}`,
      )
      return pid!
    }
    const workerOf = async (connection: Pinned) =>
      pidOf((await connection.request('/healthz')).requestId)
    /** Two connections answered by different workers, and those workers' pids. */
    const twoWorkers = async () => {
      const byPid = new Map<number, Pinned>()
      for (let tries = 0; tries < 8 && byPid.size < 2; tries++) {
        const connection = pinnedConnection(server.url)
        connections.push(connection)
        const pid = await workerOf(connection)
        if (!byPid.has(pid)) byPid.set(pid, connection)
      }
      expect(byPid.size, 'two workers answer').toBe(2)
      return [...byPid.entries()]
    }

    beforeAll(async () => {
      if (!REDIS_URL) {
        throw new Error('TEST_REDIS_URL is not set: run the suite with `npm test`.')
      }
      database = await createTestDatabase('postgres')
      server = await startServer(
        'postgres',
        {
          WEB_CONCURRENCY: '2',
          // As the README advises for WEB_CONCURRENCY: the processes share limits and cache
          // notices through Redis.
          REDIS_URL,
          REDIS_KEY_PREFIX: `stopsim-cluster-${crypto.randomBytes(4).toString('hex')}:`,
          SIGN_RATE_LIMIT_PER_MINUTE: '3',
          TRUST_PROXY: 'loopback',
          API_CACHE_SECONDS: '60',
        },
        { database },
      )
      await waitFor(() => listeningPids(server.output()).length === 2, 90_000, 'both workers')
      team = await createTeam(server.url)
    })

    afterAll(async () => {
      for (const connection of connections) connection.close()
      await server?.stop()
      await database?.drop()
    })

    it('answers from two processes that share writes, the read cache and the sign limit', async () => {
      const [[, one], [, two]] = await twoWorkers()
      const editor = { authorization: `JWT ${team.editor.token}` }
      const draft = await one.request<{ doc: { id: number; slug: string } }>(
        '/api/statements?draft=true',
        { method: 'POST', headers: editor, body: { title: 'Written by one process', ...REVIEWED } },
      )
      expect(draft.status, JSON.stringify(draft.body)).toBe(201)
      const listing = `/api/statements?where[id][equals]=${draft.body.doc.id}&depth=0`
      expect((await two.request<{ docs: unknown[] }>(listing)).body.docs).toHaveLength(0)
      const published = await one.request(`/api/statements/${draft.body.doc.id}`, {
        method: 'PATCH',
        headers: editor,
        body: { _status: 'published' },
      })
      expect(published.status, JSON.stringify(published.body)).toBe(200)
      const publishedAt = Date.now()
      let seen: unknown[]
      do seen = (await two.request<{ docs: unknown[] }>(listing)).body.docs
      while (seen.length === 0 && Date.now() - publishedAt < 100)
      expect(seen, 'the other process shows it at once').toHaveLength(1)

      const letter = await one.request<{ doc: { slug: string } }>('/api/statements', {
        method: 'POST',
        headers: editor,
        body: {
          title: 'A letter signed through two processes',
          kind: 'open_letter',
          signing: { open: true },
          _status: 'published',
          ...REVIEWED,
        },
      })
      expect(letter.status, JSON.stringify(letter.body)).toBe(201)
      const statuses: number[] = []
      for (const [index, connection] of [one, two, one, two].entries()) {
        const signed = await connection.request('/api/signatories/sign', {
          method: 'POST',
          headers: { 'x-forwarded-for': '198.51.100.40' },
          body: {
            letter: letter.body.doc.slug,
            name: `Signer ${index}`,
            role: 'Advocate',
            email: `cluster-${index}@example.org`,
            display: 'full',
            consent: true,
            website: '',
          },
        })
        statuses.push(signed.status)
      }
      expect(statuses, 'a limit of 3 a minute, counted across both').toEqual([202, 202, 202, 429])
    })

    it('starts another process when one dies', { timeout: 120_000 }, async () => {
      const [[victim], [survivor]] = await twoWorkers()
      process.kill(victim, 'SIGKILL')
      await waitFor(
        () => server.output().includes(`worker ${victim} ended (SIGKILL); starting another`),
        10_000,
        'the primary to notice',
      )
      await waitFor(
        () => listeningPids(server.output()).length === 3,
        90_000,
        'a new worker to listen',
      )
      const replacement = listeningPids(server.output())[2]!
      expect([victim, survivor]).not.toContain(replacement)
      const pids = new Set((await twoWorkers()).map(([pid]) => pid))
      expect(pids).toEqual(new Set([survivor, replacement]))
      expect(server.child.exitCode).toBeNull()
    })

    it(
      'on SIGTERM finishes the requests in flight, starts no new process, and stops',
      { timeout: 120_000 },
      async () => {
        const [[busy, slow], [idle]] = await twoWorkers()
        const editor = { authorization: `JWT ${team.editor.token}` }
        const created = await slow.request<{ doc: { id: number } }>('/api/statements?draft=true', {
          method: 'POST',
          headers: editor,
          body: { title: 'Saved while the server stops', ...REVIEWED },
        })
        expect(created.status).toBe(201)
        // The test holds the statement's row, so a save of it waits in mid-request.
        const holder = new pg.Client({ connectionString: database.url })
        holder.on('error', () => {})
        await holder.connect()
        let inFlight: Promise<Answer<Record<string, unknown>>>
        const startedBefore = listeningPids(server.output()).length
        try {
          await holder.query('begin')
          await holder.query('select id from statements where id = $1 for update', [
            created.body.doc.id,
          ])
          inFlight = slow.request(`/api/statements/${created.body.doc.id}?draft=true`, {
            method: 'PATCH',
            headers: editor,
            body: { title: 'Saved while the server stops, after all' },
          })
          await waitFor(
            async () =>
              (
                await holder.query(
                  `select 1 from pg_stat_activity
                   where datname = current_database() and wait_event_type = 'Lock'`,
                )
              ).rowCount! > 0,
            30_000,
            'the save to wait for the row',
          )
          // The other process dies just before the stop: its restart, due a second later,
          // must not happen once the server is stopping.
          process.kill(idle, 'SIGKILL')
          await waitFor(
            () => server.output().includes(`worker ${idle} ended`),
            10_000,
            'the primary to notice',
          )
          server.child.kill('SIGTERM')
          await sleep(2_500)
          expect(server.child.exitCode, 'still finishing the save').toBeNull()
        } finally {
          await holder.query('rollback').catch(() => {})
          await holder.end().catch(() => {})
        }
        const saved = await inFlight!
        expect(saved.status, JSON.stringify(saved.body)).toBe(200)
        const exitCode = await Promise.race([
          new Promise<number | null>((resolve) =>
            server.child.exitCode !== null
              ? resolve(server.child.exitCode)
              : server.child.once('exit', (code) => resolve(code)),
          ),
          sleep(30_000).then(() => 'still running'),
        ])
        expect(exitCode).toBe(0)
        expect(listeningPids(server.output()).length, 'no process started after SIGTERM').toBe(
          startedBefore,
        )
        expect(server.output()).toMatch(new RegExp(`"pid":${busy}[^\\n]*stopped cleanly`))
      },
    )
  })
})
