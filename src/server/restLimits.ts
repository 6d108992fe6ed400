import { parseQuery } from './apiQuestion'

export type Reader = 'anonymous' | 'signedIn'

export const MAX_PAGE_SIZE = 100
export const MAX_ANONYMOUS_DEPTH = 3

const WHOLE_NUMBER = /^\s*\d+\s*$/

// Payload reads these as numbers with Number(), so "1e3", "0x10" and even an empty array
// ("limit[]", which Number() makes 0, meaning everything) count: anonymous requests must spell a
// plain whole number, and nobody may name a number above the cap.
const plainWholeNumber = (value: unknown): number | undefined =>
  typeof value === 'string' && WHOLE_NUMBER.test(value) ? Number(value) : undefined

const pageSizeProblem = (name: string, value: unknown, reader: Reader): string | undefined => {
  if (reader === 'signedIn') {
    return Number(value) > MAX_PAGE_SIZE
      ? `${name} can be at most ${MAX_PAGE_SIZE}: ask for the next page instead.`
      : undefined
  }
  const size = plainWholeNumber(value)
  return size === undefined || size < 1 || size > MAX_PAGE_SIZE
    ? `${name} must be a whole number from 1 to ${MAX_PAGE_SIZE}: ask for the next page instead.`
    : undefined
}

/**
 * What is wrong with a REST query string for this reader, if anything: pages of at most 100;
 * anonymous readers may not ask for everything at once (limit=0, pagination=false) nor
 * populate relationships more than three levels deep. The string is parsed as Payload parses
 * it, so no other spelling of the same parameters gets past.
 */
export function restQueryProblem(
  search: string | Record<string, unknown>,
  reader: Reader,
): string | undefined {
  // A query string already parsed (see parseQuery in apiQuestion.ts) is not parsed again.
  if (typeof search === 'string' && (!search || search === '?')) return undefined
  const query = typeof search === 'string' ? parseQuery(search) : search
  const shape = shapeProblem(query)
  if (shape) return shape
  if ('limit' in query) {
    const problem = pageSizeProblem('limit', query.limit, reader)
    if (problem) return problem
  }
  if (reader === 'anonymous' && query.pagination === 'false') {
    return `pagination=false is only for signed-in users: page through the results with limit (at most ${MAX_PAGE_SIZE}) and page.`
  }
  if (reader === 'anonymous' && 'depth' in query) {
    const depth = plainWholeNumber(query.depth)
    if (depth === undefined || depth > MAX_ANONYMOUS_DEPTH) {
      return `depth must be a whole number from 0 to ${MAX_ANONYMOUS_DEPTH}.`
    }
  }
  if (query.joins && typeof query.joins === 'object') {
    for (const [path, join] of Object.entries(query.joins)) {
      if (join && typeof join === 'object' && 'limit' in join) {
        const problem = pageSizeProblem(`joins[${path}][limit]`, join.limit, reader)
        if (problem) return problem
      }
    }
  }
  return undefined
}

/** What is wrong with the query string of any API request, whatever its method, if anything. */
export function restQueryShapeProblem(
  search: string | Record<string, unknown>,
): string | undefined {
  if (typeof search === 'string' && (!search || search === '?')) return undefined
  return shapeProblem(typeof search === 'string' ? parseQuery(search) : search)
}

/**
 * Payload reads `where` and `data` given as one string as JSON, before any of its own checks
 * run, and a string that is not JSON ends in a 500; `where` must also come out an object.
 * Everything else about a filter is checked with the collection's fields (src/requestChecks).
 */
function shapeProblem(query: Record<string, unknown>): string | undefined {
  for (const name of ['where', 'data'] as const) {
    const value = query[name]
    if (typeof value !== 'string' || value.length === 0) continue
    let parsed: unknown
    try {
      parsed = JSON.parse(value)
    } catch {
      return name === 'where'
        ? 'where must be an object of field names and conditions, such as where[title][equals]=…, or that object as JSON.'
        : 'data must be JSON.'
    }
    if (
      name === 'where' &&
      (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    ) {
      return 'where must be an object of field names and conditions, such as where[title][equals]=…, or that object as JSON.'
    }
  }
  return undefined
}
