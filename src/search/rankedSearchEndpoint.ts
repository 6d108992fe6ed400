import type { Endpoint, PayloadRequest } from 'payload'

import { errorResponse } from '../utilities/errorResponse'

const MAX_CANDIDATES = 200

type SearchDoc = {
  title?: string | null
  summary?: string | null
  text?: string | null
  priority?: number | null
}

/**
 * GET /api/search/ranked?q=words&limit=10 — matches in the title count most, then the
 * summary, then the text; ties go to the collection's priority (statements first).
 */
export const rankedSearchEndpoint: Endpoint = {
  path: '/ranked',
  method: 'get',
  handler: async (req: PayloadRequest) => {
    const query = (req.searchParams.get('q') ?? '').trim()
    if (query.length < 2)
      return errorResponse(400, 'Give at least 2 characters to search for, as ?q=…')
    if (query.length > 100) return errorResponse(400, 'Search terms are limited to 100 characters.')
    const limitParam = Number(req.searchParams.get('limit') ?? 10)
    if (!Number.isInteger(limitParam) || limitParam < 1 || limitParam > 50) {
      return errorResponse(400, 'limit must be a whole number from 1 to 50.')
    }

    const { docs } = await req.payload.find({
      collection: 'search',
      depth: 0,
      limit: MAX_CANDIDATES,
      overrideAccess: false,
      req,
      where: {
        or: [{ title: { like: query } }, { summary: { like: query } }, { text: { like: query } }],
      },
    })
    const words = query.toLowerCase().split(/\s+/).filter(Boolean)
    const contains = (value: string | null | undefined) =>
      Boolean(value) && words.every((word) => value!.toLowerCase().includes(word))
    const score = (doc: SearchDoc) =>
      (contains(doc.title) ? 4 : 0) + (contains(doc.summary) ? 2 : 0) + (contains(doc.text) ? 1 : 0)

    const ranked = (docs as SearchDoc[])
      .map((doc) => ({ doc, score: score(doc) }))
      .sort((a, b) => b.score - a.score || (b.doc.priority ?? 0) - (a.doc.priority ?? 0))
      .map(({ doc }) => {
        const { text: _text, ...rest } = doc
        return rest
      })
    return Response.json({ docs: ranked.slice(0, limitParam), totalDocs: ranked.length })
  },
}
