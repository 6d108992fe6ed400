import crypto from 'node:crypto'
import fsp from 'node:fs/promises'
import path from 'node:path'

import type {
  CollectionSlug,
  FlattenedField,
  GlobalSlug,
  JoinQuery,
  Payload,
  SanitizedCollectionConfig,
} from 'payload'

import { migrations as postgresMigrations } from '../migrations/postgres'
import { migrations as sqliteMigrations } from '../migrations/sqlite'
import { fileStorageOf, fileStore } from '../uploads/fileStore'
import {
  type ArchiveData,
  type ArchivedDoc,
  canonical,
  collectionFile,
  compareIds,
  DATA_DIR,
  globalFile,
  SIGNATURE_COUNTS_FILE,
  type SignatureCount,
  SITE_DIR,
  toJson,
  uploadFilenames,
  uploadPath,
} from './archiveData'
import {
  ArchiveError,
  FORMAT_VERSION,
  intoEmptyFolder,
  type Manifest,
  writeManifest,
} from './manifest'
import { archivedCollections, policyFor } from './policy'
import type { Progress } from './progress'
import { type Reference, referenceKey, rewriteReferences } from './references'
import { crawlSite } from './crawlSite'
import { type SiteSource, startArchiveSite } from './siteServer'

export const ARCHIVE_FORMAT = 'stopsim-archive'

export type ExportResult = {
  manifest: Manifest
  documents: Record<string, number>
  files: number
  bytes: number
  /** Public documents left out because something they need is not public, and why. */
  leftOut: string[]
}

const PAGE_SIZE = 200
// Join fields are worked out from the other side (a letter's signatures, a trust's statements),
// so the archive leaves them out; Payload types `false` per collection, not for any slug.
const WITHOUT_JOINS = false as JoinQuery<CollectionSlug>

/**
 * The public archive: every document the public can read (read through the Local API as an
 * anonymous visitor, so the collections' own access rules decide what is private), the files
 * they use, a static HTML copy, and a manifest with a checksum of every file.
 */
export async function exportArchive(
  payload: Payload,
  { out, progress, siteUrl }: { out: string; progress: Progress; siteUrl?: string },
): Promise<ExportResult> {
  return intoEmptyFolder(out, 'archive', () => writeArchive(payload, out, progress, siteUrl))
}

/** The database and files this Payload uses, for the site that draws the static copy. */
function siteSourceOf(payload: Payload): SiteSource {
  const source = payload.config.custom?.site as SiteSource | undefined
  if (!source) throw new ArchiveError('The configuration does not say where its database is.')
  return source
}

async function writeArchive(
  payload: Payload,
  out: string,
  progress: Progress,
  siteUrl: string | undefined,
) {
  const collections = archivedCollections(payload.config)

  const available = new Map<string, ArchivedDoc[]>()
  for (const collection of collections) {
    available.set(collection.slug, await readPublic(payload, collection.slug, progress))
  }
  const { kept, leftOut } = selectDocuments(collections, available)
  const data: ArchiveData = {
    collections: new Map(
      collections.map((collection) => [
        collection.slug,
        (kept.get(collection.slug) ?? []).map((doc) => archivedForm(collection, doc)),
      ]),
    ),
    globals: await readPublicGlobals(payload),
    signatureCounts: await countSignatures(payload, kept),
  }

  const files = uploadFiles(collections, data)
  const store = fileStore(fileStorageOf(payload.config))
  const stored = new Map((await store.list()).map((file) => [file.path, file.bytes]))
  const missing = files.filter((file) => !stored.has(file.source))
  if (missing.length) {
    store.close()
    throw new ArchiveError(
      `These stored files are missing from ${store.where}, so the archive would be incomplete: ${missing
        .map((file) => file.source)
        .join(', ')}. Restore them from a backup, then export again.`,
    )
  }

  for (const [slug, docs] of data.collections) {
    await writeFile(out, collectionFile(slug), toJson({ collection: slug, documents: docs }))
  }
  for (const [slug, settings] of data.globals) {
    await writeFile(out, globalFile(slug), toJson({ global: slug, data: settings }))
  }
  if (data.signatureCounts.length) {
    await writeFile(out, `${DATA_DIR}/${SIGNATURE_COUNTS_FILE}`, toJson(data.signatureCounts))
  }

  let bytes = 0
  const sizes = files.map((file) => stored.get(file.source) ?? 0)
  progress.stage(
    'copying files',
    files.length,
    sizes.reduce((sum, size) => sum + size, 0),
  )
  for (const [index, file] of files.entries()) {
    const target = path.join(out, file.target)
    await fsp.mkdir(path.dirname(target), { recursive: true })
    await fsp.writeFile(target, await store.read(file.source))
    bytes += sizes[index]
    progress.advance(1, sizes[index])
  }

  store.close()

  // The static copy is the public site itself, as it draws its pages in archive mode: one
  // renderer for the live site and the archive.
  const site = siteUrl
    ? { url: siteUrl, stop: async () => {} }
    : await startArchiveSite(siteSourceOf(payload))
  try {
    await crawlSite({ url: site.url, root: out, site: SITE_DIR, progress })
  } finally {
    await site.stop()
  }

  const documents = Object.fromEntries(
    [...data.collections].map(([slug, docs]) => [slug, docs.length]),
  )
  const manifest = await writeManifest(
    out,
    {
      format: ARCHIVE_FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      source: { database: payload.db.name, idType: payload.db.defaultIDType },
      schema: schemaVersion(collections),
      documents,
      globals: [...data.globals.keys()],
    },
    progress,
  )
  return { manifest, documents, files: files.length, bytes, leftOut }
}

