import { spawn } from 'node:child_process'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'

import { createClient } from '@libsql/client'

import {
  ArchiveError,
  FORMAT_VERSION,
  intoEmptyFolder,
  type Manifest,
  walkFiles,
  writeManifest,
} from '../archive/manifest'
import type { Progress } from '../archive/progress'
import { type Dialect, dialectOf, redactCredentials, sqliteFilePath } from '../databaseUrl'
import type { S3Settings } from '../environment'
import { type FileStore, fileStore } from '../uploads/fileStore'

export const BACKUP_FORMAT = 'stopsim-backup'
export const MEDIA_FOLDER = 'media'
const DUMP_FILE: Record<Exclude<Dialect, 'mongodb'>, string> = {
  sqlite: 'database.sqlite',
  postgres: 'database.pgdump',
}

/** The database, and where uploads are kept: MEDIA_DIR, or the bucket when `s3` is given. */
export type BackupSource = { databaseUrl: string; mediaDir: string; s3?: S3Settings | null }

export type BackupResult = {
  manifest: Manifest
  dialect: Dialect
  databaseBytes: number
  mediaFiles: number
  mediaBytes: number
}

/**
 * Everything an operator needs to bring the CMS back, private data and accounts included (so
 * keep it safe): a consistent copy of the database, taken while the server may be running,
 * then the media folder, then checksums. The database goes first, so every file it refers to
 * is in the copy of the media folder that follows.
 */
export async function backup(
  { databaseUrl, mediaDir, s3 = null }: BackupSource,
  { out, progress }: { out: string; progress: Progress },
): Promise<BackupResult> {
  const dialect = dialectOf(databaseUrl)
  if (dialect === 'mongodb') {
    throw new ArchiveError(
      'Backups of MongoDB are not built in: use `mongodump` and `mongorestore`, and copy MEDIA_DIR with them.',
    )
  }
  if (dialect === 'sqlite' && !fs.existsSync(sqliteFilePath(databaseUrl))) {
    throw new ArchiveError(
      `There is no SQLite database at ${sqliteFilePath(databaseUrl)} (DATABASE_URL): nothing to back up.`,
    )
  }
  return intoEmptyFolder(out, 'backup', async () => {
    const dump = path.join(out, DUMP_FILE[dialect])
    progress.note(`backing up the ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database`)
    if (dialect === 'sqlite') await sqliteSnapshot(databaseUrl, dump)
    else await postgresDump(databaseUrl, dump)
    const databaseBytes = (await fsp.stat(dump)).size

    const store = fileStore({ mediaDir, s3 })
    const { files, bytes } = await copyFromStore(store, path.join(out, MEDIA_FOLDER), progress)
    store.close()
    const manifest = await writeManifest(
      out,
      {
        format: BACKUP_FORMAT,
        formatVersion: FORMAT_VERSION,
        createdAt: new Date().toISOString(),
        source: { database: dialect, from: redactCredentials(databaseUrl) },
        database: DUMP_FILE[dialect],
        media: MEDIA_FOLDER,
      },
      progress,
    )
    return { manifest, dialect, databaseBytes, mediaFiles: files, mediaBytes: bytes }
  })
}

export const dumpFileFor = (dialect: Exclude<Dialect, 'mongodb'>) => DUMP_FILE[dialect]

/**
 * SQLite's own consistent copy (VACUUM INTO), which reads through the write-ahead log and
 * waits for writers; copying the file itself could catch it half-written, or miss whatever is
 * still in the log.
 */
async function sqliteSnapshot(databaseUrl: string, target: string) {
  const file = sqliteFilePath(databaseUrl)
  const client = createClient({ url: `file:${file}` })
  try {
    await client.execute('PRAGMA busy_timeout = 30000')
    await client.execute({ sql: 'VACUUM INTO ?', args: [target] })
  } finally {
    client.close()
  }
}

/** Where the password goes: in the environment, never on a command line others can read. */
export function postgresConnection(databaseUrl: string) {
  const url = new URL(databaseUrl)
  const password = decodeURIComponent(url.password)
  url.password = ''
  return {
    dbname: url.toString(),
    env: { ...process.env, ...(password && { PGPASSWORD: password }) },
  }
}

async function postgresDump(databaseUrl: string, target: string) {
  const { dbname, env } = postgresConnection(databaseUrl)
  await runTool(
    'pg_dump',
    ['--format=custom', '--no-owner', '--no-privileges', `--file=${target}`, `--dbname=${dbname}`],
    env,
  )
}

/** Runs a PostgreSQL client program, turning its failure into a message for the operator. */
export function runTool(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] })
    let errors = ''
    child.stderr.on('data', (chunk) => (errors += chunk))
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new ArchiveError(
          error.code === 'ENOENT'
            ? `${command} was not found. Install the PostgreSQL client programs (on Debian: apt-get install postgresql-client), in the same major version as the server or newer.`
            : `${command} could not be started: ${error.message}`,
        ),
      ),
    )
    child.once('close', (code) =>
      code === 0
        ? resolve()
        : reject(new ArchiveError(`${command} failed (exit code ${code}): ${errors.trim()}`)),
    )
  })
}

/** Copies every stored upload into a folder, by its path `<collection>/<file>`. */
async function copyFromStore(store: FileStore, to: string, progress: Progress) {
  await fsp.mkdir(to, { recursive: true })
  const files = await store.list()
  const total = files.reduce((sum, file) => sum + file.bytes, 0)
  progress.stage('copying media files', files.length, total)
  for (const file of files) {
    const target = path.join(to, file.path)
    await fsp.mkdir(path.dirname(target), { recursive: true })
    await fsp.writeFile(target, await store.read(file.path))
    progress.advance(1, file.bytes)
  }
  return { files: files.length, bytes: total }
}

/** Copies a folder's files into the store, by their paths in the folder. */
export async function copyIntoStore(from: string, store: FileStore, progress: Progress) {
  const paths = fs.existsSync(from) ? await walkFiles(from) : []
  const sizes = await Promise.all(
    paths.map(async (file) => (await fsp.stat(path.join(from, file))).size),
  )
  const total = sizes.reduce((sum, size) => sum + size, 0)
  progress.stage('copying media files', paths.length, total)
  for (const [index, file] of paths.entries()) {
    await store.write(file, await fsp.readFile(path.join(from, file)))
    progress.advance(1, sizes[index])
  }
  return { files: paths.length, bytes: total }
}

/** Copies a folder's files (not symbolic links or anything else), reporting progress. */
export async function copyFolder(from: string, to: string, progress: Progress) {
  await fsp.mkdir(to, { recursive: true })
  const paths = fs.existsSync(from) ? await walkFiles(from) : []
  const sizes = await Promise.all(
    paths.map(async (file) => (await fsp.stat(path.join(from, file))).size),
  )
  const total = sizes.reduce((sum, size) => sum + size, 0)
  progress.stage('copying media files', paths.length, total)
  for (const [index, file] of paths.entries()) {
    const target = path.join(to, file)
    await fsp.mkdir(path.dirname(target), { recursive: true })
    await fsp.copyFile(path.join(from, file), target)
    progress.advance(1, sizes[index])
  }
  return { files: paths.length, bytes: total }
}
