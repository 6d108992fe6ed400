import { type ChildProcess, spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import type { Dialect } from '../../src/db'
import { createTestDatabase, type TestDatabase } from './databases'

export type RunningServer = {
  url: string
  database: TestDatabase
  /** MEDIA_DIR of this server: uploaded files, one folder per collection. */
  mediaDir: string
  child: ChildProcess
  output: () => string
  /** Sends the signal and resolves with the exit code once the process has ended. */
  signal: (signal: NodeJS.Signals) => Promise<number | null>
  stop: () => Promise<void>
}

const SERVER_ENTRY = path.resolve('dist/server.js')
// As `npm start` runs it: see "Why --conditions=production" in the README.
const SERVER_ARGS = ['--conditions=production', SERVER_ENTRY]
const START_TIMEOUT_MS = 90_000

/**
 * The production build (`npm run build`, done by scripts/test.mjs) on a fresh database and an
 * ephemeral port: the same `node dist/server.js` that `npm start` runs.
 */
export async function startServer(
  dialect: Dialect,
  extraEnv: Record<string, string> = {},
  {
    database: shared,
  }: {
    /** Another instance's database: this server then leaves dropping it to whoever made it. */
    database?: TestDatabase
  } = {},
): Promise<RunningServer> {
  if (!fs.existsSync(SERVER_ENTRY)) {
    throw new Error(
      'dist/server.js is missing: run the tests through `npm test`, which builds first.',
    )
  }
  if (shared) return startServerOn(shared, extraEnv, { keepDatabase: true })
  return startServerOn(await createTestDatabase(dialect), extraEnv)
}

/**
 * The production server on a database that already exists: another instance's, or the same
 * again after a crash. `stop` drops the database unless `keepDatabase`; give PAYLOAD_SECRET in
 * `extraEnv` to reuse one.
 */
export async function startServerOn(
  database: TestDatabase,
  extraEnv: Record<string, string> = {},
  { keepDatabase = false }: { keepDatabase?: boolean } = {},
): Promise<RunningServer> {
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stopsim-media-'))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, SERVER_ARGS, {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      SERVER_URL: url,
      DATABASE_URL: database.url,
      PAYLOAD_SECRET: crypto.randomBytes(32).toString('hex'),
      MEDIA_DIR: mediaDir,
      // Every request of a suite comes from 127.0.0.1: one client, far over a visitor's budget of
      // new questions a minute. The budget has tests of its own (load-shedding.test.ts).
      MISSES_PER_MINUTE: '0',
      MISS_SECONDS_PER_MINUTE: '0',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code) => resolve(code)),
  )

  const cleanUp = async () => {
    if (!keepDatabase) await database.drop()
    fs.rmSync(mediaDir, { recursive: true, force: true })
  }

  try {
    await waitUntilListening(() => output, exited)
  } catch (error) {
    child.kill('SIGKILL')
    await cleanUp()
    throw error
  }

  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null) child.kill(name)
    return exited
  }
  return {
    url,
    database,
    mediaDir,
    child,
    output: () => output,
    signal,
    stop: async () => {
      const code = await Promise.race([
        signal('SIGTERM'),
        new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 15_000)),
      ])
      if (code === 'timeout') child.kill('SIGKILL')
      await cleanUp()
    },
  }
}

async function waitUntilListening(output: () => string, exited: Promise<number | null>) {
  const deadline = Date.now() + START_TIMEOUT_MS
  let exitCode: number | null | undefined
  void exited.then((code) => (exitCode = code))
  while (Date.now() < deadline) {
    if (output().includes('stopsim-cms listening on')) return
    if (exitCode !== undefined) {
      throw new Error(`server exited with code ${exitCode} before listening:\n${output()}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`server did not start within ${START_TIMEOUT_MS} ms:\n${output()}`)
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** Runs `node dist/server.js` with the given environment and returns how it ended. */
export function runServerExpectingExit(
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, SERVER_ARGS, {
      env: { PATH: process.env.PATH, NODE_ENV: 'production', ...env },
      // Away from the project folder, so a developer's .env cannot fill in what the test omits.
      cwd: os.tmpdir(),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout?.on('data', (chunk) => (output += chunk))
    child.stderr?.on('data', (chunk) => (output += chunk))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`server was still running after ${timeoutMs} ms:\n${output}`))
    }, timeoutMs)
    // 'close', not 'exit': only then has all of the output been read.
    child.once('close', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}
