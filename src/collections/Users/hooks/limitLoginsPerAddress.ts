import type { CollectionBeforeOperationHook } from 'payload'

import { MemoryStore, type Store } from 'express-rate-limit'
import { APIError } from 'payload'

import { sharedRateLimitStore } from '../../../sharedState/registry'
import { CLIENT_IP_HEADER } from '../../../utilities/clientAddress'

type LoginLimit = { store: Store; limit: number }

// Express limits REST logins before Payload sees them, but GraphQL's loginUser mutation arrives
// inside a POST to /api/graphql; this counts every login, whichever route it came by. One store
// per process (the server and Next's bundle each load this module), counting per minute; in
// Redis when REDIS_URL is set, so that every instance counts the same attempts.
const SHARED = Symbol.for('stopsim.loginLimit')

function sharedLimit(limit: number): LoginLimit {
  const holder = globalThis as typeof globalThis & { [SHARED]?: LoginLimit }
  if (!holder[SHARED] || holder[SHARED].limit !== limit) {
    const store = sharedRateLimitStore('login') ?? new MemoryStore()
    store.init?.({ windowMs: 60_000 } as Parameters<MemoryStore['init']>[0])
    holder[SHARED] = { store, limit }
  }
  return holder[SHARED]
}

async function hitsFrom(store: Store, key: string): Promise<number> {
  try {
    return (await store.increment(key)).totalHits
  } catch {
    // Redis unreachable: as the Express limiters do, let the attempt through; Payload's
    // per-account lockout still applies.
    return 0
  }
}

export const limitLoginsPerAddress: CollectionBeforeOperationHook<'users'> = async ({
  args,
  operation,
  req,
}) => {
  if (operation !== 'login') return args
  const custom = req.payload.config.custom as { loginRateLimitPerMinute?: number } | undefined
  const limit = custom?.loginRateLimitPerMinute ?? 0
  // The Local API (seed, tests, jobs) has no client address and is not limited.
  const address = req.headers?.get(CLIENT_IP_HEADER)
  if (!limit || !address) return args
  const totalHits = await hitsFrom(sharedLimit(limit).store, `graphql-or-rest:${address}`)
  if (totalHits > limit) {
    throw new APIError(
      'Too many login attempts from your connection. Please wait a minute and try again.',
      429,
      undefined,
      true,
    )
  }
  return args
}
