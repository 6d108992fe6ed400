// `npm run bench`: the public API under load, against the production build on SQLite with the
// demo content, loopback only, in bounded time (about two minutes). The cached reads are
// measured in rounds alternating with a bare Express route that serves the same JSON from
// memory, and each is given as a share of that ceiling in its own round: a ratio means
// something on any machine and while other work runs, a raw number only on this one. Then an
// uncached signed-in read, abusive requests, a cache-busting attack beside ordinary readers,
// and a signing burst beside ordinary readers (both readers compared with their rate alone).
// Last, uncached reads of the same documents from a stock Payload app (bench/stock, built on the
// first run) and from this server with its cache off, as a ratio to stock in each round.
// Prints a table and writes bench/results.json; exits 1 when a target is missed.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { clearInterval, setInterval } from 'node:timers'

import {
  clientAddress,
  combine,
  ensureBuild,
  freePort,
  fromAddress,
  json,
  measure as measureOn,
  median,
  root,
  scratch,
  seedDemoContent,
  signingBurst,
  signingBurstIntact,
  startServer,
} from './lib.mjs'
import { ensureStockBuild, uncachedAgainstStock } from './stock.mjs'

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4)
const ABUSE_SECONDS = Number(process.env.BENCH_ABUSE_SECONDS ?? 2)
const SIGNATURES = Number(process.env.BENCH_SIGNATURES ?? 1000)
const SIGNING_CONNECTIONS = Number(process.env.BENCH_SIGNING_CONNECTIONS ?? 64)
const WRITE_EVERY_MS = Number(process.env.BENCH_WRITE_EVERY_MS ?? 250)
const measure = (scenario, seconds) => measureOn(scenario, seconds, CONNECTIONS)

const READ = '/api/statements?limit=10&depth=1'
// The same page through GraphQL: the fields a front end lists, with the related trusts.
const GRAPHQL_READ = JSON.stringify({
  query: `{ Statements(limit: 10) { docs { id title slug kind summary publishedDate body
    recipients { name } relatedTrusts { id name slug odsCode region simStatus }
    contentWarnings { categories level note } signing { open closesAt } updatedAt createdAt }
    totalDocs page totalPages hasNextPage } }`,
})
const ALIAS_FLOOD = JSON.stringify({
  query: `{ ${Array.from({ length: 150 }, (_, index) => `a${index}: Statements { totalDocs }`).join(' ')} }`,
})

