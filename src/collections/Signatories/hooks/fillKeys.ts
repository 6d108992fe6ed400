import type { CollectionBeforeChangeHook } from 'payload'

import { isNoEmailKey, keyedHash, nameKey, newNoEmailKey, normaliseEmail } from '../normalise'

/** Dedupe keys, kept in step with the name and email whoever saves the signatory. */
export const fillKeys: CollectionBeforeChangeHook = ({ data, originalDoc, req }) => {
  const merged = { ...originalDoc, ...data }
  const email =
    typeof merged.email === 'string' && merged.email.trim() ? normaliseEmail(merged.email) : null
  return {
    ...data,
    email,
    emailHash: email
      ? keyedHash(req.payload.secret, 'email', email)
      : isNoEmailKey(originalDoc?.emailHash)
        ? originalDoc.emailHash
        : newNoEmailKey(),
    nameKey: typeof merged.name === 'string' ? nameKey(merged.name) : null,
  }
}
