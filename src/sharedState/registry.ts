import type { Store } from 'express-rate-limit'

/**
 * Where code that runs inside Payload (the login counter in the users collection's hooks)
 * finds the shared rate-limit stores the server set up. Kept on globalThis: the Express server
 * and Next's route handlers are separate bundles, each with its own copy of this module.
 */
type Registry = { rateLimitStore?: (name: string) => Store }

const KEY = Symbol.for('stopsim.sharedState')
const holder = globalThis as typeof globalThis & { [KEY]?: Registry }

const registry = (): Registry => (holder[KEY] ??= {})

/** Called once by the server when REDIS_URL is set. */
export function registerRateLimitStores(factory: (name: string) => Store): void {
  registry().rateLimitStore = factory
}

/** A store shared across instances, or undefined when each process counts for itself. */
export function sharedRateLimitStore(name: string): Store | undefined {
  return registry().rateLimitStore?.(name)
}
