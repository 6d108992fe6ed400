import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'

import type { Progress } from '../archive/progress'

import {
  ArchiveError,
  MANIFEST_FILE,
  verificationPassed,
  verificationProblems,
  verifyFolder,
} from '../archive/manifest'
import { backup, type BackupSource } from './backup'

// backup-2026-12-02T03-00-00Z: sorts by time, and never clashes with what an operator names.
const FOLDER = /^backup-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(?:\.\d{3})?Z$/

const folderNameAt = (time: Date) => `backup-${time.toISOString().replace(/:/g, '-')}`

const timeOfFolder = (name: string) =>
  new Date(name.slice('backup-'.length).replace(/T(\d{2})-(\d{2})-(\d{2})/, 'T$1:$2:$3'))

const quiet: Progress = { stage: () => {}, advance: () => {}, note: () => {} }

export type ScheduledBackupResult = {
  folder: string
  files: number
  bytes: number
  pruned: string[]
}

/**
 * One scheduled backup: written to a new folder of `dir`, checked against its own manifest,
 * and only then counted; older verified ones beyond `keep` are deleted. A backup that fails
 * its check is removed and the failure thrown, so the job runner records and reports it and
 * the older backups stay.
 */
export async function runScheduledBackup(
  source: BackupSource,
  { dir, keep, now = new Date() }: { dir: string; keep: number; now?: Date },
): Promise<ScheduledBackupResult> {
  await fsp.mkdir(dir, { recursive: true })
  const folder = path.join(dir, folderNameAt(now))
  await backup(source, { out: folder, progress: quiet })
  const verification = await verifyFolder(folder, quiet)
  if (!verificationPassed(verification)) {
    await fsp.rm(folder, { recursive: true, force: true })
    throw new ArchiveError(
      `The backup did not match its manifest once written, so it was deleted: ${verificationProblems(verification).join('; ')}`,
    )
  }
  const backups = await listScheduledBackups(dir)
  const pruned = backups.slice(keep).map((entry) => entry.folder)
  for (const old of pruned) await fsp.rm(old, { recursive: true, force: true })
  return {
    folder,
    files: verification.checked,
    bytes: verification.bytes,
    pruned,
  }
}

export type ScheduledBackup = { folder: string; at: Date }

/**
 * The finished scheduled backups in `dir`, newest first. A folder counts once its manifest is
 * written, which happens last; a failed or unverified backup is deleted before the job ends.
 */
export async function listScheduledBackups(dir: string): Promise<ScheduledBackup[]> {
  // Not there yet, or not a folder (a mistake in BACKUP_DIR): no backups to show, and the
  // failing job says why.
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return []
  const entries = await fsp.readdir(dir, { withFileTypes: true })
  return entries
    .filter((entry) => entry.isDirectory() && FOLDER.test(entry.name))
    .filter((entry) => fs.existsSync(path.join(dir, entry.name, MANIFEST_FILE)))
    .map((entry) => ({ folder: path.join(dir, entry.name), at: timeOfFolder(entry.name) }))
    .sort((a, b) => b.at.getTime() - a.at.getTime())
}

export async function lastGoodBackup(dir: string): Promise<ScheduledBackup | undefined> {
  return (await listScheduledBackups(dir))[0]
}
