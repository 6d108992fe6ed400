// `npm run bench:sign`: 5,000 distinct signatures at 64 connections against the production
// server on a fresh SQLite database (loopback only, bounded by the request count), then a
// check that every accepted signature was stored once: 0 lost, 0 duplicated.
import { spawn, spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import autocannon from 'autocannon'

const TOTAL = Number(process.env.BENCH_SIGNATURES ?? 5000)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64)
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')

if (
  !fs.existsSync(path.join(root, 'dist/server.js')) ||
  !fs.existsSync(path.join(root, '.next/BUILD_ID'))
) {
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stopsim-bench-'))
const port = await freePort()
const base = `http://127.0.0.1:${port}`
const server = spawn(process.execPath, ['--conditions=production', 'dist/server.js'], {
  cwd: root,
  env: {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    SERVER_URL: base,
    DATABASE_URL: `file:${path.join(scratch, 'bench.db')}`,
    MEDIA_DIR: path.join(scratch, 'media'),
    PAYLOAD_SECRET: crypto.randomBytes(32).toString('hex'),
    SIGN_RATE_LIMIT_PER_MINUTE: '0',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
})
try {
  await new Promise((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
    server.stdout.on('data', (chunk) => String(chunk).includes('listening on') && resolve())
  })

  const admin = await json('POST', '/api/users/first-register', {
    email: 'bench@example.org',
    password: 'a-long-enough-bench-password',
    name: 'Bench',
  })
  const auth = { authorization: `JWT ${admin.token}` }
  const { doc: letter } = await json(
    'POST',
    '/api/statements',
    {
      title: 'Benchmark letter',
      kind: 'open_letter',
      _status: 'published',
      contentWarnings: { reviewed: true },
    },
    auth,
  )

  let sent = 0
  let accepted = 0
  const result = await autocannon({
    url: `${base}/api/signatories/sign`,
    connections: CONNECTIONS,
    amount: TOTAL,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          sent += 1
          return {
            ...request,
            body: JSON.stringify({
              letter: letter.slug,
              name: `Bench Signer ${sent}`,
              role: 'Nurse',
              email: `bench-${sent}@example.org`,
              display: 'full',
              consent: true,
            }),
          }
        },
        onResponse: (status) => {
          if (status === 202) accepted += 1
        },
      },
    ],
  })

  const stored = await json(
    'GET',
    `/api/signatories?limit=1&depth=0&where[letter][equals]=${letter.id}`,
    undefined,
    auth,
  )
  const report = {
    signatures: TOTAL,
    connections: CONNECTIONS,
    acceptedPerSecond: Math.round((accepted / result.duration) * 10) / 10,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    accepted,
    stored: stored.totalDocs,
    lost: accepted - stored.totalDocs,
    // The unique index per email and letter makes a duplicate impossible to store; this shows
    // that no request stored more than one row either.
    duplicated: Math.max(0, stored.totalDocs - accepted),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    durationSeconds: result.duration,
  }
  console.table({
    'accepted / s': report.acceptedPerSecond,
    'p50 ms': report.latencyMs.p50,
    'p99 ms': report.latencyMs.p99,
    accepted: report.accepted,
    stored: report.stored,
    lost: report.lost,
    duplicated: report.duplicated,
    'errors + timeouts': report.errors + report.timeouts,
  })
  fs.mkdirSync(path.join(root, 'bench'), { recursive: true })
  fs.writeFileSync(
    path.join(root, 'bench/sign-results.json'),
    `${JSON.stringify(report, null, 2)}\n`,
  )
  if (report.lost !== 0 || report.duplicated !== 0 || report.accepted !== TOTAL) {
    console.error('FAILED: every signature sent must be accepted and stored exactly once')
    process.exitCode = 1
  }
} finally {
  server.kill('SIGTERM')
  await new Promise((resolve) => server.once('exit', resolve))
  fs.rmSync(scratch, { recursive: true, force: true })
}

async function json(method, route, body, headers = {}) {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body ? JSON.stringify(body) : undefined,
  })
  const parsed = await response.json()
  if (!response.ok)
    throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(parsed)}`)
  return parsed
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address()
      probe.close(() => resolve(free))
    })
  })
}
