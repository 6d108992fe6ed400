// Makes sure a PostgreSQL server is reachable for the test suite and returns its URL.
// Given TEST_POSTGRES_URL, it only checks that server. Otherwise it uses a local Debian
// cluster, installing (apt-get) and starting it when needed: CI runs on a fresh machine as root.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import pg from 'pg'

const ROLE = 'stopsim_test'
const PASSWORD = 'stopsim_test'
const LOCAL_URL = `postgres://${ROLE}:${PASSWORD}@127.0.0.1:5432/postgres`

export async function ensurePostgres() {
  const given = process.env.TEST_POSTGRES_URL
  if (given) {
    await assertReachable(given)
    return given
  }
  if (await reachable(LOCAL_URL)) return LOCAL_URL

  if (!fs.existsSync('/usr/bin/pg_ctlcluster') || !findVersion()) installPostgres()
  const version = findVersion()
  if (!version)
    fail('PostgreSQL was installed but no server version was found under /usr/lib/postgresql')
  if (!clusterExists(version)) run('pg_createcluster', [version, 'main'])
  run('pg_ctlcluster', [version, 'main', 'start'], { allowFailure: true })
  await waitFor(() => reachableAsSuperuser(), 'the local PostgreSQL server to accept connections')
  asPostgres(
    `DO $$ BEGIN
       IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${ROLE}') THEN
         CREATE ROLE ${ROLE} LOGIN CREATEDB PASSWORD '${PASSWORD}';
       ELSE
         ALTER ROLE ${ROLE} LOGIN CREATEDB PASSWORD '${PASSWORD}';
       END IF;
     END $$;`,
  )
  await assertReachable(LOCAL_URL)
  return LOCAL_URL
}

function installPostgres() {
  if (process.getuid?.() !== 0) {
    fail(
      'PostgreSQL is not installed and this is not root: install the Debian "postgresql" package, or set TEST_POSTGRES_URL.',
    )
  }
  console.log('Installing PostgreSQL from Debian (apt-get install postgresql)…')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  run('apt-get', ['update', '-qq'], { env })
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'], { env })
}

function findVersion() {
  const root = '/usr/lib/postgresql'
  if (!fs.existsSync(root)) return undefined
  return fs
    .readdirSync(root)
    .filter((version) => fs.existsSync(`${root}/${version}/bin/postgres`))
    .sort((a, b) => Number(b) - Number(a))[0]
}

function clusterExists(version) {
  return fs.existsSync(`/etc/postgresql/${version}/main/postgresql.conf`)
}

function asPostgres(sql) {
  run('runuser', ['-u', 'postgres', '--', 'psql', '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql])
}

function reachableAsSuperuser() {
  try {
    execFileSync('runuser', ['-u', 'postgres', '--', 'psql', '-qAt', '-c', 'select 1'], {
      stdio: 'pipe',
    })
    return true
  } catch {
    return false
  }
}

async function reachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 })
  client.on('error', () => {})
  try {
    await client.connect()
    await client.query('select 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

async function assertReachable(url) {
  if (!(await reachable(url)))
    fail(`cannot connect to PostgreSQL at ${url.replace(/\/\/[^@]*@/, '//***@')}`)
}

async function waitFor(check, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  fail(`timed out waiting for ${what}`)
}

function run(command, args, { allowFailure = false, env = process.env } = {}) {
  try {
    execFileSync(command, args, { stdio: 'inherit', env })
  } catch (error) {
    if (!allowFailure) fail(`${command} ${args.join(' ')} failed: ${error.message}`)
  }
}

function fail(message) {
  throw new Error(`PostgreSQL for the tests: ${message}`)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensurePostgres().then(
    (url) => console.log(url),
    (error) => {
      console.error(error.message)
      process.exit(1)
    },
  )
}
