import type { GraphQLInfo, PayloadRequest, SanitizedConfig } from 'payload'

import { docAccessOperationGlobal, formatNames } from 'payload'

type Context = { req: PayloadRequest }
type Resolver = (source: unknown, args: unknown, context: Context, info: unknown) => unknown
type QueryField = { type: unknown; args?: unknown; resolve?: Resolver }

/**
 * Payload 3.90 answers its permission queries (`Access`, `docAccess<Collection>`,
 * `docAccess<Global>`) with *sanitised* permissions, where `true` stands for a whole allowed
 * subtree and a missing key for a refusal, while the schema it builds asks for
 * `{ permission: Boolean! }` at every operation and `canAccessAdmin: Boolean!`. Every
 * allowed operation, and every anonymous `canAccessAdmin`, therefore failed with a 500
 * ("Cannot return null for non-nullable field"), and the global variant read the request
 * from the wrong argument. Payload's resolvers are kept, on Payload's own types, and their
 * answers are read in the shape the schema promises. test/adversarial.test.ts asks
 * each of them as every role, so an upgrade that changes the shape shows there.
 */
export function permissionQueries(context: { config: SanitizedConfig } & GraphQLInfo) {
  const { config, Query } = context
  const replaced: Record<string, QueryField & { resolve: Resolver }> = {}
  const reshaped = (name: string, reshape: (answer: Record<string, unknown>) => unknown) => {
    const field = Query.fields[name] as QueryField | undefined
    if (!field?.resolve) return
    const payloadResolver = field.resolve
    replaced[name] = {
      ...field,
      resolve: async (source, args, graphqlContext, info) =>
        reshape(
          (await payloadResolver(source, args, graphqlContext, info)) as Record<string, unknown>,
        ),
    }
  }

  // Payload leaves canAccessAdmin out of an anonymous answer.
  reshaped('Access', (answer) => ({
    ...Object.fromEntries(
      Object.entries(answer).map(([key, value]) => [key, permissionsAsAsked(value)]),
    ),
    canAccessAdmin: answer.canAccessAdmin === true,
  }))
  for (const collection of config.collections) {
    const type = context.collections[collection.slug]?.graphQL?.type
    if (type) reshaped(`docAccess${type.name}`, permissionsAsAsked)
  }
  for (const global of config.globals) {
    const name = `docAccess${(global.graphQL ? global.graphQL.name : undefined) ?? formatNames(global.slug).singular}`
    const field = Query.fields[name] as QueryField | undefined
    if (!field) continue
    // Payload's own resolver reads the request from its second argument, which is the
    // query's arguments: asked with the right one here.
    replaced[name] = {
      ...field,
      resolve: async (_, __, { req }) =>
        permissionsAsAsked(await docAccessOperationGlobal({ globalConfig: global, req })),
    }
  }
  return replaced
}

/**
 * A sanitised permission tree read as the schema asks for it: any operation under `true` is
 * `{ permission: true }`, a missing one `{ permission: false }`, and the same holds for every
 * field and sub-field below. Read lazily, so the tree is never expanded beyond what the query
 * selects.
 */
function permissionsAsAsked(sanitised: unknown): object {
  if (sanitised === true) return EVERYTHING_ALLOWED
  if (!sanitised || typeof sanitised !== 'object') return NOTHING_ALLOWED
  const node = sanitised as Record<string, unknown>
  return new Proxy(node, {
    get(target, key) {
      if (typeof key !== 'string') return undefined
      if (key === 'permission') return target.permission === true
      if (key === 'where') return target.where ?? null
      return permissionsAsAsked(target[key])
    },
  })
}

function uniformPermissions(allowed: boolean): object {
  const node: object = new Proxy(
    {},
    {
      get(_, key) {
        if (key === 'permission') return allowed
        if (key === 'where') return null
        if (typeof key !== 'string') return undefined
        return node
      },
    },
  )
  return node
}

const EVERYTHING_ALLOWED = uniformPermissions(true)
const NOTHING_ALLOWED = uniformPermissions(false)
