import type { CollectionConfig, GlobalConfig } from 'payload'

type AccessRules = Record<string, unknown> | undefined

// Rules seen in this project's own config, before Payload fills in its defaults: a rule that
// is not among them in the final config is one of Payload's ("any signed-in account").
const declared = new WeakSet<object>()

/** Records the rules as this project's own. */
export function declareAccess(rules: AccessRules): void {
  for (const rule of Object.values(rules ?? {})) {
    if (typeof rule === 'function') declared.add(rule)
  }
}

/** Records every rule of these collections and globals as this project's own. */
export function declareAllAccess(
  collections: readonly CollectionConfig[],
  globals: readonly GlobalConfig[] = [],
): void {
  for (const entity of [...collections, ...globals]) declareAccess(entity.access)
}

export const isDeclaredAccess = (rule: unknown): boolean =>
  typeof rule === 'function' && declared.has(rule)

const hasVersions = (entity: CollectionConfig | GlobalConfig) => Boolean(entity.versions)

/**
 * Payload's default access lets any signed-in account do anything, so a collection that
 * forgets an operation is quietly wide open. Refuse to start instead. Before Payload has
 * sanitised the config a missing rule is simply absent; afterwards Payload has filled it in,
 * so the final config is checked with {@link isDeclaredAccess}.
 */
export function assertAccessDeclared(
  collections: readonly CollectionConfig[],
  globals: readonly GlobalConfig[] = [],
  isDeclared: (rule: unknown) => boolean = (rule) => typeof rule === 'function',
): void {
  const missing: string[] = []
  for (const collection of collections) {
    const required = [
      'create',
      'read',
      'update',
      'delete',
      ...(hasVersions(collection) ? ['readVersions'] : []),
      ...(collection.auth ? ['unlock', 'admin'] : []),
    ]
    const access: Record<string, unknown> = collection.access ?? {}
    for (const operation of required) {
      if (!isDeclared(access[operation])) missing.push(`${collection.slug}.${operation}`)
    }
  }
  for (const global of globals) {
    const required = ['read', 'update', ...(hasVersions(global) ? ['readVersions'] : [])]
    const access: Record<string, unknown> = global.access ?? {}
    for (const operation of required) {
      if (!isDeclared(access[operation])) missing.push(`${global.slug}.${operation}`)
    }
  }
  if (missing.length) {
    throw new Error(`Access rules must be declared explicitly; missing: ${missing.join(', ')}`)
  }
}
