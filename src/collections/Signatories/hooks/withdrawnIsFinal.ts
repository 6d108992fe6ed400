import type { CollectionBeforeChangeHook } from 'payload'

import { APIError } from 'payload'

/**
 * A signer who withdrew took their name off the letter: nobody, whatever their role, may put
 * it back. Said plainly rather than quietly ignored, so a moderator knows why.
 */
export const withdrawnIsFinal: CollectionBeforeChangeHook = ({ data, operation, originalDoc }) => {
  if (operation !== 'update' || originalDoc?.status !== 'withdrawn') return data
  if (data.status !== undefined && data.status !== 'withdrawn') {
    throw new APIError(
      'This signature was withdrawn by the signer, and a withdrawal is final: it cannot be approved or reviewed again.',
      403,
      undefined,
      true,
    )
  }
  return data
}
