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
