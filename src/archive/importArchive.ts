import fsp from 'node:fs/promises'
import path from 'node:path'

import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type {
  CollectionSlug,
  DataFromGlobalSlug,
  GlobalSlug,
  Payload,
  PayloadRequest,
  RequiredDataFromCollectionSlug,
  SanitizedCollectionConfig,
} from 'payload'

import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'

import { ANONYMOUS_NAME } from '../collections/Signatories/hooks/publicFields'
import { fileStorageOf, fileStore } from '../uploads/fileStore'
import type { AllowedMimeType } from '../uploads/fileTypes'
import { checkStoredFile, maxPixelsOf } from '../uploads/secureUpload'
import type { Signatory } from '../payload-types'
import { type ArchivedDoc, readArchiveData, uploadPath } from './archiveData'
import { ARCHIVE_FORMAT, schemaVersion } from './exportArchive'
import { ARCHIVE_IMPORT_CONTEXT } from './importContext'
import { ArchiveError, verificationPassed, verificationProblems, verifyFolder } from './manifest'
import { commandLine } from '../cli/commandLine'
import { archivedCollections, policyFor } from './policy'
import type { Progress } from './progress'

export type ImportResult = {
  documents: Record<string, number>
  files: number
  bytes: number
  /** Signatures restored without a name, so that each letter's count stays right. */
  countedOnly: number
  warnings: string[]
}

// Payload works these out from the file itself when it stores it.
const FILE_FIELDS = [
  'url',
  'thumbnailURL',
  'filename',
  'mimeType',
  'filesize',
  'width',
  'height',
  'sizes',
]

/**
 * Brings a public archive back into an empty database: the archive is verified first, then
 * every document is created through the Local API with its archived id, slug, dates and
 * relationships, and every file is stored again under its archived name, all in one
 * transaction, so a failure leaves the database as it was.
 */
export async function importArchive(
  payload: Payload,
  { from, replace, progress }: { from: string; replace: boolean; progress: Progress },
): Promise<ImportResult> {
  const verification = await verifyFolder(from, progress)
  if (!verificationPassed(verification)) {
    const named = verificationProblems(verification)
    throw new ArchiveError(
      `The archive does not match its manifest, so nothing was imported: ${named.join('; ')}.`,
    )
  }
  const { manifest } = verification
  if (manifest.format !== ARCHIVE_FORMAT) {
    throw new ArchiveError(
      `This folder is a full backup, not a public archive: bring it back with ${commandLine('restore')}.`,
    )
  }
  const source = (manifest.source ?? {}) as { database?: string; idType?: string }
  if (source.idType !== payload.db.defaultIDType) {
    throw new ArchiveError(
      `The archive's ids are ${source.idType === 'number' ? 'numbers (from SQLite or PostgreSQL)' : `${String(source.idType)}s (from ${String(source.database)})`}, but this database (${payload.db.name}) uses ${payload.db.defaultIDType} ids, so links between documents could not be kept. Import it into ${source.idType === 'number' ? 'SQLite or PostgreSQL' : String(source.database)}.`,
    )
  }

  const collections = archivedCollections(payload.config)
  const data = await readArchiveData(from)
  const unknown = [...data.collections.keys()].filter(
    (slug) => !collections.some((collection) => collection.slug === slug),
  )
  if (unknown.length) {
    throw new ArchiveError(
      `The archive holds collections this CMS does not have: ${unknown.join(', ')}. Import it with the version of stopsim-cms that made it.`,
    )
  }
  const warnings: string[] = []
  const archivedSchema = manifest.schema as { fingerprint?: string } | undefined
  if (archivedSchema?.fingerprint !== schemaVersion(collections).fingerprint) {
    warnings.push(
      'The archive was made with a different set of fields; documents are imported as far as they fit, and any document that does not is reported.',
    )
  }

  const order = importOrder(collections)
  const req = await createLocalReq({ context: { ...ARCHIVE_IMPORT_CONTEXT } }, payload)
  const present = await documentsPresent(payload, order)
  if (present.length && !replace) {
    throw new ArchiveError(
      `The database is not empty (${present.join(', ')}). Import into an empty database, or add --replace to delete these documents and their files first.`,
    )
  }
  const documents: Record<string, number> = {}
  let files = 0
  let bytes = 0
  // Deleting a document deletes its files at once, outside the database's transaction, and
  // storing one may overwrite a file of the same name: with --replace, the stored files (under
  // MEDIA_DIR or in the bucket) are copied aside until the import has committed, and put back
  // if it does not.
  const store = fileStore(fileStorageOf(payload.config))
  const setAside = present.length ? await store.setAside('before-import') : undefined
  if (setAside) progress.note(`--replace: the files there now are kept in ${setAside.where}`)
  // Only for this import: through the API, a client must never choose a document's id.
  const keepIds = payload.db.allowIDOnCreate
  payload.db.allowIDOnCreate = true
  try {
    const countedOnly = await inOneTransaction(req, async () => {
      if (present.length) {
        progress.note(`--replace: deleting ${present.join(', ')}`)
        for (const collection of [...order].reverse()) {
          await payload.delete({
            collection: collection.slug as CollectionSlug,
            where: { id: { exists: true } },
            overrideAccess: true,
            req,
          })
        }
      }
      for (const collection of order) {
        const docs = data.collections.get(collection.slug) ?? []
        const result = await importCollection(
          payload,
          req,
          from,
          collection,
          docs,
          progress,
          warnings,
        )
        documents[collection.slug] = docs.length
        await continueIdsAfter(payload, collection, docs)
        files += result.files
        bytes += result.bytes
      }
      for (const [slug, settings] of data.globals) {
        if (!payload.config.globals.some((global) => global.slug === slug)) {
          warnings.push(
            `The archive's settings for "${slug}" were skipped: this CMS has no such global.`,
          )
          continue
        }
        await payload.updateGlobal({
          slug: slug as GlobalSlug,
          data: settings as Partial<DataFromGlobalSlug<GlobalSlug>>,
          depth: 0,
          overrideAccess: true,
          req,
        })
      }
      return restoreCountedOnly(payload, req, data.signatureCounts, progress)
    })
    await setAside?.discard()
    return { documents, files, bytes, countedOnly, warnings }
  } catch (error) {
    await setAside?.putBack()
    throw error
  } finally {
    payload.db.allowIDOnCreate = keepIds
    store.close()
  }
}

