// Starts a Redis server of the suite's own for the test run and returns its URL.
// Given TEST_REDIS_URL, it only checks that server. Otherwise it runs Debian's redis-server
// (installing it with apt-get when missing: CI runs on a fresh machine as root) on an ephemeral
// loopback port with a throwaway data folder, and stops it when the test run ends.
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

const REDIS_SERVER = '/usr/bin/redis-server'

/** @returns {Promise<{ url: string, stop: () => void }>} */
export async function ensureRedis() {
  const given = process.env.TEST_REDIS_URL
  if (given) {
    const { hostname, port } = new URL(given)
    if (!(await answersPing(hostname, Number(port) || 6379)))
      fail(`no Redis answers at ${given.replace(/\/\/[^@]*@/, '//***@')}`)
    return { url: given, stop: () => {} }
  }
  if (!fs.existsSync(REDIS_SERVER)) installRedis()

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stopsim-redis-'))
  const port = await freePort()
  // No persistence: the suite's counters and messages are thrown away with the folder.
  const child = spawn(
    REDIS_SERVER,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      '--protected-mode',
      'yes',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGTERM')
    fs.rmSync(dir, { recursive: true, force: true })
  }
  const deadline = Date.now() + 15_000
  while (!(await answersPing('127.0.0.1', port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      stop()
      fail(`redis-server did not start:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return { url: `redis://127.0.0.1:${port}`, stop }
}

function installRedis() {
  if (process.getuid?.() !== 0) {
    fail(
      'redis-server is not installed and this is not root: install the Debian "redis-server" package, or set TEST_REDIS_URL.',
    )
  }
  console.log('Installing Redis from Debian (apt-get install redis-server)…')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'redis-server'], {
    stdio: 'inherit',
    env,
  })
  // The package starts a system-wide server on 6379; the suite runs its own and leaves that be.
  if (!fs.existsSync(REDIS_SERVER)) fail('apt-get finished but /usr/bin/redis-server is missing')
}

/** Sends an inline PING, which Redis answers with +PONG. */
function answersPing(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    let reply = ''
    const done = (ok) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(1000, () => done(false))
    socket.once('error', () => done(false))
    socket.on('connect', () => socket.write('PING\r\n'))
    socket.on('data', (chunk) => {
      reply += chunk
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'))
    })
  })
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })
}

function fail(message) {
  throw new Error(`Redis for the tests: ${message}`)
}
