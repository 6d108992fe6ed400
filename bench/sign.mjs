// `npm run bench:sign`: 5,000 distinct signatures at 64 connections against the production
// server on a fresh SQLite database (loopback only, bounded by the request count), then a
// check that every accepted signature was stored once: 0 lost, 0 duplicated.
import fs from 'node:fs'
import path from 'node:path'

import {
  ensureBuild,
  json,
  root,
  scratch,
  signingBurst,
  signingBurstHeld,
  startServer,
} from './lib.mjs'

const TOTAL = Number(process.env.BENCH_SIGNATURES ?? 5000)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64)

ensureBuild()
const space = scratch()
const server = await startServer(space)
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
  if (!signingBurstHeld(report)) {
    console.error('FAILED: every signature sent must be accepted and stored exactly once')
    process.exitCode = 1
  }
} finally {
  await server.stop()
  space.remove()
}
