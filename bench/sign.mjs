// `npm run bench:sign`: 5,000 distinct signatures at 64 connections against the production
// server on a fresh database (SQLite; BENCH_DATABASE=postgres for PostgreSQL), then a check
// that every accepted signature was stored once: 0 lost, 0 duplicated. Before it, the signing
// ceiling: bare Express writing the same rows into SQLite with the same group commit, in the
// same run, so the ratio holds however busy the machine is. Then a letter of 64,000
// signatures: count, public list pages, admin list, bulk moderation and the CSV export.
import fs from 'node:fs'
import { performance } from 'node:perf_hooks'
import { clearInterval, setInterval } from 'node:timers'
import { TextDecoder } from 'node:util'
import path from 'node:path'

import autocannon from 'autocannon'
import pg from 'pg'

import { ensurePostgres } from '../scripts/ensure-postgres.mjs'
import {
  ensureBuild,
  json,
  root,
  scratch,
  signatureBurst,
  signingBurst,
  signingBurstHeld,
  startServer,
  startSignCeiling,
} from './lib.mjs'

const TOTAL = Number(process.env.BENCH_SIGNATURES ?? 5000)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64)
const BIG_LETTER = Number(process.env.BENCH_BIG_LETTER ?? 64000)
const DIALECT = process.env.BENCH_DATABASE === 'postgres' ? 'postgres' : 'sqlite'

ensureBuild()
const space = scratch()
const database = DIALECT === 'postgres' ? await postgresDatabase() : undefined
if (database) space.env.DATABASE_URL = database.url

const ceilingProcess = await startSignCeiling(space)
let ceiling
try {
  const { result, accepted } = await signatureBurst({
    url: `${ceilingProcess.base}/api/signatories/sign`,
    letter: 'ceiling',
    total: TOTAL,
    connections: CONNECTIONS,
  })
  const stored = await (await fetch(`${ceilingProcess.base}/count`)).json()
  ceiling = {
    acceptedPerSecond: Math.round((accepted / result.duration) * 10) / 10,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
    accepted,
    stored: stored.totalDocs,
  }
} finally {
  await ceilingProcess.stop()
}

// The 64,000-signature reads bust the cache on purpose: one client's budget of misses must not
// answer them 429.
const server = await startServer(space, { MISSES_PER_MINUTE: '0', MISS_SECONDS_PER_MINUTE: '0' })
let failed = false
try {
  const admin = await json(server.base, 'POST', '/api/users/first-register', {
    email: 'bench@example.org',
    password: 'a-long-enough-bench-password',
    name: 'Bench',
  })
  const auth = { authorization: `JWT ${admin.token}` }
  const report = await signingBurst({
    base: server.base,
    auth,
    total: TOTAL,
    connections: CONNECTIONS,
  })
  const ratio = Math.round((report.acceptedPerSecond / ceiling.acceptedPerSecond) * 100) / 100
  console.log(`\nSigning burst on ${DIALECT}: ${TOTAL} signatures at ${CONNECTIONS} connections`)
  console.table({
    'signing ceiling (bare Express + SQLite, same group commit)': {
      'accepted / s': ceiling.acceptedPerSecond,
      'p50 ms': ceiling.latencyMs.p50,
      'p99 ms': ceiling.latencyMs.p99,
      accepted: ceiling.accepted,
      stored: ceiling.stored,
    },
    [`stopsim-cms on ${DIALECT}`]: {
      'accepted / s': report.acceptedPerSecond,
      'p50 ms': report.latencyMs.p50,
      'p99 ms': report.latencyMs.p99,
      accepted: report.accepted,
      stored: report.stored,
      lost: report.lost,
      duplicated: report.duplicated,
      'errors + timeouts': report.errors + report.timeouts,
      'to ceiling': ratio,
    },
  })

  const big = await bigLetter(server, auth)
  console.log(`\nA letter of ${BIG_LETTER.toLocaleString('en-GB')} signatures`)
  console.table(big.table)

  const results = {
    dialect: DIALECT,
    ceiling,
    signing: { ...report, ratioToCeiling: ratio },
    bigLetter: big.figures,
  }
  fs.writeFileSync(
    path.join(root, `bench/sign-results${DIALECT === 'postgres' ? '-postgres' : ''}.json`),
    `${JSON.stringify(results, null, 2)}\n`,
  )
  if (!signingBurstHeld(report)) {
    console.error('FAILED: every signature sent must be accepted and stored exactly once')
    failed = true
  }
} finally {
  await server.stop()
  space.remove()
  await database?.drop()
}
if (failed) process.exitCode = 1

