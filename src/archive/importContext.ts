import type { PayloadRequest } from 'payload'

export const ARCHIVE_IMPORT_CONTEXT = { archiveImport: true } as const

/**
 * True only for writes made by `npm run archive:import`: it sets this request context on its
 * Local API calls, which REST and GraphQL clients cannot set, and hooks that would otherwise
 * rename files or stamp import-time dates on restored documents leave them as archived.
 */
export const isArchiveImport = (req: PayloadRequest): boolean =>
  req.payloadAPI === 'local' && req.context?.archiveImport === true
