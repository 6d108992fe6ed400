import type { Metadata } from 'next'

import { ANONYMOUS, sitePayload } from '../../../site/payload'
import { hrefOf } from '../../../site/links'

export const metadata: Metadata = { title: 'Search' }

type Props = { searchParams: Promise<{ q?: string }> }

const WHAT: Record<string, string> = {
  statements: 'Statement',
  updates: 'Update',
  trusts: 'NHS trust',
  pages: 'Page',
}

/** Search over the public search index (published documents only), the API's own ranking. */
export default async function SearchPage({ searchParams }: Props) {
  const query = ((await searchParams).q ?? '').trim().slice(0, 100)
  const payload = await sitePayload()
  const results =
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
          <p role="status">
            {results.totalDocs} {results.totalDocs === 1 ? 'result' : 'results'} for “{query}”
          </p>
          <ol className="cards">
            {results.docs.map((result) => {
              const collection = result.doc?.relationTo ?? ''
              const href = hrefOf(collection, { slug: result.slug })
              if (!href) return null
              return (
                <li key={result.id}>
                  <h2>
                    <a href={href}>{result.title}</a>
                  </h2>
                  <p className="meta">{WHAT[collection] ?? ''}</p>
                  {result.summary ? <p>{result.summary}</p> : null}
                </li>
              )
            })}
          </ol>
        </>
      ) : null}
    </>
  )
}