/**
 * A letter of BIG_LETTER signatures written straight into the database (through HTTP it would
 * take minutes), most approved, some pending or counted only; then the reads that must stay
 * quick. Cache-busting parameters keep the server's read cache out of the figures.
 */
async function bigLetter(server, auth) {
  const { doc: letter } = await json(
    server.base,
    'POST',
    '/api/statements',
    {
      title: 'A letter of many signatures',
      kind: 'open_letter',
      signing: { open: true },
      _status: 'published',
      contentWarnings: { reviewed: true },
    },
    auth,
  )
  const seeding = Date.now()
  await seedSignatures(letter.id)
  const seedSeconds = (Date.now() - seeding) / 1000

  let bust = 0
  const pages = Math.floor((BIG_LETTER * 0.85) / 50)
  const count = await latency(
    `${server.base}/api/signatories/tally?letter=${letter.slug}`,
    () => `&_=${bust++}`,
  )
  const publicPage = await latency(
    `${server.base}/api/signatories?depth=0&limit=50&where[letter][equals]=${letter.id}`,
    () => `&page=${1 + Math.floor(Math.random() * pages)}&_=${bust++}`,
  )
  const adminList = await timed(5, () =>
    fetch(
      `${server.base}/api/signatories?depth=0&limit=10&sort=-createdAt&where[letter][equals]=${letter.id}&where[status][equals]=pending`,
      { headers: auth },
    ),
  )
  const adminPage = await timed(3, () =>
    fetch(
      `${server.base}/admin/collections/signatories?limit=10&where[letter][equals]=${letter.id}`,
      {
        headers: { cookie: `payload-token=${auth.authorization.slice(4)}` },
      },
    ),
  )
  const pending = await json(
    server.base,
    'GET',
    `/api/signatories?depth=0&limit=100&select[id]=true&where[letter][equals]=${letter.id}&where[status][equals]=pending`,
    undefined,
    auth,
  )
  const ids = pending.docs.map((doc) => doc.id).join(',')
  const bulk = await timed(1, () =>
    fetch(`${server.base}/api/signatories?where[id][in]=${ids}`, {
      method: 'PATCH',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'approved' }),
    }),
  )
  const exported = await exportWithMemory(server, auth, letter.slug)

  const figures = {
    signatures: BIG_LETTER,
    seedSeconds,
    countP99Ms: count.p99,
    countP50Ms: count.p50,
    publicPageP99Ms: publicPage.p99,
    publicPageP50Ms: publicPage.p50,
    adminListRestMedianMs: adminList.median,
    adminListPageMedianMs: adminPage.median,
    bulkApprove100Ms: bulk.median,
    exportSeconds: exported.seconds,
    exportRows: exported.rows,
    exportPeakExtraMiB: exported.peakExtraMiB,
  }
  return {
    figures,
    table: {
      'public count (tally), uncached': { p50: `${count.p50} ms`, p99: `${count.p99} ms` },
      'public list, a random page of 50, uncached': {
        p50: `${publicPage.p50} ms`,
        p99: `${publicPage.p99} ms`,
      },
      'admin list REST, first page, filtered': { p50: `${adminList.median} ms` },
      'admin list page (/admin/collections/signatories)': { p50: `${adminPage.median} ms` },
      'bulk moderation: approve 100': { p50: `${bulk.median} ms` },
      'CSV export, all fields': {
        p50: `${exported.seconds} s for ${exported.rows} rows`,
        p99: `server memory +${exported.peakExtraMiB} MiB at peak`,
      },
    },
  }
}

async function latency(url, vary) {
  const result = await autocannon({
    url,
    connections: 8,
    amount: 400,
    timeout: 30,
    requests: [{ setupRequest: (request) => ({ ...request, path: `${request.path}${vary()}` }) }],
  })
  if (result.non2xx) throw new Error(`${url}: ${result.non2xx} answers were not 2xx`)
  return { p50: result.latency.p50, p99: result.latency.p99 }
}

