import type {
  CollectionBeforeOperationHook,
  CollectionConfig,
  GlobalBeforeOperationHook,
  GlobalConfig,
  PayloadRequest,
  Plugin,
} from 'payload'

import { APIError } from 'payload'

import { hasRole } from '../access/hasRole'
import { siteIsArchived } from '../access/siteIsArchived'
import { unlessArchived } from '../access/unlessArchived'

export const ARCHIVED_MESSAGE =
  'This site has been archived and is now read-only: only an admin can change it.'

const WRITES: ReadonlySet<string> = new Set(['create', 'update', 'delete', 'restoreVersion'])

// Access rules alone would refuse with Payload's generic "not allowed"; saying why saves an
// editor from thinking their account is broken. The access rules stay the backstop, and they
// are what tells the admin panel to show documents read-only.
async function refuseWhenArchived(
  req: PayloadRequest,
  operation: string,
  overrideAccess: boolean | undefined,
) {
  if (overrideAccess || !WRITES.has(operation) || hasRole(req.user, 'admin')) return
  if (await siteIsArchived(req)) throw new APIError(ARCHIVED_MESSAGE, 403, undefined, true)
}

const refuseCollectionWrites: CollectionBeforeOperationHook = async ({
  args,
  operation,
  overrideAccess,
  req,
}) => {
  await refuseWhenArchived(req, operation, overrideAccess)
  return args
}

const refuseGlobalWrites: GlobalBeforeOperationHook = async ({
  args,
  operation,
  overrideAccess,
  req,
}) => {
  await refuseWhenArchived(req, operation, overrideAccess)
  return args
}

function readOnlyCollection(collection: CollectionConfig): CollectionConfig {
  const access = { ...collection.access }
  if (access.create) access.create = unlessArchived(access.create)
  if (access.update) access.update = unlessArchived(access.update)
  if (access.delete) access.delete = unlessArchived(access.delete)
  return {
    ...collection,
    access,
    hooks: {
      ...collection.hooks,
      // First, so nothing (an upload being decoded, say) is done for a write that is refused.
      beforeOperation: [refuseCollectionWrites, ...(collection.hooks?.beforeOperation ?? [])],
    },
  }
}

function readOnlyGlobal(global: GlobalConfig): GlobalConfig {
  const access = { ...global.access }
  if (access.update) access.update = unlessArchived(access.update)
  return {
    ...global,
    access,
    hooks: {
      ...global.hooks,
      beforeOperation: [refuseGlobalWrites, ...(global.hooks?.beforeOperation ?? [])],
    },
  }
}

/**
 * Archive mode, applied in one place to every collection and global the config has (those
 * added later included): admins may still change anything; everyone else reads only. Payload's
 * own collections (preferences, document locks, jobs) are added after plugins run and are left
 * alone, so the admin panel and scheduled tasks keep working.
 */
export const archiveMode: Plugin = (config) => ({
  ...config,
  collections: config.collections?.map(readOnlyCollection),
  globals: config.globals?.map(readOnlyGlobal),
})
