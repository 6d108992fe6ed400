import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'

import { createClient } from '@libsql/client'
import pg from 'pg'

import {
  ArchiveError,
  verificationPassed,
  verificationProblems,
  verifyFolder,
} from '../archive/manifest'
import type { Progress } from '../archive/progress'
import { commandLine } from '../cli/commandLine'
import { dialectOf, sqliteFilePath } from '../databaseUrl'
import { fileStore } from '../uploads/fileStore'
import {
  backup,
  BACKUP_FORMAT,
  type BackupSource,
  copyIntoStore,
  dumpFileFor,
  MEDIA_FOLDER,
  postgresConnection,
  runTool,
} from './backup'

export type RestoreResult = {
  /** Where what was replaced has been kept (with --replace), or null. */
  keptIn: string | null
  mediaFiles: number
}

/**
 * Brings a full backup back: checked against its manifest first, onto the same kind of
 * database, into an empty database and media folder unless told to replace them, in which case
 * what is there is backed up first. Run it with the server stopped.
 */
export async function restore(
  target: BackupSource,
  {
    from,
    replace,
    keepIn,
    progress,
  }: { from: string; replace: boolean; keepIn: string; progress: Progress },
): Promise<RestoreResult> {
  const verification = await verifyFolder(from, progress)
  if (!verificationPassed(verification)) {
    const named = verificationProblems(verification)
    throw new ArchiveError(
      `The backup does not match its manifest, so nothing was restored: ${named.join('; ')}.`,
    )
  }
  const { manifest } = verification
  if (manifest.format !== BACKUP_FORMAT) {
    throw new ArchiveError(
      `This folder is a public archive, not a full backup: bring it back with ${commandLine('archive:import')}.`,
    )
  }
  const dialect = dialectOf(target.databaseUrl)
  const source = (manifest.source ?? {}) as { database?: string }
  if (dialect === 'mongodb' || source.database !== dialect) {
    throw new ArchiveError(
      `This is a backup of a ${String(source.database)} database and DATABASE_URL points at ${dialect}. Restore it onto ${String(source.database)}, or move content between databases with archive:export and archive:import.`,
    )
  }

  const store = fileStore({ mediaDir: target.mediaDir, s3: target.s3 ?? null })
  const occupied = [
    ...(await databaseInUse(target.databaseUrl)),
    ...((await store.list()).length
      ? [target.s3 ? `${store.where} has files` : `the media folder ${target.mediaDir} has files`]
      : []),
  ]
  let keptIn: string | null = null
  if (occupied.length) {
    if (!replace) {
      throw new ArchiveError(
        `Nothing was restored: ${occupied.join(' and ')}. Restore into an empty database and media folder, or add --replace (what is there is backed up first).`,
      )
    }
    keptIn = keepIn
    progress.note(`--replace: first backing up what is there to ${keepIn}`)
    await backup(target, { out: keepIn, progress })
  }

  const dump = path.join(from, dumpFileFor(dialect))
  // The files first, then the database, whose restore is all or nothing (one transaction, or a
  // file renamed into place): when either step fails, the files that were there are put back
  // from the backup just made, so a failed restore changes nothing.
  let files: number
  try {
    await store.clear()
    ;({ files } = await copyIntoStore(path.join(from, MEDIA_FOLDER), store, progress))
    progress.note(`restoring the ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database`)
    if (dialect === 'sqlite') await restoreSqlite(target.databaseUrl, dump)
    else await restorePostgres(target.databaseUrl, dump, occupied.length > 0)
  } catch (error) {
    progress.note(`the restore failed: putting back the files that were in ${store.where}`)
    await store.clear()
    if (keptIn) await copyIntoStore(path.join(keptIn, MEDIA_FOLDER), store, progress)
    throw error
  } finally {
    store.close()
  }
  return { keptIn, mediaFiles: files }
}

async function databaseInUse(databaseUrl: string): Promise<string[]> {
  if (dialectOf(databaseUrl) === 'sqlite') {
    const file = sqliteFilePath(databaseUrl)
    return fs.existsSync(file) && fs.statSync(file).size > 0
      ? [`the database file ${file} already exists`]
      : []
  }
  const client = new pg.Client({ connectionString: databaseUrl })
  client.on('error', () => {})
  await client.connect()
  try {
    const { rows } = await client.query<{ count: string }>(
      "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
    )
    return Number(rows[0]?.count ?? 0) > 0 ? ['the PostgreSQL database already has tables'] : []
  } finally {
    await client.end()
  }
}

/**
 * The copy is written beside the database and renamed over it, so the database file is at no
 * moment half-written; the old write-ahead log would otherwise be replayed into the new file.
 */
async function restoreSqlite(databaseUrl: string, dump: string) {
  const file = sqliteFilePath(databaseUrl)
  await fsp.mkdir(path.dirname(file), { recursive: true })
  const incoming = `${file}.restoring-${process.pid}`
  await fsp.copyFile(dump, incoming)
  const handle = await fsp.open(incoming, 'r+')
  await handle.sync()
  await handle.close()
  const client = createClient({ url: `file:${incoming}` })
  try {
    const { rows } = await client.execute('PRAGMA quick_check')
    if (rows[0]?.[0] !== 'ok') {
      throw new ArchiveError(`The backed-up database fails SQLite's check: ${String(rows[0]?.[0])}`)
    }
  } finally {
    client.close()
  }
  for (const suffix of ['-wal', '-shm']) await fsp.rm(`${file}${suffix}`, { force: true })
  await fsp.rename(incoming, file)
}

async function restorePostgres(databaseUrl: string, dump: string, replace: boolean) {
  const { dbname, env } = postgresConnection(databaseUrl)
  await runTool(
    'pg_restore',
    [
      '--no-owner',
      '--no-privileges',
      '--single-transaction',
      '--exit-on-error',
      ...(replace ? ['--clean', '--if-exists'] : []),
      `--dbname=${dbname}`,
      dump,
    ],
    env,
  )
}
