import type { Endpoint, PayloadRequest } from 'payload'

import { errorResponse } from '../utilities/errorResponse'
import { type Refusal, refusal } from '../utilities/refusal'
import { SEARCHABLE_COLLECTIONS } from './searchable'

const MAX_CANDIDATES = 200

export type RankedResult = {
  id: number | string
  title?: string | null
  summary?: string | null
  slug?: string | null
  priority?: number | null
  doc?: { relationTo: string; value: unknown } | null
  contentWarnings?: ResultWarnings
}

/** A result's content warnings, as its document carries them (no warnings: no categories). */
export type ResultWarnings = {
  categories: string[]
  level: string | null
  note: string | null
}

const NO_WARNINGS: ResultWarnings = { categories: [], level: null, note: null }

type Warned = {
  id: number | string
  contentWarnings?: {
    categories?: string[] | null
    level?: string | null
    note?: string | null
  } | null
}

const idOf = (value: unknown): unknown =>
  typeof value === 'object' && value !== null && 'id' in value ? value.id : value

/**
 * The warnings are read from the documents themselves, with the asker's access, rather than
 * copied into the search index: a warning an editor adds later shows at once, and the index
 * needs no second copy to keep in step.
 */
async function withWarnings(req: PayloadRequest, results: RankedResult[]): Promise<RankedResult[]> {
  const byCollection = new Map<string, unknown[]>()
  for (const result of results) {
    const relationTo = result.doc?.relationTo
    if (!relationTo) continue
    byCollection.set(relationTo, [...(byCollection.get(relationTo) ?? []), idOf(result.doc?.value)])
  }
  const found = new Map<string, ResultWarnings>()
  for (const [collection, ids] of byCollection) {
    if (!(SEARCHABLE_COLLECTIONS as readonly string[]).includes(collection)) continue
    const { docs } = await req.payload.find({
      collection: collection as (typeof SEARCHABLE_COLLECTIONS)[number],
      depth: 0,
      limit: ids.length,
      pagination: false,
      overrideAccess: false,
      req,
      select: { contentWarnings: { categories: true, level: true, note: true } },
      where: { id: { in: ids } },
    })
    for (const doc of docs as Warned[]) {
      const warnings = doc.contentWarnings
      found.set(`${collection}:${String(doc.id)}`, {
        categories: warnings?.categories ?? [],
        level: warnings?.level ?? null,
        note: warnings?.note ?? null,
      })
    }
  }
  return results.map((result) => ({
    ...result,
    contentWarnings:
      found.get(`${result.doc?.relationTo}:${String(idOf(result.doc?.value))}`) ?? NO_WARNINGS,
  }))
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
  return { docs: await withWarnings(req, ranked.slice(0, limit)), totalDocs: ranked.length }
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
