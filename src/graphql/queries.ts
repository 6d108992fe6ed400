import type { GraphQLExtension, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import { signaturesCsv } from '../collections/Signatories/endpoints/exportCsv'
import { personalData } from '../collections/Signatories/endpoints/personalData'
import { letterTally } from '../collections/Signatories/endpoints/tally'
import { rankedSearch } from '../search/rankedSearchEndpoint'
import type { Refusal } from '../utilities/refusal'
import { limitJoins } from './joinLimits'
import { permissionQueries } from './permissionQueries'

type Context = { req: PayloadRequest }

/** A REST refusal as a GraphQL error with the same message and status. */
function answer<T>(result: T | Refusal): T {
  if (typeof result === 'object' && result !== null && 'refused' in result) {
    throw new APIError(result.refused.message, result.refused.status, null, true)
  }
  return result as T
}

/**
 * Every custom REST read has a GraphQL query too, built on the same function, so it answers
 * the same way under the same access rules: a front end can use one API for everything.
 */
export const customQueries: GraphQLExtension = (GraphQL, context) => {
  limitJoins(context.collections)
  const {
    GraphQLInt,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLString,
  } = GraphQL
  // An id is a number on SQL databases and text on MongoDB: given as text here on both.
  const idOf = (key: string) => ({
    type: new GraphQLNonNull(GraphQLString),
    resolve: (parent: Record<string, unknown>) => String(parent[key]),
  })
  const JSONScalar = new GraphQLScalarType({
    name: 'PersonalDataJSON',
    description: 'Signature records as JSON (admins only).',
    serialize: (value) => value,
  })

  const SignatoryTally = new GraphQLObjectType({
    name: 'SignatoryTally',
    description: 'How many have signed a published open letter, without listing anyone.',
    fields: {
      letter: idOf('letter'),
      slug: { type: GraphQLString },
      approved: {
        type: new GraphQLNonNull(GraphQLInt),
        description: 'Approved signatures, shown or counted only.',
      },
      awaitingReview: {
        type: new GraphQLNonNull(GraphQLInt),
        description: 'Confirmed signatures waiting for a moderator.',
      },
    },
  })
  const RankedSearchDocument = new GraphQLObjectType({
    name: 'RankedSearchDocument',
    fields: {
      relationTo: { type: new GraphQLNonNull(GraphQLString) },
      value: {
        type: new GraphQLNonNull(GraphQLString),
        resolve: ({ value }: { value: unknown }) =>
          String(typeof value === 'object' && value && 'id' in value ? value.id : value),
      },
    },
  })
  const RankedSearchWarnings = new GraphQLObjectType({
    name: 'RankedSearchWarnings',
    description: 'The content warnings of the document found: no categories means none.',
    fields: {
      categories: {
        type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(GraphQLString))),
      },
      level: { type: GraphQLString },
      note: { type: GraphQLString },
    },
  })
  const RankedSearchResult = new GraphQLObjectType({
    name: 'RankedSearchResult',
    fields: {
      contentWarnings: { type: new GraphQLNonNull(RankedSearchWarnings) },
      id: idOf('id'),
      title: { type: GraphQLString },
      summary: { type: GraphQLString },
      slug: { type: GraphQLString },
      priority: { type: GraphQLInt },
      doc: { type: RankedSearchDocument },
    },
  })
  const RankedSearch = new GraphQLObjectType({
    name: 'RankedSearch',
    fields: {
      docs: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(RankedSearchResult))) },
      totalDocs: { type: new GraphQLNonNull(GraphQLInt) },
    },
  })
  const SignatoryExport = new GraphQLObjectType({
    name: 'SignatoryExport',
    fields: {
      filename: { type: new GraphQLNonNull(GraphQLString) },
      csv: { type: new GraphQLNonNull(GraphQLString) },
    },
  })

  return {
    ...permissionQueries(context),
    SignatoryTally: {
      type: new GraphQLNonNull(SignatoryTally),
      description: 'REST: GET /api/signatories/tally?letter=…',
      args: { letter: { type: new GraphQLNonNull(GraphQLString), description: 'Id or slug.' } },
      resolve: async (_: unknown, args: { letter: string }, { req }: Context) =>
        answer(await letterTally(req.payload, args.letter)),
    },
    RankedSearch: {
      type: new GraphQLNonNull(RankedSearch),
      description: 'REST: GET /api/search/ranked?q=…&limit=…',
      args: { q: { type: new GraphQLNonNull(GraphQLString) }, limit: { type: GraphQLInt } },
      resolve: async (_: unknown, args: { q: string; limit?: number | null }, { req }: Context) =>
        answer(await rankedSearch(req, args.q, args.limit ?? undefined)),
    },
    SignatoryExport: {
      type: new GraphQLNonNull(SignatoryExport),
      description: 'REST: GET /api/signatories/export?letter=…[&fields=all] (moderators and up).',
      args: {
        letter: { type: new GraphQLNonNull(GraphQLString) },
        allFields: { type: GraphQL.GraphQLBoolean, description: 'Every field: admins only.' },
      },
      resolve: async (
        _: unknown,
        args: { letter: string; allFields?: boolean | null },
        { req }: Context,
      ) => answer(await signaturesCsv(req, args.letter, args.allFields === true)),
    },
    SignatoryPersonalData: {
      type: new GraphQLNonNull(JSONScalar),
      description: 'REST: GET /api/signatories/personal-data?email=… (admins).',
      args: { email: { type: new GraphQLNonNull(GraphQLString) } },
      resolve: async (_: unknown, args: { email: string }, { req }: Context) =>
        answer(await personalData(req, args.email)),
    },
  }
}
