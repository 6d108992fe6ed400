import { type ChildProcess, spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { ArchiveError } from './manifest'

/** Where the public site's pages are read from, for the archive's static copy. */
export type SiteSource = { databaseUrl: string; mediaDir: string }

export type RunningSite = { url: string; stop: () => Promise<void> }

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const START_TIMEOUT_MS = 120_000

function serverEntry(): string {
  // src/archive/ under tsx, or dist/ when bundled into the server: the build is dist/server.js.
  for (const candidate of [
    path.join(PROJECT_ROOT, 'dist/server.js'),
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'server.js'),
  ]) {
    if (fs.existsSync(candidate)) return candidate
  }
  throw new ArchiveError(
    'The static copy is drawn by the public site itself, from the production build: run `npm run build` first.',
  )
}

/**
 * The public site, as the production server draws it, on the same database and files but in
 * archive mode (so letters show that they have closed instead of a form), on a free loopback
 * port of its own, for as long as the export reads its pages.
 */
export async function startArchiveSite({
  databaseUrl,
  mediaDir,
}: SiteSource): Promise<RunningSite> {
  const entry = serverEntry()
  const child: ChildProcess = spawn(process.execPath, ['--conditions=production', entry], {
    cwd: path.dirname(path.dirname(entry)),
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: databaseUrl,
      MEDIA_DIR: mediaDir,
      PAYLOAD_SECRET: process.env.PAYLOAD_SECRET || crypto.randomBytes(32).toString('hex'),
      ARCHIVE_MODE: 'true',
      PUBLIC_SITE: 'true',
      // Nothing it draws is kept: every page is read once.
      API_CACHE_MAX_BYTES: '0',
      // Its one reader asks for every page, each a miss: no visitor's budget applies.
      MISSES_PER_MINUTE: '0',
      MISS_SECONDS_PER_MINUTE: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve))
  let exitCode: number | null | undefined
  void exited.then((code) => (exitCode = code))
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    await exited
    clearTimeout(timer)
  }
  const deadline = Date.now() + START_TIMEOUT_MS
  while (Date.now() < deadline) {
    const listening = /listening on (http:\/\/[^\s]+)/.exec(output)
    if (listening) return { url: listening[1], stop }
    if (exitCode !== undefined) {
      throw new ArchiveError(`The site could not be started to draw its pages:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  await stop()
  throw new ArchiveError(`The site did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`)
}
