import type { Access } from 'payload'

/** Only the server writes these records (with overrideAccess); no account can. */
export const nobody: Access = () => false
