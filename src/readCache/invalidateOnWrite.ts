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
import { noteTransactionEnd, noteWrite } from './writes'

// Payload sets the request's transaction before any hook runs; a promise means it is still
// being opened, which cannot be the case once a document has been written.
const transactionOf = (req: PayloadRequest) =>
  typeof req.transactionID === 'object' ? undefined : req.transactionID

// A draft-only save leaves what the public reads as it was: a spike's cache need not be thrown
// away at every pause in typing.
const afterCollectionChange: CollectionAfterChangeHook = ({ collection, doc, operation, req }) => {
  if (!wasDraftOnlySave(req, collection.slug, doc.id, operation)) noteWrite(transactionOf(req))
  return doc
}
const afterCollectionDelete: CollectionAfterDeleteHook = ({ doc, req }) => {
  noteWrite(transactionOf(req))
  return doc
}
const afterGlobalChange: GlobalAfterChangeHook = ({ doc, req }) => {
  noteWrite(transactionOf(req))
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
 * Every collection and global reports its writes to the anonymous read cache, and so does the
 * commit of each transaction they wrote in. It must run after the plugins that add collections
 * or globals, so theirs are included. Payload adds its own (jobs, preferences, locks) later
 * still; anonymous readers cannot see those, so the job runner's and logins' bookkeeping does
 * not empty the cache. Code that writes with payload.db directly, bypassing hooks, must call
 * noteWrite itself.
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
