import type { Metadata } from 'next'

import { STATEMENT_KINDS } from '../../../collections/Statements'
import { StatementCard } from '../../../site/components/Cards'
import { HiddenNote } from '../../../site/components/Common'
import { FilterSelect } from '../../../site/components/Filters'
import { labelOf } from '../../../site/format'
import { ANONYMOUS, sitePayload } from '../../../site/payload'
import { allOf, withoutHiddenTopics } from '../../../site/queries'
import { hiddenTopics } from '../../../site/readerChoices'
import { siteQuery } from '../../../site/siteQueries'

export const metadata: Metadata = { title: 'Statements' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

export default async function StatementsPage({ searchParams }: Props) {
  const { kind } = siteQuery('/statements', await searchParams)
  const topics = await hiddenTopics()
  const payload = await sitePayload()
  const { docs } = await payload.find({
    collection: 'statements',
    limit: 100,
    sort: '-publishedDate',
    depth: 0,
    where: allOf(kind ? { kind: { equals: kind } } : undefined, withoutHiddenTopics(topics)),
    ...ANONYMOUS,
  })
  return (
    <>
      <h1>Statements</h1>
      <form className="filters" method="get" action="/statements">
        <FilterSelect
          name="kind"
          label="Kind of statement"
          allLabel="All kinds"
          options={STATEMENT_KINDS}
          value={kind}
        />
        <button type="submit">Show</button>
      </form>
      <HiddenNote topics={topics} />
      <p role="status">
        {docs.length} {docs.length === 1 ? 'statement' : 'statements'}
        {kind ? ` of the kind “${labelOf(STATEMENT_KINDS, kind)}”` : ''}
      </p>
      <ul className="cards">
        {docs.map((statement) => (
          <StatementCard key={statement.id} statement={statement} />
        ))}
      </ul>
    </>
  )
}
