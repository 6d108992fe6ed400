import type { Metadata } from 'next'

import { Card, HiddenNote } from '../../../site/components/Common'
import type { Warnings } from '../../../site/components/Warnings'
import { hrefOf } from '../../../site/links'
import { ANONYMOUS, sitePayload } from '../../../site/payload'
import { allOf, withoutHiddenTopics } from '../../../site/queries'
import { hiddenTopics } from '../../../site/readerChoices'
import { siteQuery } from '../../../site/siteQueries'

export const metadata: Metadata = { title: 'Search' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

type Searched = 'statements' | 'updates' | 'trusts' | 'pages'

const WHAT: Record<Searched, string> = {
  statements: 'Statement',
  updates: 'Update',
  trusts: 'NHS trust',
  pages: 'Page',
}

const isSearched = (collection: string): collection is Searched => collection in WHAT

/** Search over the public search index (published documents only), the API's own ranking. */
export default async function SearchPage({ searchParams }: Props) {
  const query = siteQuery('/search', await searchParams).q ?? ''
  const payload = await sitePayload()
  const topics = await hiddenTopics()
  const found =
    query.length >= 2
      ? await payload.find({
          collection: 'search',
          depth: 0,
          limit: 30,
          sort: '-priority',
          where: {
            or: [
              { title: { like: query } },
              { summary: { like: query } },
              { text: { like: query } },
            ],
          },
          ...ANONYMOUS,
        })
      : undefined
  // The index keeps no warnings: each found document's own are read, under the reader's
  // hidden topics, so a result is shown only if its document would be listed, and is marked.
  const warningsOf = new Map<string, Warnings>()
  if (found) {
    const idsBy = new Map<Searched, (number | string)[]>()
    for (const result of found.docs) {
      const collection = result.doc?.relationTo ?? ''
      const value = result.doc?.value
      if (!isSearched(collection) || value === undefined || value === null) continue
      const id = typeof value === 'object' ? value.id : value
      idsBy.set(collection, [...(idsBy.get(collection) ?? []), id])
    }
    await Promise.all(
      [...idsBy].map(async ([collection, ids]) => {
        const listed = await payload.find({
          collection,
          depth: 0,
          limit: ids.length,
          pagination: false,
          select: { contentWarnings: true },
          where: allOf({ id: { in: ids } }, withoutHiddenTopics(topics)),
          ...ANONYMOUS,
        })
        for (const doc of listed.docs)
          warningsOf.set(`${collection}:${doc.id}`, doc.contentWarnings)
      }),
    )
  }
  const results = found?.docs.flatMap((result) => {
    const collection = result.doc?.relationTo ?? ''
    const value = result.doc?.value
    const id = value && typeof value === 'object' ? value.id : value
    const key = `${collection}:${id}`
    const href = isSearched(collection) ? hrefOf(collection, { slug: result.slug }) : undefined
    return href && warningsOf.has(key)
      ? [{ result, href, what: WHAT[collection as Searched], warnings: warningsOf.get(key) }]
      : []
  })
  return (
    <>
      <h1>Search</h1>
      <form className="filters" method="get" action="/search" role="search">
        <div>
          <label htmlFor="q">Search for</label>
          <input id="q" name="q" type="search" defaultValue={query} minLength={2} maxLength={100} />
        </div>
        <button type="submit">Search</button>
      </form>
      {query && query.length < 2 ? <p>Give at least 2 characters to search for.</p> : null}
      {results ? (
        <>
          <HiddenNote topics={topics} />
          <p role="status">
            {results.length} {results.length === 1 ? 'result' : 'results'} for “{query}”
          </p>
          <ol className="cards">
            {results.map(({ result, href, what, warnings }) => (
              <Card
                key={result.id}
                href={href}
                title={result.title ?? ''}
                meta={what}
                summary={result.summary}
                warnings={warnings}
              />
            ))}
          </ol>
        </>
      ) : null}
    </>
  )
}
