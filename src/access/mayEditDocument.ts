import type { CollectionSlug, DefaultDocumentIDType, PayloadRequest, Where } from 'payload'

export type DocumentRef = {
  collection?: string | null
  id?: number | string | null
  global?: string | null
}

const isWhere = (value: unknown): value is Where => typeof value === 'object' && value !== null

/**
 * Whether the signed-in user may save the given document or global, by the very rule its
 * collection or global declares (archive mode included), as Payload would decide on a save of
 * `data` (`{ _status: 'published' }` asks whether they may publish it).
 */
export async function mayEditDocument(
  req: PayloadRequest,
  ref: DocumentRef,
  data?: Record<string, unknown>,
): Promise<boolean> {
  if (!req.user) return false
  if (ref.global) {
    const global = req.payload.config.globals.find(({ slug }) => slug === ref.global)
    const rule = global?.access?.update
    return Boolean(rule && (await rule({ data, req })))
  }
  const collection = ref.collection
    ? req.payload.collections[ref.collection as CollectionSlug]
    : undefined
  if (!collection || ref.id === undefined || ref.id === null) return false
  const rule = collection.config.access.update
  const result = await rule({ id: ref.id as DefaultDocumentIDType, data, req })
  if (!result) return false
  if (!isWhere(result)) return true
  const { totalDocs } = await req.payload.count({
    collection: collection.config.slug,
    overrideAccess: true,
    req,
    where: { and: [{ id: { equals: ref.id } }, result] },
  })
  return totalDocs > 0
}
