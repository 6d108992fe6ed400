import type { CollectionBeforeChangeHook } from 'payload'

import { APIError } from 'payload'

/**
 * Where email confirmation is on, a signature is only a claim until its signer follows the
 * link: anyone could type another person's name and address. A moderator may reject it at any
 * time, but approving it (and so making it public) waits for the confirmation. Signatures
 * without a confirmation link (imported, added by the team, or signed while email was off)
 * go straight to review as before.
 */
export const confirmedBeforeApproval: CollectionBeforeChangeHook = ({
  data,
  operation,
  originalDoc,
}) => {
  if (operation !== 'update' || data.status !== 'approved') return data
  if (originalDoc?.status === 'approved') return data
  if (originalDoc?.confirmTokenHash && !originalDoc.verifiedAt) {
    throw new APIError(
      'This signature is still waiting for the signer to confirm it from their email, so it cannot be approved yet. You can reject it, or wait for the confirmation.',
      409,
      undefined,
      true,
    )
  }
  return data
}
