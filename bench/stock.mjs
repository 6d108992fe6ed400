// The stock Payload app in bench/stock: built with `next build` when it has no build yet,
// seeded with the pages this project's server holds, and served by `next start` on its own
// SQLite file in the bench's scratch folder. The baseline for this project's uncached reads.
import { spawn, spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { combine, freePort, json, median, root, startServer } from './lib.mjs'

export const stockDir = path.join(root, 'bench/stock')
const nextBin = path.join(root, 'node_modules/next/dist/bin/next')
const tsx = path.join(root, 'node_modules/.bin/tsx')

/** `next build` of the stock app, once: it resolves packages from the repository's node_modules. */
export function ensureStockBuild() {
  if (fs.existsSync(path.join(stockDir, '.next/BUILD_ID'))) return
  console.log('Building the stock Payload app in bench/stock (once)…')
  const build = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: stockDir,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'inherit',
  })
  if (build.status !== 0) throw new Error('building the stock Payload app failed')
}

/**
 * The stock app on a free loopback port, its database holding `pages` (documents as this
 * project's REST API returns them at depth 0) and one account; returns its address and the
 * headers of that account signed in.
 */
export async function startStock(space, pages) {
  const pagesFile = path.join(space.dir, 'stock-pages.json')
  fs.writeFileSync(pagesFile, JSON.stringify(pages))
  const email = 'stock-editor@bench.invalid'
  const password = crypto.randomBytes(18).toString('base64url')
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: `file:${path.join(space.dir, 'stock.db')}`,
    PAYLOAD_SECRET: crypto.randomBytes(32).toString('hex'),
    NEXT_TELEMETRY_DISABLED: '1',
  }
  const seeded = spawnSync(tsx, ['--conditions=development', 'seed.ts'], {
    cwd: stockDir,
    env: { ...env, STOCK_PAGES_FILE: pagesFile, STOCK_EMAIL: email, STOCK_PASSWORD: password },
    encoding: 'utf8',
  })
  if (seeded.status !== 0) {
    throw new Error(`seeding the stock app failed:\n${seeded.stdout}\n${seeded.stderr}`)
  }
  const port = await freePort()
  const child = spawn(
    process.execPath,
    [nextBin, 'start', '--hostname', '127.0.0.1', '--port', String(port)],
    { cwd: stockDir, env: { ...env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  // `next start` logs a stack trace for every 403; only a failure to start is of interest.
  let errors = ''
  child.stderr.on('data', (chunk) => (errors = `${errors}${chunk}`.slice(-4000)))
  await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`stock app exited with ${code}:\n${errors}`)))
    child.stdout.on('data', (chunk) => /Ready in|started server/i.test(String(chunk)) && resolve())
  })
  const base = `http://127.0.0.1:${port}`
  const login = await fetch(`${base}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  const { token } = await login.json()
  if (!token) throw new Error(`signing in to the stock app failed: ${login.status}`)
  return {
    base,
    signedIn: { authorization: `JWT ${token}` },
    stop: async () => {
      if (child.exitCode !== null) return
      child.kill('SIGTERM')
      await new Promise((resolve) => child.once('exit', resolve))
    },
  }
}

const ROUTE = '/api/pages?limit=10&depth=0'

/**
 * Uncached reads of the same page of documents from stock Payload and from this project's
 * server with its read cache off (and no miss budget: one client asks everything here), in
 * alternating rounds, anonymous and signed in. Each of this server's rows is given as a ratio
 * to stock's in the same round (median over rounds): ≥ 1.0 means at least as fast.
 */
export async function uncachedAgainstStock({ space, editor, rounds, seconds, measure }) {
  ensureStockBuild()
  const ours = await startServer(space, {
    API_CACHE_SECONDS: '0',
    MISSES_PER_MINUTE: '0',
    MISS_SECONDS_PER_MINUTE: '0',
  })
  let stock
  try {
    const { token } = await json(ours.base, 'POST', '/api/users/login', editor)
    const oursSignedIn = { authorization: `JWT ${token}` }
    const { docs: pages } = await json(
      ours.base,
      'GET',
      '/api/pages?limit=100&depth=0&draft=false',
      undefined,
      oursSignedIn,
    )
    stock = await startStock(space, pages)
    await sameAnswers(ours.base, stock.base, {}, {})
    await sameAnswers(ours.base, stock.base, oursSignedIn, stock.signedIn)

    const scenarios = [
      { name: 'stock Payload, anonymous (uncached)', url: `${stock.base}${ROUTE}` },
      { name: 'this server, anonymous (cache off)', url: `${ours.base}${ROUTE}` },
      {
        name: 'stock Payload, signed in',
        url: `${stock.base}${ROUTE}`,
        headers: stock.signedIn,
      },
      { name: 'this server, signed in', url: `${ours.base}${ROUTE}`, headers: oursSignedIn },
    ].map((scenario) => ({ ...scenario, expect: 200 }))
    const runs = scenarios.map(() => [])
    for (let round = 0; round < rounds; round += 1) {
      process.stdout.write(`stock against this server, round ${round + 1} of ${rounds}:`)
      for (const [index, scenario] of scenarios.entries()) {
        const measured = await measure(scenario, seconds)
        runs[index].push(measured)
        process.stdout.write(` ${measured.requestsPerSecond}`)
      }
      console.log(' req/s')
    }
    // Ours over stock in the same round, stock's row 1.0 by definition.
    const ratio = (oursIndex, stockIndex) =>
      median(
        runs[oursIndex].map(
          (run, round) => run.requestsPerSecond / runs[stockIndex][round].requestsPerSecond,
        ),
      )
    return scenarios.map((scenario, index) => ({
      ...combine(scenario, runs[index]),
      ratioToStock: index % 2 ? ratio(index, index - 1) : 1,
    }))
  } finally {
    await stock?.stop()
    await ours.stop()
  }
}

/** Both servers must be answering with the same documents, or the comparison means nothing. */
async function sameAnswers(oursBase, stockBase, oursHeaders, stockHeaders) {
  const [oursPage, stockPage] = await Promise.all([
    json(oursBase, 'GET', ROUTE, undefined, oursHeaders),
    json(stockBase, 'GET', ROUTE, undefined, stockHeaders),
  ])
  const titles = (page) => page.docs.map((doc) => `${doc.title} (${doc._status})`).join(', ')
  if (titles(oursPage) !== titles(stockPage) || oursPage.totalDocs !== stockPage.totalDocs) {
    throw new Error(
      `stock Payload answers ${titles(stockPage)} where this server answers ${titles(oursPage)}`,
    )
  }
}