async function inOneTransaction<T>(req: PayloadRequest, work: () => Promise<T>): Promise<T> {
  await initTransaction(req)
  try {
    const result = await work()
    await commitTransaction(req)
    return result
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}

/** Collections in an order where each one's relationships point at documents already there. */
function importOrder(
  collections: readonly SanitizedCollectionConfig[],
): SanitizedCollectionConfig[] {
  const slugs = new Set(collections.map((collection) => collection.slug))
  const dependsOn = new Map<string, Set<string>>()
  for (const collection of collections) {
    const targets = new Set<string>()
    const walk = (fields: SanitizedCollectionConfig['flattenedFields']) => {
      for (const field of fields) {
        if (field.type === 'relationship' || field.type === 'upload') {
          for (const target of [field.relationTo].flat()) {
            if (slugs.has(target) && target !== collection.slug) targets.add(target)
          }
        }
        if ('flattenedFields' in field) walk(field.flattenedFields)
        if (field.type === 'blocks') for (const block of field.blocks) walk(block.flattenedFields)
      }
    }
    walk(collection.flattenedFields)
    dependsOn.set(collection.slug, targets)
  }
  const ordered: SanitizedCollectionConfig[] = []
  const remaining = [...collections]
  while (remaining.length) {
    const ready = remaining.find((collection) =>
      [...(dependsOn.get(collection.slug) ?? [])].every((target) =>
        ordered.some((done) => done.slug === target),
      ),
    )
    if (!ready) {
      throw new ArchiveError(
        `These collections refer to one another in a circle, so there is no order to import them in: ${remaining.map((collection) => collection.slug).join(', ')}.`,
      )
    }
    ordered.push(ready)
    remaining.splice(remaining.indexOf(ready), 1)
  }
  return ordered
}

/** What the database already holds, by collection: an import never mixes with it. */
async function documentsPresent(
  payload: Payload,
  order: readonly SanitizedCollectionConfig[],
): Promise<string[]> {
  const present: string[] = []
  for (const collection of order) {
    const { totalDocs } = await payload.count({
      collection: collection.slug as CollectionSlug,
      overrideAccess: true,
    })
    if (totalDocs) present.push(`${totalDocs} ${collection.slug}`)
  }
  return present
}

async function importCollection(
  payload: Payload,
  req: PayloadRequest,
  from: string,
  collection: SanitizedCollectionConfig,
  docs: readonly ArchivedDoc[],
  progress: Progress,
  warnings: string[],
) {
  const slug = collection.slug
  const restore = policyFor(slug).restore
  const fileOf = (doc: ArchivedDoc) =>
    collection.upload && typeof doc.filename === 'string'
      ? path.join(from, uploadPath(slug, doc.filename))
      : undefined
  let totalBytes = 0
  for (const doc of docs) {
    const file = fileOf(doc)
    if (file) totalBytes += (await fsp.stat(file)).size
  }
  progress.stage(`importing ${slug}`, docs.length, collection.upload ? totalBytes : undefined)
  let files = 0
  let bytes = 0
  for (const doc of docs) {
    const data: Record<string, unknown> = { ...doc, ...restore?.(doc) }
    if (collection.upload) for (const field of FILE_FIELDS) delete data[field]
    const filePath = fileOf(doc)
    if (collection.upload && !filePath) {
      throw new ArchiveError(`${slug} ${String(doc.id)} has no file in the archive.`)
    }
    const content = filePath ? await fsp.readFile(filePath) : undefined
    let created: { id: number | string; filename?: unknown; sizes?: unknown }
    try {
      created = await payload.create({
        collection: slug as CollectionSlug,
        data: data as RequiredDataFromCollectionSlug<CollectionSlug>,
        ...(content && {
          file: {
            data: content,
            mimetype: String(doc.mimeType),
            name: String(doc.filename),
            size: content.length,
          },
        }),
        depth: 0,
        overrideAccess: true,
        // The collection is empty: a file already on disk under this name is left over.
        overwriteExistingFiles: true,
        req,
      })
    } catch (error) {
      throw new ArchiveError(
        `${slug} ${String(doc.id)} could not be imported: ${describe(error)}. Nothing was imported.`,
      )
    }
    if (String(created.id) !== String(doc.id)) {
      throw new ArchiveError(
        `${slug} ${String(doc.id)} was given id ${String(created.id)}; links to it would break.`,
      )
    }
    if (collection.upload && created.filename !== doc.filename) {
      throw new ArchiveError(
        `${slug} ${String(doc.id)}: its file was stored as ${String(created.filename)}, not ${String(doc.filename)}.`,
      )
    }
    if (content) {
      const sizes = await restoreArchivedFiles(
        payload,
        req,
        from,
        collection,
        doc,
        content,
        created,
        warnings,
      )
      files += 1 + sizes.files
      bytes += content.length + sizes.bytes
    }
    progress.advance(1, content?.length ?? 0)
  }
  return { files, bytes }
}

type SizeData = { filename?: unknown; mimeType?: unknown } | null
type Sizes = Record<string, SizeData>

/**
 * The archive's files are what was published, so they are put back exactly: Payload stores the
 * original and makes its sizes again (encoding WebP and GIF once more, and with whatever image
 * library this machine has), then the archived original and sizes replace them, each checked
 * like an upload first, and the stored sizes and file sizes are set to the archived ones.
 */
async function restoreArchivedFiles(
  payload: Payload,
  req: PayloadRequest,
  from: string,
  collection: SanitizedCollectionConfig,
  doc: ArchivedDoc,
  original: Buffer,
  created: { id: number | string; sizes?: unknown },
  warnings: string[],
) {
  const slug = collection.slug
  // Under MEDIA_DIR, or in the bucket: where Payload stored what the create just made.
  const store = fileStore(fileStorageOf(payload.config))
  const allowed = (collection.upload.mimeTypes ?? []) as AllowedMimeType[]
  const archivedSizes = (doc.sizes ?? {}) as Sizes
  const restored = { files: 0, bytes: 0 }
  // Addresses are worked out when read, never stored.
  const sizes: Sizes = Object.fromEntries(
    Object.entries((created.sizes ?? {}) as Record<string, Record<string, unknown> | null>).map(
      ([name, size]) => {
        if (!size) return [name, size]
        const { url: _url, ...stored } = size
        return [name, stored]
      },
    ),
  )
  for (const [name, size] of Object.entries(archivedSizes)) {
    if (!size || typeof size.filename !== 'string') continue
    const bytes = await fsp.readFile(path.join(from, uploadPath(slug, size.filename)))
    // A size is only ever made from the original, so one that fails the checks (corrupt, as
    // WebP sizes written twice at once by older versions could be) is made again instead.
    let problem: string | undefined
    try {
      const mime = await checkStoredFile(bytes, size.filename, allowed, maxPixelsOf(req))
      if (mime !== size.mimeType) problem = `it is ${mime}, not ${String(size.mimeType)}`
    } catch (error) {
      problem = describe(error)
    }
    if (problem) {
      warnings.push(
        `${slug} ${String(doc.id)}: the archived ${name} size ${size.filename} was not used (${problem}); it was made again from the original.`,
      )
      continue
    }
    await store.write(`${slug}/${size.filename}`, bytes)
    restored.files += 1
    restored.bytes += bytes.length
    sizes[name] = size
  }
  await store.write(`${slug}/${String(doc.filename)}`, original)
  store.close()
  await payload.db.updateOne({
    collection: slug,
    id: created.id,
    data: {
      filesize: doc.filesize,
      width: doc.width,
      height: doc.height,
      sizes,
      // Otherwise set to now by some adapters.
      updatedAt: doc.updatedAt,
    },
    req,
    returning: false,
  })
  return restored
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const data = (error as Error & { data?: { errors?: { path?: string; message?: string }[] } }).data
  const fields = data?.errors?.map((entry) => `${entry.path}: ${entry.message}`).join('; ')
  return fields ? `${error.message} (${fields})` : error.message
}

/**
 * Signatures whose signers asked to be counted but not listed are not in the archive by name,
 * only in each letter's count; they come back as nameless signatures so the count is right.
 */
async function restoreCountedOnly(
  payload: Payload,
  req: PayloadRequest,
  counts: readonly { letter: number | string; signatures: number; listed: number }[],
  progress: Progress,
): Promise<number> {
  if (!payload.collections.signatories) return 0
  const total = counts.reduce((sum, count) => sum + (count.signatures - count.listed), 0)
  if (!total) return 0
  progress.stage('restoring counted-only signatures', total)
  for (const { letter, signatures, listed } of counts) {
    for (let index = listed; index < signatures; index++) {
      await payload.create({
        collection: 'signatories',
        data: {
          letter: letter as Signatory['letter'],
          name: ANONYMOUS_NAME,
          display: 'counted_only',
          status: 'approved',
          source: 'import',
        },
        depth: 0,
        overrideAccess: true,
        req,
      })
      progress.advance(1)
    }
  }
  return total
}

/**
 * PostgreSQL hands out ids from a sequence that rows inserted with their own id do not move;
 * without this the next new document (a restored counted-only signature, or anything added
 * later) would collide with an imported one. The sequence only ever moves forwards, so a
 * rolled-back import cannot make it hand out an id still in use. SQLite and MongoDB continue
 * after the highest id by themselves.
 */
async function continueIdsAfter(
  payload: Payload,
  collection: SanitizedCollectionConfig,
  docs: readonly ArchivedDoc[],
) {
  if (payload.db.name !== 'postgres') return
  const highest = Math.max(0, ...docs.map((doc) => (typeof doc.id === 'number' ? doc.id : 0)))
  if (!highest) return
  const adapter = payload.db as unknown as PostgresAdapter
  const table = adapter.tableNameMap.get(collection.slug.replace(/-/g, '_'))
  if (!table) return
  const qualified = `"${adapter.schemaName || 'public'}"."${table}"`
  await adapter.pool.query(
    `SELECT setval(s.name, GREATEST(nextval(s.name), $1::bigint + 1), false) FROM (SELECT pg_get_serial_sequence($2, 'id') AS name) s WHERE s.name IS NOT NULL`,
    [highest, qualified],
  )
}