async function writeFile(root: string, relative: string, content: string) {
  const target = path.join(root, relative)
  await fsp.mkdir(path.dirname(target), { recursive: true })
  await fsp.writeFile(target, content)
}

/** As an anonymous visitor sees it: published only, private fields left out by access rules. */
async function readPublic(
  payload: Payload,
  slug: string,
  progress: Progress,
): Promise<ArchivedDoc[]> {
  const docs: ArchivedDoc[] = []
  for (let page = 1; ; page++) {
    const result = await payload.find({
      collection: slug as CollectionSlug,
      overrideAccess: false,
      draft: false,
      depth: 0,
      joins: WITHOUT_JOINS,
      limit: PAGE_SIZE,
      page,
      sort: 'id',
    })
    if (page === 1) progress.stage(`reading ${slug}`, result.totalDocs)
    docs.push(...(result.docs as unknown as ArchivedDoc[]))
    progress.advance(result.docs.length)
    if (!result.hasNextPage) return docs
  }
}

async function readPublicGlobals(payload: Payload): Promise<Map<string, Record<string, unknown>>> {
  const globals = new Map<string, Record<string, unknown>>()
  for (const global of payload.config.globals) {
    let settings: Record<string, unknown>
    try {
      settings = (await payload.findGlobal({
        slug: global.slug as GlobalSlug,
        overrideAccess: false,
        depth: 0,
      })) as unknown as Record<string, unknown>
    } catch {
      // Not public: not in the public archive.
      continue
    }
    // Timestamps belong to this database, not to the settings: an import sets its own. An
    // empty setting may be missing or null depending on whether it was ever saved.
    const {
      id: _id,
      globalType: _type,
      createdAt: _created,
      updatedAt: _updated,
      ...rest
    } = settings
    globals.set(
      global.slug,
      Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== null)),
    )
  }
  return globals
}

/**
 * Which public documents go in. Supporting collections (media) contribute only what the others
 * use; references to anything not archived are removed, and a document that cannot exist
 * without one (a signature whose letter is unpublished) is left out, repeatedly until stable.
 */
function selectDocuments(
  collections: readonly SanitizedCollectionConfig[],
  available: ReadonlyMap<string, ArchivedDoc[]>,
) {
  const fieldsOf = new Map<string, readonly FlattenedField[]>(
    collections.map((c) => [c.slug, c.flattenedFields]),
  )
  const supporting = collections.filter((c) => policyFor(c.slug).onlyWhenReferenced)
  const kept = new Map<string, Map<string, ArchivedDoc>>(
    collections.map((c) => [
      c.slug,
      new Map(
        policyFor(c.slug).onlyWhenReferenced
          ? []
          : (available.get(c.slug) ?? []).map((doc) => [String(doc.id), doc]),
      ),
    ]),
  )
  const leftOut: string[] = []
  const isKept = (reference: Reference) =>
    kept.get(reference.collection)?.has(String(reference.id)) === true

  for (let changed = true; changed;) {
    changed = false
    const referenced = new Set<string>()
    for (const [slug, docs] of kept) {
      if (supporting.some((c) => c.slug === slug)) continue
      for (const doc of docs.values()) {
        rewriteReferences(fieldsOf.get(slug) ?? [], doc, (reference) => {
          referenced.add(referenceKey(reference))
          return reference.id
        })
      }
    }
    for (const { slug } of supporting) {
      const docs = (available.get(slug) ?? []).filter((doc) =>
        referenced.has(referenceKey({ collection: slug, id: doc.id })),
      )
      kept.set(slug, new Map(docs.map((doc) => [String(doc.id), doc])))
    }
    for (const [slug, docs] of kept) {
      for (const [key, doc] of docs) {
        const { missingRequired } = rewriteReferences(fieldsOf.get(slug) ?? [], doc, (reference) =>
          isKept(reference) ? reference.id : null,
        )
        if (missingRequired.length) {
          docs.delete(key)
          leftOut.push(
            `${slug} ${key}: its ${missingRequired.join(', ')} is not public, so it is left out`,
          )
          changed = true
        }
      }
    }
  }

  const result = new Map<string, ArchivedDoc[]>()
  for (const [slug, docs] of kept) {
    result.set(
      slug,
      [...docs.values()]
        .map(
          (doc) =>
            rewriteReferences(fieldsOf.get(slug) ?? [], doc, (reference) =>
              isKept(reference) ? reference.id : null,
            ).data as ArchivedDoc,
        )
        .sort((a, b) => compareIds(a.id, b.id)),
    )
  }
  return { kept: result, leftOut }
}

