import type { CollectionBeforeChangeHook } from 'payload'

import { isArchiveImport } from '../../../archive/importContext'
import { possibleDuplicateAmong } from '../rules'

/**
 * A signature that may be someone who already signed this letter under another (or no) email
 * address is kept, but pointed at the earlier signature for a moderator to decide. The
 * candidates come from the (letter, nameBlockKey) index, never a scan of the letter.
 */
export const flagPossibleDuplicate: CollectionBeforeChangeHook = async ({
  data,
  operation,
  req,
}) => {
  // Restored signatures carry only their public names: every "Anonymous" would match.
  if (isArchiveImport(req)) return data
  if (operation !== 'create' || !data.nameBlockKey || !data.letter || data.possibleDuplicateOf)
    return data
  const { docs } = await req.payload.find({
    collection: 'signatories',
    depth: 0,
    limit: 200,
    overrideAccess: true,
    req,
    select: { nameKey: true, role: true, organisation: true, emailHash: true },
    sort: 'createdAt',
    where: {
      and: [{ letter: { equals: data.letter } }, { nameBlockKey: { equals: data.nameBlockKey } }],
    },
  })
  const earlier = possibleDuplicateAmong(
    {
      nameKey: data.nameKey,
      emailHash: data.emailHash,
      role: data.role,
      organisation: data.organisation,
    },
    docs,
  )
  return earlier ? { ...data, possibleDuplicateOf: earlier.id } : data
}
