// `npm test`: starts what the suite needs, builds the production server, runs vitest.
// PostgreSQL, Redis and Chromium are installed here when missing (CI is a fresh machine), never
// skipped; Redis and the S3-compatible server (s3rver) are the run's own, stopped when it ends.
import { spawnSync } from 'node:child_process'

import { ensureChromium } from './ensure-chromium.mjs'
import { ensurePostgres } from './ensure-postgres.mjs'
import { ensureRedis } from './ensure-redis.mjs'
import { ensureS3 } from './ensure-s3.mjs'

const started = Date.now()
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`

const postgresUrl = await ensurePostgres().catch((error) => {
  console.error(error.message)
  process.exit(1)
})
console.log(`PostgreSQL ready (${elapsed()})`)

const redis = await ensureRedis().catch((error) => {
  console.error(error.message)
  process.exit(1)
})
process.on('exit', () => redis.stop())
console.log(`Redis ready at ${redis.url} (${elapsed()})`)

const s3 = await ensureS3().catch((error) => {
  console.error(error.message)
  process.exit(1)
})
process.on('exit', () => s3.stop())
console.log(`S3-compatible server (s3rver) ready at ${s3.endpoint} (${elapsed()})`)

try {
  ensureChromium()
} catch (error) {
  console.error(error.message)
  process.exit(1)
}
console.log(`Chromium ready (${elapsed()})`)

if (process.env.SKIP_BUILD !== '1') {
  run('npm', ['run', 'build'])
  console.log(`Build done (${elapsed()})`)
}

const vitest = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: {
    ...process.env,
    TEST_POSTGRES_URL: postgresUrl,
    TEST_REDIS_URL: redis.url,
    TEST_S3_ENDPOINT: s3.endpoint,
  },
})
console.log(`Test suite finished in ${elapsed()}`)
process.exit(vitest.status ?? 1)

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' })
  if (result.status !== 0) {
    console.error(`${command} ${args.join(' ')} failed`)
    process.exit(result.status ?? 1)
  }
}