/**
 * The document as stored in the archive: fields the policy leaves out removed, and the file
 * addresses Payload works out from SERVER_URL dropped (the archive's files have their own).
 */
function archivedForm(collection: SanitizedCollectionConfig, doc: ArchivedDoc): ArchivedDoc {
  const copy: Record<string, unknown> = { ...doc }
  for (const field of policyFor(collection.slug).omit ?? []) delete copy[field]
  if (collection.upload) {
    delete copy.url
    delete copy.thumbnailURL
    if (copy.sizes && typeof copy.sizes === 'object') {
      copy.sizes = Object.fromEntries(
        Object.entries(copy.sizes as Record<string, Record<string, unknown>>).map(
          ([name, size]) => {
            const { url: _url, ...rest } = size ?? {}
            return [name, rest]
          },
        ),
      )
    }
  }
  return canonical(copy) as ArchivedDoc
}

/** The public tally of each archived open letter, which counts those not listed by name too. */
async function countSignatures(
  payload: Payload,
  kept: ReadonlyMap<string, ArchivedDoc[]>,
): Promise<SignatureCount[]> {
  const signatories = kept.get('signatories')
  if (!signatories) return []
  const letters = (kept.get('statements') ?? []).filter((doc) => doc.kind === 'open_letter')
  const counts: SignatureCount[] = []
  for (const letter of letters) {
    const { totalDocs } = await payload.count({
      collection: 'signatories',
      overrideAccess: true,
      where: { and: [{ letter: { equals: letter.id } }, { status: { equals: 'approved' } }] },
    })
    const listed = signatories.filter((doc) => doc.letter === letter.id).length
    counts.push({ letter: letter.id, signatures: Math.max(totalDocs, listed), listed })
  }
  return counts
}

function uploadFiles(collections: readonly SanitizedCollectionConfig[], data: ArchiveData) {
  const files: { source: string; target: string }[] = []
  for (const collection of collections) {
    if (!collection.upload) continue
    for (const doc of data.collections.get(collection.slug) ?? []) {
      for (const filename of uploadFilenames(doc)) {
        files.push({
          // Its path in the file store: under MEDIA_DIR, or its key in the bucket.
          source: `${collection.slug}/${filename}`,
          target: uploadPath(collection.slug, filename),
        })
      }
    }
  }
  return files
}

type FieldShape = { name: string; type: string; relationTo?: unknown; fields?: FieldShape[] }

const shapeOf = (fields: readonly FlattenedField[]): FieldShape[] =>
  fields.map((field) => ({
    name: field.name,
    type: field.type,
    ...('relationTo' in field ? { relationTo: field.relationTo } : {}),
    ...('flattenedFields' in field ? { fields: shapeOf(field.flattenedFields) } : {}),
    ...(field.type === 'blocks'
      ? {
          fields: field.blocks.map((block) => ({
            name: block.slug,
            type: 'block',
            fields: shapeOf(block.flattenedFields),
          })),
        }
      : {}),
  }))

/**
 * Which schema the data follows: the last migration of each SQL dialect, and a fingerprint of
 * the archived collections' fields that is the same on every database.
 */
export function schemaVersion(collections: readonly SanitizedCollectionConfig[]) {
  const latest = (list: readonly { name: string }[]) => list[list.length - 1]?.name ?? null
  const fingerprint = crypto
    .createHash('sha256')
    .update(
      JSON.stringify(
        collections.map((c) => ({ slug: c.slug, fields: shapeOf(c.flattenedFields) })),
      ),
    )
    .digest('hex')
    .slice(0, 16)
  return {
    fingerprint,
    migrations: { sqlite: latest(sqliteMigrations), postgres: latest(postgresMigrations) },
  }
}
