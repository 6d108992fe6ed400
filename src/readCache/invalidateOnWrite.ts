import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionConfig,
  GlobalAfterChangeHook,
  GlobalConfig,
  Payload,
  PayloadRequest,
  Plugin,
} from 'payload'

import { noteDraftOnlySave, wasDraftOnlySave } from '../utilities/draftOnlySave'
import { type AnonymousViewConfig, seenByAnonymous } from './anonymousView'
import { noteTransactionEnd, noteWrite } from './writes'

// Payload sets the request's transaction before any hook runs; a promise means it is still
// being opened, which cannot be the case once a document has been written.
const transactionOf = (req: PayloadRequest) =>
  typeof req.transactionID === 'object' ? undefined : req.transactionID

// A write changes an anonymous answer only if an anonymous reader could see the document before
// or after it: a pending or rejected signature, or a new draft, drops nothing.
const afterCollectionChange: CollectionAfterChangeHook = async ({
  collection,
  doc,
  operation,
  previousDoc,
  req,
}) => {
  // A draft-only save leaves what the public reads as it was: a spike's cache need not be
  // thrown away at every pause in typing.
  if (wasDraftOnlySave(req, collection.slug, doc.id, operation)) return doc
  // Any other update of a collection with drafts writes its public document, and previousDoc is
  // then the latest draft, not what the public saw: an unpublication after an autosave would
  // look like a draft saved over a draft.
  const overPublic = operation === 'update' && Boolean(collection.versions?.drafts)
  const seen =
    overPublic ||
    (await seenByAnonymous(
      collection.access?.read,
      collection.custom as AnonymousViewConfig | undefined,
      req,
      [previousDoc, doc],
    ))
  if (seen) noteWrite(transactionOf(req), [collection.slug])
  return doc
}
const afterCollectionDelete: CollectionAfterDeleteHook = async ({ collection, doc, req }) => {
  const seen = await seenByAnonymous(
    collection.access?.read,
    collection.custom as AnonymousViewConfig | undefined,
    req,
    [doc],
  )
  if (seen) noteWrite(transactionOf(req), [collection.slug])
  return doc
}
const afterGlobalChange: GlobalAfterChangeHook = async ({ doc, global, previousDoc, req }) => {
  const seen = await seenByAnonymous(global.access?.read, undefined, req, [previousDoc, doc])
  if (seen) noteWrite(transactionOf(req), [global.slug])
  return doc
}

// First among the hooks, so the cache empties as soon as a document is written rather than after
// slower hooks (the search index's); what readers keep while the transaction is still open is
// dropped again when it commits.
const withCollectionHooks = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  hooks: {
    ...collection.hooks,
    // Last, so it sees the arguments as every other hook has left them.
    beforeOperation: [...(collection.hooks?.beforeOperation ?? []), noteDraftOnlySave],
    afterChange: [afterCollectionChange, ...(collection.hooks?.afterChange ?? [])],
    afterDelete: [afterCollectionDelete, ...(collection.hooks?.afterDelete ?? [])],
  },
})

const withGlobalHooks = (global: GlobalConfig): GlobalConfig => ({
  ...global,
  hooks: {
    ...global.hooks,
    afterChange: [afterGlobalChange, ...(global.hooks?.afterChange ?? [])],
  },
})

const adaptersNotingCommits = new WeakSet<Payload['db']>()

/**
 * Hooks run inside the write's transaction, before it commits: a reader in between still sees
 * the old rows and could cache them. So the commit of a transaction that wrote documents
 * counts as a write too.
 */
function noteCommits(db: Payload['db']): void {
  if (adaptersNotingCommits.has(db)) return
  adaptersNotingCommits.add(db)
  const commit = db.commitTransaction.bind(db)
  const rollback = db.rollbackTransaction.bind(db)
  db.commitTransaction = async (id) => {
    const transaction = await id
    try {
      await commit(id)
    } finally {
      noteTransactionEnd(transaction, true)
    }
  }
  db.rollbackTransaction = async (id) => {
    const transaction = await id
    try {
      await rollback(id)
    } finally {
      noteTransactionEnd(transaction, false)
    }
  }
}

/**
 * Every collection and global reports the writes anonymous readers can see to the anonymous
 * read cache, tagged with its slug, and so does the commit of each transaction they wrote in.
 * It must run after the plugins that add collections or globals, so theirs are included.
 * Payload adds its own (jobs, preferences, locks) later still; anonymous readers cannot see
 * those, so the job runner's and logins' bookkeeping drops nothing. Code that writes with
 * payload.db directly, bypassing hooks, must call noteWrite itself.
 */
export const invalidateReadCacheOnWrite: Plugin = (config) => ({
  ...config,
  collections: config.collections?.map(withCollectionHooks),
  globals: config.globals?.map(withGlobalHooks),
  onInit: async (payload) => {
    noteCommits(payload.db)
    await config.onInit?.(payload)
  },
})
