import type { Metadata } from 'next'

import { UPDATE_CATEGORIES } from '../../../collections/Updates'
import { UpdateCard } from '../../../site/components/Cards'
import { HiddenNote } from '../../../site/components/Common'
import { FilterSelect } from '../../../site/components/Filters'
import { labelOf } from '../../../site/format'
import { ANONYMOUS, sitePayload } from '../../../site/payload'
import { allOf, withoutHiddenTopics } from '../../../site/queries'
import { hiddenTopics } from '../../../site/readerChoices'
import { siteQuery } from '../../../site/siteQueries'

export const metadata: Metadata = { title: 'Updates' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

export default async function UpdatesPage({ searchParams }: Props) {
  const { category } = siteQuery('/updates', await searchParams)
  const topics = await hiddenTopics()
  const payload = await sitePayload()
  const { docs } = await payload.find({
    collection: 'updates',
    limit: 100,
    sort: '-date',
    depth: 0,
    where: allOf(
      category ? { category: { equals: category } } : undefined,
      withoutHiddenTopics(topics),
    ),
    ...ANONYMOUS,
  })
  return (
    <>
      <h1>Updates</h1>
      <form className="filters" method="get" action="/updates">
        <FilterSelect
          name="category"
          label="Category"
          allLabel="All categories"
          options={UPDATE_CATEGORIES}
          value={category}
        />
        <button type="submit">Show</button>
      </form>
      <HiddenNote topics={topics} />
      <p role="status">
        {docs.length} {docs.length === 1 ? 'update' : 'updates'}
        {category ? ` in “${labelOf(UPDATE_CATEGORIES, category)}”` : ''}
      </p>
      <ul className="cards">
        {docs.map((update) => (
          <UpdateCard key={update.id} update={update} />
        ))}
      </ul>
    </>
  )
}
