import type { CollectionBeforeChangeHook } from 'payload'

import { isNoEmailKey } from '../normalise'
import { storedKeys } from '../rules'

/** Dedupe keys, kept in step with the name and email whoever saves the signatory. */
export const fillKeys: CollectionBeforeChangeHook = ({ data, originalDoc, req }) => {
  const merged = { ...originalDoc, ...data }
  const keys = storedKeys(
    req.payload.secret,
    { name: typeof merged.name === 'string' ? merged.name : '', email: merged.email },
    isNoEmailKey(originalDoc?.emailHash) ? originalDoc.emailHash : null,
  )
  return {
    ...data,
    ...keys,
    nameKey: typeof merged.name === 'string' ? keys.nameKey : null,
    nameBlockKey: typeof merged.name === 'string' ? keys.nameBlockKey : null,
  }
}
