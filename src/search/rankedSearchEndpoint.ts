import type { Endpoint, PayloadRequest } from 'payload'

import { errorResponse } from '../utilities/errorResponse'
import { type Refusal, refusal } from '../utilities/refusal'

const MAX_CANDIDATES = 200

export type RankedResult = {
  id: number | string
  title?: string | null
  summary?: string | null
  slug?: string | null
  priority?: number | null
  doc?: { relationTo: string; value: unknown } | null
}

type SearchDoc = RankedResult & { text?: string | null }

/**
 * Matches in the title count most, then the summary, then the text; ties go to the
 * collection's priority (statements first). Read with the asker's own access.
 */
export async function rankedSearch(
  req: PayloadRequest,
  rawQuery: unknown,
  rawLimit: unknown,
): Promise<{ docs: RankedResult[]; totalDocs: number } | Refusal> {
  const query = (typeof rawQuery === 'string' ? rawQuery : '').trim()
  if (query.length < 2) return refusal(400, 'Give at least 2 characters to search for, as ?q=…')
  if (query.length > 100) return refusal(400, 'Search terms are limited to 100 characters.')
  const limit = Number(rawLimit ?? 10)
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
    return refusal(400, 'limit must be a whole number from 1 to 50.')
  }

  // The databases take % and _ in LIKE as wildcards (and PostgreSQL \\ as an escape), and
  // Payload adds no ESCAPE clause: they are left out of the database's filter, which then finds
  // a superset, and the literal test below keeps what really contains the words.
  const loose = query
    .replace(/[%_\\]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .join(' ')
  if (!loose) return { docs: [], totalDocs: 0 }
  const { docs } = await req.payload.find({
    collection: 'search',
    depth: 0,
    limit: MAX_CANDIDATES,
    overrideAccess: false,
    req,
    where: {
      or: [{ title: { like: loose } }, { summary: { like: loose } }, { text: { like: loose } }],
    },
  })
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  const contains = (value: string | null | undefined) =>
    Boolean(value) && words.every((word) => value!.toLowerCase().includes(word))
  const score = (doc: SearchDoc) =>
    (contains(doc.title) ? 4 : 0) + (contains(doc.summary) ? 2 : 0) + (contains(doc.text) ? 1 : 0)

  const ranked = (docs as SearchDoc[])
    .map((doc) => ({ doc, score: score(doc) }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || (b.doc.priority ?? 0) - (a.doc.priority ?? 0))
    .map(({ doc }) => {
      const { text: _text, ...rest } = doc
      return rest
    })
  return { docs: ranked.slice(0, limit), totalDocs: ranked.length }
}

/** GET /api/search/ranked?q=words&limit=10 (GraphQL: RankedSearch). */
export const rankedSearchEndpoint: Endpoint = {
  path: '/ranked',
  method: 'get',
  handler: async (req: PayloadRequest) => {
    const result = await rankedSearch(
      req,
      req.searchParams.get('q'),
      req.searchParams.get('limit') ?? undefined,
    )
    if ('refused' in result) return errorResponse(result.refused.status, result.refused.message)
    return Response.json(result)
  },
}
