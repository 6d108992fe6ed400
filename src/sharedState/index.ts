import type { Store } from 'express-rate-limit'

import { noteRemoteWrite, onLocalWrite } from '../readCache/writes'
import { connectSharedState } from './redis'
import { registerRateLimitStores } from './registry'

export type SharedStateHandle = {
  /** A store for one rate limiter, counted across instances; undefined without Redis. */
  rateLimitStore: (name: string) => Store | undefined
  close: () => Promise<void>
}

const logger = {
  info: (message: string) => console.log(message),
  warn: (message: string) => console.warn(message),
}

/**
 * With REDIS_URL, connects this instance to the others: every rate limit (the login counter
 * inside Payload included) counts in Redis, and each write here is published so the other
 * instances drop their cached anonymous answers at once (Redis pub/sub, about a millisecond
 * on a local network), and theirs here. Without it, everything stays in this process.
 *
 * The two join points with the read cache are `onLocalWrite` (a write here, to publish) and
 * `noteRemoteWrite` (a write elsewhere, to drop what is cached).
 */
export async function startSharedState(
  redisUrl: string | null,
  keyPrefix: string,
): Promise<SharedStateHandle> {
  if (!redisUrl) return { rateLimitStore: () => undefined, close: async () => {} }
  const shared = await connectSharedState(redisUrl, keyPrefix, logger)
  registerRateLimitStores(shared.rateLimitStore)
  const stopSharing = await shared.shareWrites({ onLocalWrite, onRemoteWrite: noteRemoteWrite })
  return {
    rateLimitStore: shared.rateLimitStore,
    close: async () => {
      stopSharing()
      await shared.close()
    },
  }
}
