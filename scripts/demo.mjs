// `npm run demo`: build if needed, migrate and seed the embedded SQLite database, then serve
// the production build on http://localhost:3000 with demo logins printed.
import { spawn, spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
process.chdir(root)

if (buildIsStale()) run('npm', ['run', 'build'])
else console.log('Build is up to date.')

const env = { ...process.env, PAYLOAD_SECRET: process.env.PAYLOAD_SECRET || demoSecret() }
// Seeding migrates first, so the server starts on an up-to-date schema.
run('npm', ['run', 'seed'], env)

const server = spawn(process.execPath, ['--conditions=production', 'dist/server.js'], {
  stdio: 'inherit',
  env: { ...env, NODE_ENV: 'production' },
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))

function buildIsStale() {
  const marker = ['.next/BUILD_ID', 'dist/server.js'].map((file) => mtime(file))
  if (marker.some((time) => time === 0)) return true
  const builtAt = Math.min(...marker)
  const inputs = ['src', 'package-lock.json', 'next.config.mjs', 'tsconfig.json']
  return inputs.some((input) => newestIn(input) > builtAt)
}

function newestIn(entry) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false })
  if (!stat) return 0
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(
    stat.mtimeMs,
    ...fs.readdirSync(entry).map((name) => newestIn(path.join(entry, name))),
  )
}

function mtime(file) {
  return fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0
}

// The server refuses to run in production without a secret; a demo keeps its own, beside
// the demo database, so logins survive a restart. Real installs set PAYLOAD_SECRET.
function demoSecret() {
  const file = path.join(root, 'data', '.demo-secret')
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600 })
  }
  return fs.readFileSync(file, 'utf8').trim()
}

function run(command, args, runEnv = process.env) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: runEnv })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
