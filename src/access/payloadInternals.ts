import type { CollectionConfig, GlobalConfig, SanitizedConfig } from 'payload'

import { serverSetTimestamps } from '../fields/serverTimestamps'
import { assertAccessDeclared, declareAccess, isDeclaredAccess } from './assertAccessDeclared'
import { documentLockAccess, LOCKS, lockHeldByWriter } from './documentLockAccess'
import { isAdmin } from './isAdmin'
import { isAdminRequest } from './isAdminRequest'
import { isSignedIn } from './isSignedIn'
import { nobody } from './nobody'
import { ownPreferences } from './ownPreferences'

type CollectionAccess = NonNullable<CollectionConfig['access']>
type GlobalAccess = NonNullable<GlobalConfig['access']>

/**
 * Payload adds collections and globals of its own while it sanitises the config, after every
 * plugin has run, with rules that let any signed-in account do anything. These are ours.
 * A new one in a later Payload version stops the start until it is listed here.
 */
export const INTERNAL_COLLECTION_ACCESS: Record<string, CollectionAccess> = {
  [LOCKS]: documentLockAccess,
  // Payload fills in the owner on create; the admin panel reads and writes through its own routes.
  'payload-preferences': {
    create: isSignedIn,
    read: ownPreferences,
    update: ownPreferences,
    delete: ownPreferences,
  },
  // Queued and run by the server only (scheduled publishing, signature clean-up).
  'payload-jobs': { create: nobody, read: nobody, update: nobody, delete: nobody },
  // Written by `payload migrate` through the Local API.
  'payload-migrations': { create: nobody, read: nobody, update: nobody, delete: nobody },
  // Payload's key-value store, for server code only.
  'payload-kv': { create: nobody, read: nobody, update: nobody, delete: nobody },
}

export const INTERNAL_GLOBAL_ACCESS: Record<string, GlobalAccess> = {
  // Written by the job runner straight to the database.
  'payload-jobs-stats': { read: isAdmin, update: nobody },
}

/** `/api/payload-jobs/run` and `/handle-schedules`: the server runs its jobs by itself. */
export const JOBS_ACCESS = { run: isAdminRequest, queue: isAdminRequest, cancel: isAdminRequest }

declareAccess(JOBS_ACCESS)
for (const rules of [
  ...Object.values(INTERNAL_COLLECTION_ACCESS),
  ...Object.values(INTERNAL_GLOBAL_ACCESS),
]) {
  declareAccess(rules)
}

/**
 * The last step of building the config, on the config Payload will run: its own collections get
 * the rules above and the lock holder hook, every collection gets server-set timestamps, and
 * then every collection, global and job rule of it must be one declared in this project, not a
 * default Payload filled in.
 */
export function secureFinalConfig(config: SanitizedConfig): SanitizedConfig {
  for (const collection of config.collections) {
    const internal = INTERNAL_COLLECTION_ACCESS[collection.slug]
    if (internal) collection.access = { ...collection.access, ...internal }
    if (collection.slug === LOCKS) {
      collection.hooks.beforeChange = [...(collection.hooks.beforeChange ?? []), lockHeldByWriter]
    }
    collection.hooks.beforeOperation = [
      serverSetTimestamps,
      ...(collection.hooks.beforeOperation ?? []),
    ]
  }
  for (const global of config.globals) {
    const internal = INTERNAL_GLOBAL_ACCESS[global.slug]
    if (internal) global.access = { ...global.access, ...internal }
  }
  assertAccessDeclared(config.collections, config.globals, isDeclaredAccess)
  const jobs: Record<string, unknown> = config.jobs?.access ?? {}
  const undeclaredJobs = ['run', 'queue', 'cancel'].filter((rule) => !isDeclaredAccess(jobs[rule]))
  if (undeclaredJobs.length) {
    throw new Error(
      `Access rules must be declared explicitly; missing: jobs.${undeclaredJobs.join(', jobs.')}`,
    )
  }
  return config
}
