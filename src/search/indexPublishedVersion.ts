import type { CollectionAfterChangeHook, PayloadRequest } from 'payload'

import { richTextToPlainText } from '../utilities/richTextToPlainText'

export const SEARCH = 'search'

const MAX_INDEXED_TEXT = 20_000

export type SearchFields = {
  title: string
  summary: string
  slug: string | null
  text: string
}

type Indexable = {
  title?: unknown
  name?: unknown
  summary?: unknown
  slug?: unknown
  body?: unknown
}

const textOr = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback)

/** What the index keeps of a published document. */
export function searchFieldsOf(doc: Indexable): SearchFields {
  return {
    title: textOr(doc.title, textOr(doc.name, '')),
    summary: textOr(doc.summary, ''),
    slug: typeof doc.slug === 'string' ? doc.slug : null,
    text: richTextToPlainText(doc.body).slice(0, MAX_INDEXED_TEXT),
  }
}

type Entry = SearchFields & { id: number | string; priority?: number | null }

const unchanged = (entry: Entry, fields: SearchFields) =>
  (Object.keys(fields) as (keyof SearchFields)[]).every(
    (key) => (entry[key] ?? null) === (fields[key] ?? null),
  )

/**
 * Makes the search entry of one document match its published version, read afresh from the
 * database: created or updated when it is published, removed when it is not. The plugin's own
 * sync works from the document a write returns, which is a draft after a draft save, lacks
 * fields a `select` left out (an empty title, and no `_status`, so a draft was indexed) and took
 * any `_status` but "draft" for published.
 */
export async function syncSearchEntry(
  req: PayloadRequest,
  collection: string,
  id: number | string,
  priority: number,
): Promise<void> {
  const { payload } = req
  const {
    docs: [published],
  } = await payload.find({
    collection: collection as 'statements',
    depth: 0,
    draft: false,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    req,
    where: { and: [{ id: { equals: id } }, { _status: { equals: 'published' } }] },
  })
  const { docs } = await payload.find({
    collection: SEARCH,
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    where: { and: [{ 'doc.relationTo': { equals: collection } }, { 'doc.value': { equals: id } }] },
  })
  const entries = docs as unknown as Entry[]
  const [entry, ...duplicates] = published ? entries : []
  const stale = published ? duplicates : entries
  if (stale.length) {
    await payload.delete({
      collection: SEARCH,
      overrideAccess: true,
      req,
      where: { id: { in: stale.map((doc) => doc.id) } },
    })
  }
  if (!published) return
  const fields = searchFieldsOf(published as Indexable)
  if (!entry) {
    await payload.create({
      collection: SEARCH,
      data: {
        ...fields,
        doc: { relationTo: collection as 'statements', value: id as number },
        priority,
      },
      depth: 0,
      overrideAccess: true,
      req,
    })
  } else if (!unchanged(entry, fields)) {
    await payload.update({
      collection: SEARCH,
      id: entry.id,
      data: fields,
      depth: 0,
      overrideAccess: true,
      req,
    })
  }
}

/** After any save of a searchable document: its search entry follows its published version. */
export const indexPublishedVersion =
  (priorities: Record<string, number>): CollectionAfterChangeHook =>
  async ({ collection, doc, req }) => {
    await syncSearchEntry(req, collection.slug, doc.id, priorities[collection.slug] ?? 0)
    return doc
  }
