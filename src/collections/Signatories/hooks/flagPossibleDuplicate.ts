import type { CollectionBeforeChangeHook } from 'payload'

import { isArchiveImport } from '../../../archive/importContext'

/**
 * The same name on the same letter under another (or no) email address is kept, but pointed
 * at the earlier signature for a moderator to decide.
 */
export const flagPossibleDuplicate: CollectionBeforeChangeHook = async ({
  data,
  operation,
  req,
}) => {
  // Restored signatures carry only their public names: every "Anonymous" would match.
  if (isArchiveImport(req)) return data
  if (operation !== 'create' || !data.nameKey || !data.letter || data.possibleDuplicateOf)
    return data
  const { docs } = await req.payload.find({
    collection: 'signatories',
    depth: 0,
    limit: 1,
    overrideAccess: true,
    req,
    sort: 'createdAt',
    where: { and: [{ letter: { equals: data.letter } }, { nameKey: { equals: data.nameKey } }] },
  })
  const earlier = docs[0]
  if (!earlier || (data.emailHash && earlier.emailHash === data.emailHash)) return data
  return { ...data, possibleDuplicateOf: earlier.id }
}
