// `npm run bench:uncached`: only the last rows of `npm run bench`, uncached reads from this
// server (cache off) against stock Payload serving the same documents (bench/stock.mjs).
import { ensureBuild, measure, scratch, seedDemoContent } from './lib.mjs'
import { ensureStockBuild, uncachedAgainstStock } from './stock.mjs'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16)

ensureBuild()
ensureStockBuild()
const space = scratch()
try {
  console.log('Seeding the demo content into a scratch SQLite database…')
  const accounts = seedDemoContent(space)
  const rows = await uncachedAgainstStock({
    space,
    editor: {
      email: 'editor@demo.stopsim.invalid',
      password: accounts['editor@demo.stopsim.invalid'],
    },
    rounds: ROUNDS,
    seconds: SECONDS,
    measure: (scenario, seconds) => measure(scenario, seconds, CONNECTIONS),
  })
  console.table(
    Object.fromEntries(
      rows.map((row) => [
        row.name,
        {
          'req/s': row.requestsPerSecond,
          'p50 ms': row.latencyMs.p50,
          'p99 ms': row.latencyMs.p99,
          'to stock': Math.round(row.ratioToStock * 100) / 100,
          statuses: Object.entries(row.statuses)
            .map(([code, count]) => `${count}×${code}`)
            .join(' '),
        },
      ]),
    ),
  )
  if (!rows.every((row) => row.allAsExpected && row.ratioToStock >= 1)) process.exitCode = 1
} finally {
  space.remove()
}
