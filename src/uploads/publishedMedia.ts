import type { FlattenedField, JoinQuery, Payload } from 'payload'

import { createLocalReq } from 'payload'

import { collectReferences, type DocId } from '../archive/references'
import { EVERY_REFERENCE } from '../fields/hiddenReferences'
import { writeGeneration } from '../readCache/writes'

const MEDIA = 'media'
// Writes made by another process (a command, another instance) are not counted here: after
// this long the set is read again anyway, as the read cache does.
const LONGEST_REUSE_MS = 10_000

type Known = { generation: number; readAt: number; ids: Promise<DocId[]> }
const known = new WeakMap<Payload, Known>()

/**
 * The media that something the public can read uses: an upload or relationship field, or an
 * image in rich text, of any published document or public global. An image or PDF uploaded for
 * a draft stays private until the draft is published.
 *
 * Read as an anonymous visitor, so each collection's own access rules decide what is public,
 * and kept until the next write (see src/readCache/writes.ts); one reading serves every
 * request in between.
 */
export function publishedMediaIds(payload: Payload): Promise<DocId[]> {
  const generation = writeGeneration()
  const current = known.get(payload)
  if (
    current &&
    current.generation === generation &&
    Date.now() - current.readAt < LONGEST_REUSE_MS
  ) {
    return current.ids
  }
  const entry: Known = { generation, readAt: Date.now(), ids: readPublishedMedia(payload) }
  known.set(payload, entry)
  entry.ids.catch(() => {
    if (known.get(payload) === entry) known.delete(payload)
  })
  return entry.ids
}

async function readPublishedMedia(payload: Payload): Promise<DocId[]> {
  // As stored: relationships shown to a reader leave out media they may not read, which is
  // what this answer decides.
  const req = await createLocalReq({ context: { [EVERY_REFERENCE]: true } }, payload)
  const found = new Map<string, DocId>()
  const collect = (fields: readonly FlattenedField[], doc: object) => {
    for (const reference of collectReferences(fields, doc as Record<string, unknown>)) {
      if (reference.collection === MEDIA) found.set(String(reference.id), reference.id)
    }
  }
  for (const collection of payload.config.collections) {
    // Payload's own bookkeeping (document locks, preferences, jobs) refers to media without
    // publishing it.
    if (collection.slug === MEDIA || collection.slug.startsWith('payload-')) continue
    if (!mayUseMedia(collection.flattenedFields)) continue
    const { docs } = await payload
      .find({
        collection: collection.slug,
        depth: 0,
        // Joins list the other side's documents, which hold no media of this one.
        joins: false as JoinQuery,
        overrideAccess: false,
        pagination: false,
        req,
      })
      // A collection the public may not read at all shows no media to it.
      .catch(() => ({ docs: [] }))
    for (const doc of docs) collect(collection.flattenedFields, doc)
  }
  for (const global of payload.config.globals) {
    if (!mayUseMedia(global.flattenedFields)) continue
    const doc = await payload
      .findGlobal({ slug: global.slug, depth: 0, overrideAccess: false, req })
      .catch(() => undefined)
    if (doc) collect(global.flattenedFields, doc)
  }
  return [...found.values()]
}

export function mayUseMedia(fields: readonly FlattenedField[]): boolean {
  return fields.some((field) => {
    switch (field.type) {
      case 'upload':
      case 'relationship':
        return ([] as string[]).concat(field.relationTo).includes(MEDIA)
      case 'richText':
        return true
      case 'group':
      case 'tab':
      case 'array':
        return mayUseMedia(field.flattenedFields)
      case 'blocks':
        return field.blocks.some((block) => mayUseMedia(block.flattenedFields))
      default:
        return false
    }
  })
}