ensureBuild()
ensureStockBuild()
const space = scratch()
console.log('Seeding the demo content into a scratch SQLite database…')
const accounts = seedDemoContent(space)
// Behind one trusted proxy, as deployed behind a load balancer: each simulated client sends its
// own X-Forwarded-For (bench/lib.mjs clientAddress), so that the attacker's spent miss budget is
// its own and not every loopback reader's too.
const server = await startServer(space, { TRUST_PROXY: '1' })
const ceiling = await startCeiling(server.base)
const results = []
try {
  const editor = await json(server.base, 'POST', '/api/users/login', {
    email: 'editor@demo.stopsim.invalid',
    password: accounts['editor@demo.stopsim.invalid'],
  })
  const signedIn = { authorization: `JWT ${editor.token}` }
  const graphql = { method: 'POST', headers: { 'content-type': 'application/json' } }

  // The ceiling and the cached reads are measured in alternating rounds, each against the
  // ceiling of its own round: other work on the machine then weighs on all three alike.
  const compared = [
    {
      name: 'ceiling: bare Express, same JSON',
      url: `${ceiling.base}/api/statements`,
      expect: 200,
    },
    { name: 'anonymous REST (cached)', url: `${server.base}${READ}`, expect: 200 },
    // A public site page, drawn by Next.js and kept by the same anonymous cache.
    {
      name: 'anonymous site page (cached)',
      url: `${server.base}/trusts`,
      headers: { 'accept-encoding': 'gzip' },
      expect: 200,
    },
    {
      name: 'anonymous GraphQL (cached)',
      url: `${server.base}/api/graphql`,
      ...graphql,
      body: GRAPHQL_READ,
      expect: 200,
    },
  ]
  const signedInRead = {
    name: 'signed-in REST (uncached)',
    url: `${server.base}${READ}`,
    headers: signedIn,
    expect: 200,
  }
  const abusive = [
    {
      name: 'abusive: limit=0',
      url: `${server.base}/api/statements?limit=0`,
      expect: 400,
      abusive: true,
    },
    {
      name: 'abusive: depth=50',
      url: `${server.base}/api/statements?limit=10&depth=50`,
      expect: 400,
      abusive: true,
    },
    {
      name: 'abusive: GraphQL alias flood (150)',
      url: `${server.base}/api/graphql`,
      ...graphql,
      body: ALIAS_FLOOD,
      expect: 400,
      abusive: true,
    },
  ]

  const compare = await inRounds(compared, SECONDS)
  for (const [index, scenario] of compared.entries()) {
    const runs = compare[index]
    results.push({
      ...combine(scenario, runs),
      ratioToCeiling: median(
        runs.map((run, round) => run.requestsPerSecond / compare[0][round].requestsPerSecond),
      ),
    })
  }
  const ceilingRate = results[0].requestsPerSecond
  process.stdout.write(`${signedInRead.name}… `)
  const signedInRun = await measure(signedInRead, SECONDS * ROUNDS)
  console.log(`${signedInRun.requestsPerSecond} req/s`)
  results.push({
    ...combine(signedInRead, [signedInRun]),
    ratioToCeiling: signedInRun.requestsPerSecond / ceilingRate,
  })
  // A moderator approving signatures in a spike: each write empties the cache, and the readers
  // that arrive before it is filled again wait for one query rather than each making their own.
  const whileWritingRead = {
    name: `anonymous REST, a write every ${WRITE_EVERY_MS} ms`,
    url: `${server.base}${READ}`,
    expect: 200,
  }
  const { doc: target } = await json(
    server.base,
    'POST',
    '/api/updates',
    { title: 'Benchmark write target', _status: 'published', contentWarnings: { reviewed: true } },
    signedIn,
  )
  let writes = 0
  let failedWrites = 0
  const writer = setInterval(() => {
    writes += 1
    json(
      server.base,
      'PATCH',
      `/api/updates/${target.id}`,
      { title: `Write ${writes}` },
      signedIn,
    ).catch(() => (failedWrites += 1))
  }, WRITE_EVERY_MS)
  process.stdout.write(`${whileWritingRead.name}… `)
  const whileWritingRun = await measure(whileWritingRead, SECONDS * ROUNDS).finally(() =>
    clearInterval(writer),
  )
  console.log(
    `${whileWritingRun.requestsPerSecond} req/s, ${writes} writes (${failedWrites} failed)`,
  )
  results.push({
    ...combine(whileWritingRead, [whileWritingRun]),
    ratioToCeiling: whileWritingRun.requestsPerSecond / ceilingRate,
    writes,
    failedWrites,
  })
  const abuse = await inRounds(abusive, ABUSE_SECONDS)
  for (const [index, scenario] of abusive.entries()) {
    const row = combine(scenario, abuse[index])
    results.push({ ...row, ratioToCeiling: row.requestsPerSecond / ceilingRate })
  }

  // One client asking a new question with every request (a filter value no one asked before,
  // so no canonical key can help), on as many connections as the ordinary readers, who ask the
  // cached question meanwhile. The readers' rate is compared with theirs alone, just before.
  const cachedRead = {
    name: 'cached reads alone',
    url: `${server.base}${READ}`,
    headers: fromAddress(clientAddress.reader),
    expect: 200,
  }
  process.stdout.write('cached reads alone… ')
  const alone = await measure(cachedRead, SECONDS * ROUNDS)
  console.log(`${alone.requestsPerSecond} req/s`)
  results.push({
    ...combine(cachedRead, [alone]),
    ratioToCeiling: alone.requestsPerSecond / ceilingRate,
  })
  let question = 0
  process.stdout.write('cache-busting attack… ')
  const [underAttack, attacker] = await Promise.all([
    measure(
      { ...cachedRead, name: 'cached reads during a cache-busting attack' },
      SECONDS * ROUNDS,
    ),
    measure(
      {
        name: 'attacker: a new filter every request',
        url: `${server.base}/api/statements`,
        headers: fromAddress(clientAddress.attacker),
        expect: 429,
        setupRequest: (request) => ({
          ...request,
          path: `/api/statements?limit=10&depth=1&where[title][like]=bust-${(question += 1)}`,
        }),
      },
      SECONDS * ROUNDS,
    ),
  ])
  console.log(
    `${underAttack.requestsPerSecond} req/s (attacker ${attacker.requestsPerSecond} req/s)`,
  )
  results.push({
    ...combine({ ...cachedRead, name: 'cached reads during a cache-busting attack' }, [
      underAttack,
    ]),
    ratioToCeiling: underAttack.requestsPerSecond / ceilingRate,
    ratioToAlone: underAttack.requestsPerSecond / alone.requestsPerSecond,
  })
  const attackerRow = combine({ name: 'attacker: a new filter every request', expect: 429 }, [
    attacker,
  ])
  results.push({ ...attackerRow, ratioToCeiling: attackerRow.requestsPerSecond / ceilingRate })

  process.stdout.write(
    `signing burst (${SIGNATURES} at ${SIGNING_CONNECTIONS} connections), reading meanwhile… `,
  )
  const duringSigning = measure(
    { ...cachedRead, name: 'cached reads during a signing burst' },
    SECONDS * ROUNDS,
  )
  const signing = await signingBurst({
    base: server.base,
    auth: signedIn,
    total: SIGNATURES,
    connections: SIGNING_CONNECTIONS,
  })
  const readsDuringSigning = await duringSigning
  console.log(
    `${signing.acceptedPerSecond} accepted/s, reads ${readsDuringSigning.requestsPerSecond} req/s`,
  )
  results.push({
    ...combine({ ...cachedRead, name: 'cached reads during a signing burst' }, [
      readsDuringSigning,
    ]),
    ratioToCeiling: readsDuringSigning.requestsPerSecond / ceilingRate,
    ratioToAlone: readsDuringSigning.requestsPerSecond / alone.requestsPerSecond,
  })

  // Last, on a second server with the cache off: stock Payload serving the same documents.
  const uncached = await uncachedAgainstStock({
    space,
    editor: {
      email: 'editor@demo.stopsim.invalid',
      password: accounts['editor@demo.stopsim.invalid'],
    },
    rounds: ROUNDS,
    seconds: SECONDS,
    measure,
  })
  results.push(...uncached)

  for (const result of results) {
    if (result.ratioToStock !== undefined) result.ratioToStock = round2(result.ratioToStock)
    if (result.ratioToCeiling === undefined) continue
    result.ratioToCeiling = round2(result.ratioToCeiling)
    if (result.ratioToAlone !== undefined) result.ratioToAlone = round2(result.ratioToAlone)
  }
  const find = (name) => results.find((result) => result.name.startsWith(name))
  const readsAlone = find('cached reads alone')
  const attack = find('cached reads during a cache-busting attack')
  const duringSigningRow = find('cached reads during a signing burst')
  // A reader answered anything but 200 (a 429 or 503) counts against the row: a rate of refusals
  // is no rate of reads.
  const answered200 = (row) => row.allAsExpected && readsAlone.allAsExpected
  const attackerStatuses = find('attacker').statuses
  const attackerAnswered = Object.values(attackerStatuses).reduce((sum, count) => sum + count, 0)
  const shed = (attackerStatuses[429] ?? 0) + (attackerStatuses[503] ?? 0)
  const targets = {
    'anonymous REST ≥ 70 % of the ceiling': find('anonymous REST').ratioToCeiling >= 0.7,
    'anonymous GraphQL ≥ 70 % of the ceiling': find('anonymous GraphQL').ratioToCeiling >= 0.7,
    'cache-busting attack: readers keep ≥ 50 % of their rate, p99 < 100 ms, all 200':
      answered200(attack) && attack.ratioToAlone >= 0.5 && attack.latencyMs.p99 < 100,
    'cache-busting attack: the attacker gets mostly 429/503, no other 5xx':
      shed > attackerAnswered / 2 &&
      Object.keys(attackerStatuses).every((code) => code < 500 || code === '503'),
    'uncached anonymous reads ≥ stock Payload (same documents, same run)':
      find('this server, anonymous').ratioToStock >= 1,
    'uncached signed-in reads ≥ stock Payload (same documents, same run)':
      find('this server, signed in').ratioToStock >= 1,
    'signing burst: cached reads keep ≥ 50 % of their rate, all 200':
      answered200(duringSigningRow) && duringSigningRow.ratioToAlone >= 0.5,
    'anonymous site page ≥ 50 % of the ceiling': find('anonymous site page').ratioToCeiling >= 0.5,
    'abusive requests: all 4xx, p99 < 50 ms': results
      .filter((result) => result.abusive)
      .every((result) => result.allAsExpected && result.latencyMs.p99 < 50),
    'reads answered as expected': results
      .filter((result) => !result.abusive && !result.name.startsWith('attacker'))
      .every((result) => result.allAsExpected),
    // A signature whose answer timed out on a busy machine may still be stored: not a loss.
    'signing burst: no accepted signature lost or stored twice': signingBurstIntact(signing),
  }

  console.log()
  console.table(
    Object.fromEntries([
      ...results.map((result) => [
        result.name,
        {
          'req/s': result.requestsPerSecond,
          'p50 ms': result.latencyMs.p50,
          'p99 ms': result.latencyMs.p99,
          'to ceiling': result.ratioToCeiling ?? '—',
          'to alone': result.ratioToAlone ?? '—',
          'to stock': result.ratioToStock ?? '—',
          statuses: Object.entries(result.statuses)
            .map(([code, count]) => `${count}×${code}`)
            .join(' '),
        },
      ]),
      [
        `signing burst (accepted/s)`,
        {
          'req/s': signing.acceptedPerSecond,
          'p50 ms': signing.latencyMs.p50,
          'p99 ms': signing.latencyMs.p99,
          'to ceiling': '—',
          'to alone': '—',
          'to stock': '—',
          statuses: `${signing.accepted} accepted, ${signing.stored} stored, ${signing.timeouts} timed out`,
        },
      ],
    ]),
  )
  for (const [target, met] of Object.entries(targets)) {
    console.log(`${met ? 'PASS' : 'FAIL'}  ${target}`)
  }

  const report = {
    date: new Date().toISOString(),
    commit: gitCommit(),
    machine: { cpus: os.cpus().length, node: process.version, platform: process.platform },
    connections: CONNECTIONS,
    rounds: ROUNDS,
    seconds: SECONDS,
    scenarios: results,
    signingBurst: signing,
    targets,
  }
  fs.writeFileSync(path.join(root, 'bench/results.json'), `${JSON.stringify(report, null, 2)}\n`)
  console.log('\nWritten to bench/results.json')
  if (!Object.values(targets).every(Boolean)) process.exitCode = 1
} finally {
  await ceiling.stop()
  await server.stop()
  space.remove()
}

