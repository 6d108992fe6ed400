import type { DocumentNode } from 'graphql'
import type { SanitizedConfig } from 'payload'

import * as qs from 'qs-esm'

import { CacheDependencies } from '../readCache/dependencies'
import { documentIdProblem, type IdSpelling, idSpellingOf } from '../requestChecks/documentId'
import { EVERYTHING } from '../readCache/writes'
import { GraphqlQuestions } from './graphqlQuestion'

/** What a REST GET asks Payload, as the cache keys and tags it. */
export type Question = {
  /** Equal for requests Payload answers alike, whatever their spelling. */
  key: string
  /** What the answer shows: a write to one of these drops it. */
  tags: Set<string>
}

// The query string exactly as Payload parses it (createPayloadRequest).
export const parseQuery = (search: string): Record<string, unknown> =>
  search && search !== '?'
    ? (qs.parse(search, {
        allowEmptyArrays: true,
        arrayLimit: 1000,
        depth: 10,
        ignoreQueryPrefix: true,
      }) as Record<string, unknown>)
    : {}

// What Payload's own REST handlers read from the query (parseParams and the globals' handlers);
// it ignores anything else, so anything else makes no new cache entry.
// A hook or access rule that reads another parameter from req.query must add it here.
const PAYLOAD_PARAMETERS = new Set([
  'data',
  'depth',
  'draft',
  'fallback-locale',
  'fallbackLocale',
  'field',
  'flattenLocales',
  'joins',
  'limit',
  'locale',
  'page',
  'pagination',
  'populate',
  'select',
  'sort',
  'trash',
  'where',
])
const BOOLEANS = new Set(['draft', 'flattenLocales', 'pagination', 'trash'])
const NUMBERS = new Set(['depth', 'limit', 'page'])

type Route =
  | { kind: 'list'; slug: string }
  | { kind: 'document'; slug: string }
  | { kind: 'custom'; slug: string | undefined }

/**
 * Works out what a REST GET asks from its (canonical) path and query string: which collection
 * or global, and with which of the parameters Payload acts on, in one spelling. Payload's own
 * handlers read a known set of parameters (parsed with qs-esm, as Payload does, numbers and
 * booleans as Payload reads them, defaults filled in); a custom endpoint may read any, so all of
 * its parameters count.
 */
export class Questions {
  private readonly dependencies: CacheDependencies
  private readonly graphql: GraphqlQuestions
  private readonly collections: Map<string, Set<string>>
  private readonly globals: Set<string>
  private readonly ids: Map<string, { spelling: IdSpelling; label: string }>
  private readonly defaultDepth: number
  private readonly apiPrefix: string

  constructor(config: SanitizedConfig) {
    this.dependencies = new CacheDependencies(config)
    this.graphql = new GraphqlQuestions(config, this.dependencies)
    // The first segment of each custom endpoint's path, which Payload matches before its own.
    this.collections = new Map(
      config.collections.map((collection) => [
        collection.slug,
        new Set(
          (collection.endpoints || []).map(
            (endpoint) => endpoint.path.split('/').filter(Boolean)[0],
          ),
        ),
      ]),
    )
    this.globals = new Set(config.globals.map((global) => global.slug))
    this.ids = new Map(
      config.collections
        // Where an endpoint of its own takes the place of `/:id` (Payload's preferences are
        // read by `/:key`), what follows the slug is not an id.
        .filter(
          (collection) =>
            !(collection.endpoints || []).some(
              (endpoint) => /^\/:[^/]+$/.test(endpoint.path) && endpoint.path !== '/:id',
            ),
        )
        .map((collection) => {
          const singular = collection.labels?.singular
          const label = typeof singular === 'string' ? singular : collection.slug
          return [collection.slug, { spelling: idSpellingOf(config, collection), label }]
        }),
    )
    this.defaultDepth = config.defaultDepth
    this.apiPrefix = `${config.routes.api}/`
  }