async function timed(times, run) {
  const durations = []
  for (let i = 0; i < times; i++) {
    const started = performance.now()
    const response = await run()
    await response.arrayBuffer()
    if (!response.ok) throw new Error(`${response.url}: ${response.status}`)
    durations.push(performance.now() - started)
  }
  durations.sort((a, b) => a - b)
  return { median: Math.round(durations[Math.floor(durations.length / 2)]) }
}

function rssKiB(pid) {
  return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
}

async function exportWithMemory(server, auth, slug) {
  const before = rssKiB(server.pid)
  let peak = before
  const sampler = setInterval(() => (peak = Math.max(peak, rssKiB(server.pid))), 20)
  const started = performance.now()
  const response = await fetch(`${server.base}/api/signatories/export?letter=${slug}&fields=all`, {
    headers: auth,
  })
  let rows = -1
  const decoder = new TextDecoder()
  for await (const chunk of response.body) {
    rows += decoder.decode(chunk, { stream: true }).split('\n').length - 1
  }
  clearInterval(sampler)
  if (!response.ok) throw new Error(`export: ${response.status}`)
  return {
    seconds: Math.round((performance.now() - started) / 100) / 10,
    rows,
    peakExtraMiB: Math.round((peak - before) / 1024),
  }
}

async function seedSignatures(letterId) {
  const now = new Date().toISOString()
  if (DIALECT === 'postgres') {
    const client = new pg.Client({ connectionString: database.url })
    await client.connect()
    try {
      await client.query(
        `INSERT INTO signatories (letter_id, name, role, organisation, on_behalf_of_organisation,
           display, public_name, public_role, public_organisation, email, status, source,
           consent_notice, consent_version, consent_given_at, email_hash, name_key,
           name_block_key, updated_at, created_at)
         SELECT $1, 'Signer ' || i, 'Nurse', 'Trust ' || (i % 200), false,
           (CASE WHEN i % 10 = 0 THEN 'counted_only' ELSE 'full' END)::enum_signatories_display,
           'Signer ' || i, 'Nurse', 'Trust ' || (i % 200), 'big-' || i || '@example.org',
           (CASE WHEN i % 20 = 0 THEN 'pending' ELSE 'approved' END)::enum_signatories_status,
           'import', 'Imported for the benchmark', 'bench', $2::timestamptz, 'big-' || i,
           'signer ' || i, i || ' s',
           $2::timestamptz + i * interval '1 millisecond', $2::timestamptz + i * interval '1 millisecond'
         FROM generate_series(1, $3::int) AS i`,
        [letterId, now, BIG_LETTER],
      )
      await client.query('ANALYZE signatories')
    } finally {
      await client.end()
    }
    return
  }
  const { createClient } = await import('@libsql/client')
  const client = createClient({ url: space.env.DATABASE_URL })
  try {
    await client.execute({
      sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
        INSERT INTO signatories (letter_id, name, role, organisation, on_behalf_of_organisation,
          display, public_name, public_role, public_organisation, email, status, source,
          consent_notice, consent_version, consent_given_at, email_hash, name_key,
          name_block_key, updated_at, created_at)
        SELECT ?, 'Signer ' || i, 'Nurse', 'Trust ' || (i % 200), 0,
          CASE WHEN i % 10 = 0 THEN 'counted_only' ELSE 'full' END,
          'Signer ' || i, 'Nurse', 'Trust ' || (i % 200), 'big-' || i || '@example.org',
          CASE WHEN i % 20 = 0 THEN 'pending' ELSE 'approved' END,
          'import', 'Imported for the benchmark', 'bench', ?, 'big-' || i, 'signer ' || i,
          i || ' s', strftime('%Y-%m-%dT%H:%M:%fZ', ?, '+' || (i / 1000.0) || ' seconds'),
          strftime('%Y-%m-%dT%H:%M:%fZ', ?, '+' || (i / 1000.0) || ' seconds')
        FROM n`,
      args: [BIG_LETTER, letterId, now, now, now],
    })
    await client.execute('ANALYZE')
  } finally {
    client.close()
  }
}

async function postgresDatabase() {
  const base = await ensurePostgres()
  const name = `stopsim_bench_${process.pid}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(base)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: base })
      await client.connect()
      await client.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [name],
      )
      await client.query(`DROP DATABASE IF EXISTS ${name}`)
      await client.end()
    },
  }
}
