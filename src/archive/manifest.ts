import crypto from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'

import type { Progress } from './progress'

export const MANIFEST_FILE = 'manifest.json'
/** The same checksums in the format of `sha256sum -c`, for checking without this program. */
export const CHECKSUM_FILE = 'SHA256SUMS'
export const FORMAT_VERSION = 1

export type ManifestFile = { path: string; size: number; sha256: string }

export type ManifestHeader = {
  format: 'stopsim-archive' | 'stopsim-backup'
  formatVersion: number
  /** When it was made: the one thing two exports of the same content differ in. */
  createdAt: string
  [detail: string]: unknown
}

export type Manifest = ManifestHeader & { files: ManifestFile[] }

/** A folder cannot be trusted as an archive; this says what is wrong with it. */
export class ArchiveError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ArchiveError'
  }
}

const OWN_FILES = new Set([MANIFEST_FILE, CHECKSUM_FILE])

/**
 * Runs `work` on a new or empty folder. Should it fail, the folder is emptied again, so a
 * half-written archive or backup is never left behind to be mistaken for a finished one.
 */
export async function intoEmptyFolder<T>(
  out: string,
  what: string,
  work: () => Promise<T>,
): Promise<T> {
  const existed = fs.existsSync(out)
  if (existed) {
    if (!fs.statSync(out).isDirectory()) throw new ArchiveError(`${out} is a file, not a folder.`)
    if ((await fsp.readdir(out)).length) {
      throw new ArchiveError(`${out} is not empty. Write the ${what} into a new or empty folder.`)
    }
  }
  await fsp.mkdir(out, { recursive: true })
  try {
    return await work()
  } catch (error) {
    if (existed) {
      for (const entry of await fsp.readdir(out)) {
        await fsp.rm(path.join(out, entry), { recursive: true, force: true })
      }
    } else {
      await fsp.rm(out, { recursive: true, force: true })
    }
    throw error
  }
}

/** Every file under `root`, as sorted forward-slash paths; links and devices are not files. */
export async function walkFiles(root: string): Promise<string[]> {
  const found: string[] = []
  const walk = async (relative: string) => {
    const entries = await fsp.readdir(path.join(root, relative), { withFileTypes: true })
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name
      if (entry.isDirectory()) await walk(child)
      else if (entry.isFile()) found.push(child)
    }
  }
  await walk('')
  return found.sort(byPath)
}

/** The files a manifest covers: all but the manifest and checksum list themselves. */
export async function listFiles(root: string): Promise<string[]> {
  return (await walkFiles(root)).filter((file) => !OWN_FILES.has(file))
}

const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

export async function hashFile(file: string): Promise<{ size: number; sha256: string }> {
  const hash = crypto.createHash('sha256')
  let size = 0
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    size += chunk.length
    hash.update(chunk)
  }
  return { size, sha256: hash.digest('hex') }
}

async function totalSize(root: string, paths: readonly string[]): Promise<number> {
  let total = 0
  for (const relative of paths) total += (await fsp.stat(path.join(root, relative))).size
  return total
}

/** Checksums every file in `root` and writes manifest.json (with `header`) and SHA256SUMS. */
export async function writeManifest(
  root: string,
  header: ManifestHeader,
  progress: Progress,
): Promise<Manifest> {
  const paths = await listFiles(root)
  progress.stage('checksums', paths.length, await totalSize(root, paths))
  const files: ManifestFile[] = []
  for (const relative of paths) {
    const { size, sha256 } = await hashFile(path.join(root, relative))
    files.push({ path: relative, size, sha256 })
    progress.advance(1, size)
  }
  const manifest: Manifest = { ...header, files }
  await fsp.writeFile(path.join(root, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`)
  await fsp.writeFile(
    path.join(root, CHECKSUM_FILE),
    files.map((file) => `${file.sha256}  ${file.path}\n`).join(''),
  )
  return manifest
}

export async function readManifest(root: string): Promise<Manifest> {
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    throw new ArchiveError(`${root} is not a folder.`)
  }
  const file = path.join(root, MANIFEST_FILE)
  if (!fs.existsSync(file)) {
    throw new ArchiveError(
      `${root} has no ${MANIFEST_FILE}: it is not an archive or backup, or it was not finished.`,
    )
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(await fsp.readFile(file, 'utf8'))
  } catch {
    throw new ArchiveError(`${MANIFEST_FILE} is not valid JSON: it has been damaged.`)
  }
  const manifest = parsed as Partial<Manifest>
  if (
    (manifest.format !== 'stopsim-archive' && manifest.format !== 'stopsim-backup') ||
    !Array.isArray(manifest.files)
  ) {
    throw new ArchiveError(`${MANIFEST_FILE} is not a stopsim-cms archive or backup manifest.`)
  }
  if (typeof manifest.formatVersion !== 'number' || manifest.formatVersion > FORMAT_VERSION) {
    throw new ArchiveError(
      `${MANIFEST_FILE} has format version ${String(manifest.formatVersion)}; this program reads version ${FORMAT_VERSION} and older. Use a newer stopsim-cms.`,
    )
  }
  for (const entry of manifest.files as unknown[]) {
    const { path: relative, size, sha256 } = (entry ?? {}) as Partial<ManifestFile>
    const safe =
      typeof relative === 'string' &&
      relative !== '' &&
      !relative.startsWith('/') &&
      !relative.split('/').some((part) => part === '..' || part === '.' || part === '') &&
      !relative.includes('\\')
    if (!safe || typeof size !== 'number' || typeof sha256 !== 'string') {
      throw new ArchiveError(
        `${MANIFEST_FILE} lists an entry that is not a plain file inside the folder: ${JSON.stringify(entry)}.`,
      )
    }
  }
  return manifest as Manifest
}

export type Verification = {
  manifest: Manifest
  checked: number
  bytes: number
  missing: string[]
  extra: string[]
  altered: { path: string; reason: string }[]
}

export const verificationPassed = ({ missing, extra, altered }: Verification) =>
  missing.length === 0 && extra.length === 0 && altered.length === 0

/** Each file that does not match the manifest, in words, for a refusal message. */
export const verificationProblems = ({ missing, extra, altered }: Verification): string[] => [
  ...missing.map((file) => `${file} is missing`),
  ...extra.map((file) => `${file} is not in the manifest`),
  ...altered.map((file) => `${file.path} has been altered`),
]

/** Every file against the manifest: missing, extra and altered ones, each by name. */
export async function verifyFolder(root: string, progress: Progress): Promise<Verification> {
  const manifest = await readManifest(root)
  const present = new Set(await listFiles(root))
  const listed = new Set(manifest.files.map((file) => file.path))
  const missing = manifest.files.map((file) => file.path).filter((file) => !present.has(file))
  const extra = [...present].filter((file) => !listed.has(file))
  const altered: Verification['altered'] = []
  const toCheck = manifest.files.filter((file) => present.has(file.path))
  progress.stage(
    'verifying',
    toCheck.length,
    toCheck.reduce((sum, file) => sum + file.size, 0),
  )
  let bytes = 0
  for (const expected of toCheck) {
    const actual = await hashFile(path.join(root, expected.path))
    bytes += actual.size
    if (actual.size !== expected.size) {
      altered.push({
        path: expected.path,
        reason: `${actual.size} bytes, the manifest says ${expected.size}`,
      })
    } else if (actual.sha256 !== expected.sha256) {
      altered.push({ path: expected.path, reason: 'its SHA-256 checksum differs' })
    }
    progress.advance(1, actual.size)
  }
  return { manifest, checked: toCheck.length, bytes, missing, extra, altered }
}
