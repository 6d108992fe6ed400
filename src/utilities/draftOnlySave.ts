import type { CollectionBeforeOperationHook, PayloadRequest } from 'payload'

// A draft saved over an existing document (the admin autosaves every few seconds while someone
// types) is written to the versions table only: what the public reads has not changed. Payload
// does not tell afterChange whether a save was a draft, so beforeOperation notes it on the
// request.
const DRAFT_ONLY_SAVES = 'stopsimDraftOnlySaves'

const draftOnlySaves = (req: PayloadRequest): Set<string> => {
  req.context[DRAFT_ONLY_SAVES] ??= new Set<string>()
  return req.context[DRAFT_ONLY_SAVES] as Set<string>
}
const saveKey = (collection: string, id: unknown) => `${collection}:${String(id)}`

/** Notes a draft-only save; to run last among a collection's beforeOperation hooks. */
export const noteDraftOnlySave: CollectionBeforeOperationHook = ({
  args,
  collection,
  operation,
  req,
}) => {
  // The same test Payload makes before it leaves the document itself alone.
  const draftOnly =
    operation === 'update' &&
    Boolean(collection.versions?.drafts) &&
    'id' in args &&
    args.id !== undefined &&
    args.draft === true &&
    (args.data as { _status?: unknown } | undefined)?._status !== 'published'
  // A later save of the same document in the same request is judged afresh.
  if (draftOnly) draftOnlySaves(req).add(saveKey(collection.slug, args.id))
  else if ('id' in args) draftOnlySaves(req).delete(saveKey(collection.slug, args.id))
  return args
}

/** Whether this afterChange follows a save that touched only the document's drafts. */
export const wasDraftOnlySave = (
  req: PayloadRequest,
  collection: string,
  id: unknown,
  operation: 'create' | 'update',
): boolean => operation === 'update' && draftOnlySaves(req).has(saveKey(collection, id))
