import type { CollectionBeforeOperationHook } from 'payload'

/**
 * When a document was created or last changed is the server's to say: a client could otherwise
 * backdate content, or keep a document lock looking fresh for ever. Server code that restores
 * an archive writes with overrideAccess and keeps the dates it brings.
 */
export const serverSetTimestamps: CollectionBeforeOperationHook = ({
  args,
  operation,
  overrideAccess,
}) => {
  if (overrideAccess || (operation !== 'create' && operation !== 'update')) return args
  const data: unknown = args.data
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return args
  if (!('createdAt' in data) && !('updatedAt' in data)) return args
  const { createdAt: _createdAt, updatedAt: _updatedAt, ...rest } = data as Record<string, unknown>
  return { ...args, data: rest }
}
