import type { CollectionBeforeDeleteHook, FlattenedField, JoinQuery, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import { collectReferences, type DocId, rewriteReferences } from '../archive/references'
import { mayUseMedia } from './publishedMedia'

const MEDIA = 'media'
const NAMED_AT_MOST = 5

type Json = Record<string, unknown>

const labelOf = (label: unknown, fallback: string): string =>
  typeof label === 'string' ? label : fallback

const refersTo = (id: DocId) => (reference: { collection: string; id: DocId }) =>
  reference.collection === MEDIA && String(reference.id) === String(id)

const uses = (fields: readonly FlattenedField[], doc: object, id: DocId) =>
  collectReferences(fields, doc as Json).some(refersTo(id))

/**
 * Every document and global that uses a media item, as people know them: “Campaign update
 * “Title””. Both the published version and the newest draft count. Read in full, not by query:
 * rich text holds media too, and deleting is rare.
 */
export async function placesUsingMedia(req: PayloadRequest, id: DocId): Promise<string[]> {
  const { payload } = req
  const places = new Set<string>()
  for (const collection of payload.config.collections) {
    if (collection.slug === MEDIA || collection.slug.startsWith('payload-')) continue
    if (!mayUseMedia(collection.flattenedFields)) continue
    const label = labelOf(collection.labels?.singular, collection.slug)
    const titleField = collection.admin?.useAsTitle ?? 'id'
    for (const draft of collection.versions?.drafts ? [false, true] : [false]) {
      const { docs } = await payload.find({
        collection: collection.slug,
        depth: 0,
        draft,
        joins: false as JoinQuery,
        overrideAccess: true,
        pagination: false,
        req,
      })
      for (const doc of docs) {
        if (!uses(collection.flattenedFields, doc, id)) continue
        const title: unknown = Reflect.get(doc, titleField)
        places.add(`${label} “${String(title ?? doc.id)}”`)
      }
    }
  }
  for (const global of payload.config.globals) {
    if (!mayUseMedia(global.flattenedFields)) continue
    const doc = await payload.findGlobal({ slug: global.slug, depth: 0, overrideAccess: true, req })
    if (uses(global.flattenedFields, doc, id)) places.add(labelOf(global.label, global.slug))
  }
  return [...places]
}

/**
 * Earlier versions keep their history but lose the file: without this, SQLite's foreign keys
 * (which PostgreSQL's schema sets to null on delete) refuse the deletion with an error, and a
 * takedown of an image must always be possible once nothing current shows it.
 */
async function clearFromEarlierVersions(req: PayloadRequest, id: DocId): Promise<void> {
  const { payload } = req
  for (const collection of payload.config.collections) {
    if (!collection.versions || collection.slug === MEDIA) continue
    if (!mayUseMedia(collection.flattenedFields)) continue
    const { docs } = await payload.findVersions({
      collection: collection.slug,
      depth: 0,
      overrideAccess: true,
      pagination: false,
      req,
    })
    for (const entry of docs) {
      const version: Json = Object.fromEntries(Object.entries(entry.version as object))
      if (!uses(collection.flattenedFields, version, id)) continue
      const { data } = rewriteReferences(collection.flattenedFields, version, (reference) =>
        refersTo(id)(reference) ? null : reference.id,
      )
      await payload.db.updateVersion({
        collection: collection.slug,
        id: entry.id,
        versionData: { ...entry, version: data },
        req,
      })
    }
  }
}

/**
 * Media that content uses cannot be deleted: the page would lose its image without anyone
 * choosing so. Said with where it is used, so it can be taken out there first.
 */
export const refuseDeletingMediaInUse: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const places = await placesUsingMedia(req, id)
  if (places.length) {
    const named = places.slice(0, NAMED_AT_MOST).join('; ')
    const more = places.length > NAMED_AT_MOST ? ` and ${places.length - NAMED_AT_MOST} more` : ''
    throw new APIError(
      `This file is still used by ${named}${more}. Remove it there first, then delete it.`,
      409,
      undefined,
      true,
    )
  }
  await clearFromEarlierVersions(req, id)
}
