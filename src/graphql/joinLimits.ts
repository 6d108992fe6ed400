import type { GraphQLFieldConfig, GraphQLObjectType } from 'graphql'
import type { GraphQLInfo, JoinField } from 'payload'

type JoinArgs = { limit?: number | null; count?: boolean }

// Payload's own default for a join's page, as its database adapters read joins over REST.
const JOIN_PAGE = 10

/**
 * Over REST a join gives one page of what it joins (the field's `defaultLimit`, 10 unless
 * set); Payload's GraphQL resolver for joins, given no `limit`, fetched every document it
 * joins. So `{ Signatories(limit: 30) { docs { letter { signatories { docs { id } } } } } }`
 * read every signature of the letter thirty times over, and one anonymous query kept the
 * server busy for seconds (probe 3). Each join of each collection's GraphQL type gets the same
 * page as over REST when its query gives no limit; a limit given is left as asked (the
 * Express layer bounds it, src/server/graphqlLimits.ts).
 *
 * Payload's resolvers are kept and given the limit; the field objects are Payload's, changed
 * in place, because the queries extension is the last moment before the schema is built.
 * test/public-api.test.ts fails if an upgrade stops this from applying.
 */
export function limitJoins(collections: GraphQLInfo['collections']): void {
  for (const collection of Object.values(collections)) {
    const type: GraphQLObjectType | undefined = collection.graphQL?.type
    if (!type) continue
    for (const field of Object.values(type.getFields())) {
      const joined = (field.extensions as { field?: JoinField } | undefined)?.field
      const resolve = field.resolve as GraphQLFieldConfig<unknown, unknown, JoinArgs>['resolve']
      if (joined?.type !== 'join' || !resolve) continue
      const page = joined.defaultLimit ?? JOIN_PAGE
      field.resolve = (source, args: JoinArgs, context, info) =>
        resolve(source, args.limit == null ? { ...args, limit: page } : args, context, info)
    }
  }
}