/** Each scenario once per round, in turn; returns the runs of each scenario. */
async function inRounds(scenarios, seconds) {
  const runs = scenarios.map(() => [])
  for (let round = 0; round < ROUNDS; round += 1) {
    process.stdout.write(`round ${round + 1} of ${ROUNDS}:`)
    for (const [index, scenario] of scenarios.entries()) {
      const measured = await measure(scenario, seconds)
      runs[index].push(measured)
      process.stdout.write(` ${measured.requestsPerSecond}`)
    }
    console.log(' req/s')
  }
  return runs
}

function round2(value) {
  return Math.round(value * 100) / 100
}

/** The bare Express route, in its own process, serving what the CMS answers for READ. */
async function startCeiling(cmsBase) {
  const body = await (await fetch(`${cmsBase}${READ}`)).text()
  const bodyFile = path.join(space.dir, 'ceiling.json')
  fs.writeFileSync(bodyFile, body)
  const port = await freePort()
  const child = spawn(process.execPath, [path.join(root, 'bench/ceiling.mjs')], {
    env: { PATH: process.env.PATH, PORT: String(port), BENCH_BODY_FILE: bodyFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`ceiling server exited with ${code}`)))
    child.stdout.on('data', (chunk) => String(chunk).includes('listening') && resolve())
  })
  return {
    base: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM')
      await new Promise((resolve) => child.once('exit', resolve))
    },
  }
}

function gitCommit() {
  const result = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' })
  return result.status === 0 ? result.stdout.trim() : undefined
}