  /** `query`: the query string as parseQuery reads it. */
  of(path: string, query: Record<string, unknown>): Question {
    const route = this.route(path)
    if (route.kind === 'custom') {
      return {
        key: `${path}?${stableJson(query)}`,
        tags: route.slug
          ? this.dependencies.of(route.slug, this.defaultDepth)
          : new Set([EVERYTHING]),
      }
    }
    const asked: Record<string, unknown> = {}
    for (const [name, value] of Object.entries(query)) {
      if (!PAYLOAD_PARAMETERS.has(name)) continue
      asked[name] = BOOLEANS.has(name)
        ? booleanOf(value)
        : NUMBERS.has(name)
          ? numberOf(value)
          : (name === 'where' || name === 'data') && typeof value === 'string'
            ? jsonOf(value)
            : name === 'sort' && typeof value === 'string'
              ? value.split(',').map((part) => part.trim())
              : value
    }
    asked.depth ??= this.defaultDepth
    asked.draft ??= false
    asked.trash ??= false
    if (route.kind === 'list') {
      asked.pagination ??= true
      if (asked.pagination !== false) asked.limit ??= 10
      // Only when absent: Payload refuses `page=0` and `page=`, which must not find page 1.
      asked.page ??= 1
    }
    const depth = typeof asked.depth === 'number' ? asked.depth : this.defaultDepth
    return {
      key: `${path}?${stableJson(asked)}`,
      tags: this.dependencies.of(route.slug, Math.max(0, Math.min(depth, 10))),
    }
  }

  /** The tags of an anonymous GraphQL query's answer: see GraphqlQuestions. */
  graphqlTags(
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | null | undefined,
  ): Set<string> {
    return this.graphql.tagsOf(document, operationName, variables)
  }

  /**
   * Why a request for one document (any method) is refused before Payload reads it, if it is:
   * its id is not written the one way the collection writes it (see documentIdProblem).
   */
  idProblem(path: string): string | undefined {
    if (!path.startsWith(this.apiPrefix)) return undefined
    const [slug, second, third] = path.slice(this.apiPrefix.length).split('/')
    const ids = this.ids.get(slug)
    const endpoints = this.collections.get(slug)
    if (!ids || !endpoints || second === undefined) return undefined
    // `/:id`, `/:id/duplicate` and the like, and `/versions/:id`; not a route of its own.
    const raw = second === 'versions' ? third : endpoints.has(second) ? undefined : second
    if (raw === undefined) return undefined
    let id = raw
    try {
      id = decodeURIComponent(raw)
    } catch {
      // Named as it came.
    }
    return documentIdProblem(id, ids.spelling, ids.label)
  }

  /** Whether Payload's REST handler answers `path` (a collection's or a global's route). */
  answeredByPayload(path: string): boolean {
    return this.route(path).slug !== undefined
  }

  private route(path: string): Route {
    if (!path.startsWith(this.apiPrefix)) return { kind: 'custom', slug: undefined }
    const [first, second, third, ...rest] = path.slice(this.apiPrefix.length).split('/')
    if (first === 'globals' && second && this.globals.has(second)) {
      return third === undefined
        ? { kind: 'document', slug: second }
        : { kind: 'custom', slug: second }
    }
    const endpoints = this.collections.get(first)
    if (!endpoints) return { kind: 'custom', slug: undefined }
    if (second === undefined) return { kind: 'list', slug: first }
    if (endpoints.has(second)) return { kind: 'custom', slug: first }
    if (second === 'versions') {
      return third === undefined ? { kind: 'list', slug: first } : { kind: 'document', slug: first }
    }
    if (third === undefined && rest.length === 0) return { kind: 'document', slug: first }
    return { kind: 'custom', slug: first }
  }
}

// As Payload's parseBooleanString and isNumber read them.
const booleanOf = (value: unknown) => (value === 'true' ? true : value === 'false' ? false : value)
function numberOf(value: unknown): unknown {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) {
    return Number(value)
  }
  return value
}
function jsonOf(value: string): unknown {
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}

/** JSON with object keys sorted, so that the order parameters came in makes no difference. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : inner,
  )
}
