// Shared by the benchmarks: the production server on a scratch SQLite database, on loopback.
import { spawn, spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import autocannon from 'autocannon'

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')

/** Builds the production server when there is no build yet. */
export function ensureBuild() {
  if (
    fs.existsSync(path.join(root, 'dist/server.js')) &&
    fs.existsSync(path.join(root, '.next/BUILD_ID'))
  ) {
    return
  }
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

/** A folder for one run's database and uploads, removed by `remove`. */
export function scratch() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stopsim-bench-'))
  return {
    dir,
    env: {
      DATABASE_URL: `file:${path.join(dir, 'bench.db')}`,
      MEDIA_DIR: path.join(dir, 'media'),
      PAYLOAD_SECRET: crypto.randomBytes(32).toString('hex'),
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  }
}

/**
 * The demo content (`npm run seed`) in the scratch database. Run from the scratch folder, so
 * that the demo logins it writes to data/demo-accounts.json stay there, and a developer's .env
 * is not read. Returns those logins.
 */
export function seedDemoContent(space) {
  const seeded = spawnSync(
    path.join(root, 'node_modules/.bin/tsx'),
    ['--conditions=development', path.join(root, 'src/cli/seed.ts')],
    {
      cwd: space.dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...space.env },
      encoding: 'utf8',
    },
  )
  if (seeded.status !== 0) {
    throw new Error(`seeding the demo content failed:\n${seeded.stdout}\n${seeded.stderr}`)
  }
  return JSON.parse(fs.readFileSync(path.join(space.dir, 'data/demo-accounts.json'), 'utf8'))
}

/** `node dist/server.js` as `npm start` runs it, on a free loopback port. */
export async function startServer(space, extraEnv = {}) {
  return startProcess(
    [process.execPath, '--conditions=production', 'dist/server.js'],
    space,
    extraEnv,
  )
}

/** The signing ceiling (bench/sign-ceiling.ts) on its own SQLite file in the scratch folder. */
export function startSignCeiling(space) {
  return startProcess(
    [path.join(root, 'node_modules/.bin/tsx'), '--conditions=development', 'bench/sign-ceiling.ts'],
    space,
    { CEILING_DATABASE: path.join(space.dir, 'ceiling.db') },
  )
}

export async function startProcess([command, ...args], space, extraEnv) {
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const server = spawn(command, args, {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      SERVER_URL: base,
      SIGN_RATE_LIMIT_PER_MINUTE: '0',
      LOGIN_RATE_LIMIT_PER_MINUTE: '0',
      ...space.env,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
    server.stdout.on('data', (chunk) => /listening( on)?\b/.test(String(chunk)) && resolve())
  })
  return {
    base,
    pid: server.pid,
    child: server,
    stop: async () => {
      server.kill('SIGTERM')
      await new Promise((resolve) => server.once('exit', resolve))
    },
  }
}

export async function json(base, method, route, body, headers = {}) {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body ? JSON.stringify(body) : undefined,
  })
  const parsed = await response.json()
  if (!response.ok) {
    throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(parsed)}`)
  }
  return parsed
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address()
      probe.close(() => resolve(free))
    })
  })
}

/**
 * `total` distinct signatures of a new open letter at `connections` at once, then a check that
 * every accepted signature was stored exactly once. `auth`: headers of an account that may
 * publish statements and list signatories.
 */
export async function signingBurst({ base, auth, total, connections }) {
  const { doc: letter } = await json(
    base,
    'POST',
    '/api/statements',
    {
      title: 'Benchmark letter',
      kind: 'open_letter',
      signing: { open: true },
      _status: 'published',
      contentWarnings: { reviewed: true },
    },
    auth,
  )
  const { result, accepted } = await signatureBurst({
    url: `${base}/api/signatories/sign`,
    letter: letter.slug,
    total,
    connections,
  })
  const stored = await json(
    base,
    'GET',
    `/api/signatories?limit=1&depth=0&where[letter][equals]=${letter.id}`,
    undefined,
    auth,
  )
  return {
    signatures: total,
    connections,
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
}

/**
 * `total` distinct signatures POSTed to `url` at `connections` at once, each answered 202 when
 * accepted; the same bodies for the CMS and for the signing ceiling (bench/sign-ceiling.ts).
 */
export async function signatureBurst({ url, letter, total, connections }) {
  let sent = 0
  let accepted = 0
  const result = await autocannon({
    url,
    connections,
    amount: total,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          sent += 1
          return {
            ...request,
            // Each signer from an address of its own, as a server behind a proxy (TRUST_PROXY)
            // sees a crowd; ignored by a server that trusts no proxy.
            headers: { ...request.headers, 'x-forwarded-for': signerAddress(sent) },
            body: JSON.stringify({
              letter,
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
  return { result, accepted }
}

/**
 * The address a simulated client speaks from, sent as X-Forwarded-For: a server started with
 * TRUST_PROXY (see startServer) then tells them apart as it would behind a load balancer, each
 * with its own budgets (MISSES_PER_MINUTE), instead of one loopback client sharing them all.
 * Documentation ranges (RFC 5737): readers, attackers and signers never share an address.
 */
export const clientAddress = {
  reader: '198.51.100.10',
  attacker: '203.0.113.66',
}
export const fromAddress = (address) => ({ 'x-forwarded-for': address })
const signerAddress = (index) => `192.0.2.${index % 250}`

/** No accepted signature was lost, none stored twice. */
export const signingBurstIntact = (report) => report.lost === 0 && report.duplicated === 0

/** Every signature sent must be accepted and stored exactly once. */
export const signingBurstHeld = (report) =>
  signingBurstIntact(report) && report.accepted === report.signatures

/** One autocannon run of `scenario` on `connections` (16 unless given), after a second of warm-up. */
export async function measure(scenario, seconds, connections = 16) {
  const result = await autocannon({
    url: scenario.url,
    method: scenario.method ?? 'GET',
    headers: scenario.headers,
    body: scenario.body,
    requests: scenario.setupRequest ? [{ setupRequest: scenario.setupRequest }] : undefined,
    connections,
    duration: seconds,
    warmup: { connections, duration: 1 },
  })
  return {
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    statuses: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count]),
    ),
    errors: result.errors + result.timeouts,
  }
}

/** A scenario's runs as one row: medians of the rates and latencies, statuses added up. */
export function combine(scenario, runs) {
  const statuses = {}
  for (const run of runs) {
    for (const [code, count] of Object.entries(run.statuses)) {
      statuses[code] = (statuses[code] ?? 0) + count
    }
  }
  const answered = Object.values(statuses).reduce((sum, count) => sum + count, 0)
  const errors = runs.reduce((sum, run) => sum + run.errors, 0)
  return {
    name: scenario.name,
    requestsPerSecond: Math.round(median(runs.map((run) => run.requestsPerSecond))),
    latencyMs: {
      p50: median(runs.map((run) => run.latencyMs.p50)),
      p99: median(runs.map((run) => run.latencyMs.p99)),
      max: Math.max(...runs.map((run) => run.latencyMs.max)),
    },
    statuses,
    expectedStatus: scenario.expect,
    allAsExpected: answered > 0 && statuses[scenario.expect] === answered && errors === 0,
    errors,
    abusive: Boolean(scenario.abusive),
    runs,
  }
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
