import type { CollectionConfig, GlobalConfig } from 'payload'

/**
 * Payload's default access lets any signed-in account do anything, so a collection that
 * forgets an operation is quietly wide open. Refuse to start instead.
 */
export function assertAccessDeclared(
  collections: readonly CollectionConfig[],
  globals: readonly GlobalConfig[] = [],
): void {
  const missing: string[] = []
  for (const collection of collections) {
    const required = ['create', 'read', 'update', 'delete', ...(collection.auth ? ['unlock'] : [])]
    const access: Record<string, unknown> = collection.access ?? {}
    for (const operation of required) {
      if (typeof access[operation] !== 'function') missing.push(`${collection.slug}.${operation}`)
    }
  }
  for (const global of globals) {
    const access: Record<string, unknown> = global.access ?? {}
    for (const operation of ['read', 'update']) {
      if (typeof access[operation] !== 'function') missing.push(`${global.slug}.${operation}`)
    }
  }
  if (missing.length) {
    throw new Error(`Access rules must be declared explicitly; missing: ${missing.join(', ')}`)
  }
}
