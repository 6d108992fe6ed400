import type { Access, CollectionBeforeChangeHook, CollectionConfig, Where } from 'payload'

import { hasAnyRole } from './hasAnyRole'
import { hasRole } from './hasRole'
import { mayEditDocument } from './mayEditDocument'
import { nobody } from './nobody'

export const LOCKS = 'payload-locked-documents'

type Lock = {
  document?: { relationTo?: string; value?: unknown } | null
  globalSlug?: string | null
}

const ownLocks = (user: { id: number | string; collection: string }): Where => ({
  and: [{ 'user.value': { equals: user.id } }, { 'user.relationTo': { equals: user.collection } }],
})

const idOf = (value: unknown): number | string | undefined => {
  if (typeof value === 'number' || typeof value === 'string') return value
  if (typeof value === 'object' && value !== null && 'id' in value) return idOf(value.id)
  return undefined
}

/**
 * A lock can be refreshed or cleared by whoever holds it, and taken over or cleared by someone
 * who may save the locked document; nobody else. Otherwise any account could keep an editor
 * from saving (423) by locking or re-assigning locks in other people's names.
 */
const holderOrEditor: Access = async ({ id, req }) => {
  if (!req.user) return false
  if (hasRole(req.user, 'admin')) return true
  const own = ownLocks(req.user)
  if (id === undefined || id === null) return own
  const lock = (await req.payload.findByID({
    collection: LOCKS,
    id,
    depth: 0,
    overrideAccess: true,
    req,
    disableErrors: true,
  })) as Lock | null
  if (!lock) return own
  const editable = await mayEditDocument(req, {
    collection: lock.document?.relationTo,
    id: idOf(lock.document?.value),
    global: lock.globalSlug,
  })
  return editable || own
}

/**
 * Whoever writes a lock holds it, and a lock stays on the document it was made for: taking over
 * means holding it yourself, never handing it to someone else or moving it elsewhere.
 */
export const lockHeldByWriter: CollectionBeforeChangeHook = ({ data, operation, req }) => {
  if (!req.user) return data
  const { document: _document, globalSlug: _globalSlug, ...rest } = data
  const user = { relationTo: req.user.collection, value: req.user.id }
  return operation === 'update' ? { ...rest, user } : { ...data, user }
}

/**
 * Payload's document locks: the admin panel makes them itself, on the server, for the person
 * editing, so nobody makes one through the API. The team sees who is editing what.
 */
export const documentLockAccess: NonNullable<CollectionConfig['access']> = {
  create: nobody,
  read: hasAnyRole,
  update: holderOrEditor,
  delete: holderOrEditor,
}
