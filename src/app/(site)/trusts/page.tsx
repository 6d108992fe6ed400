import type { Metadata } from 'next'

import { REGIONS, SIM_STATUSES } from '../../../collections/Trusts/options'
import { DateText, HiddenNote } from '../../../site/components/Common'
import { FilterSelect } from '../../../site/components/Filters'
import { WarningMark } from '../../../site/components/Warnings'
import { labelOf } from '../../../site/format'
import { ANONYMOUS, sitePayload } from '../../../site/payload'
import { allOf, withoutHiddenTopics } from '../../../site/queries'
import { hiddenTopics } from '../../../site/readerChoices'
import { siteHref, siteQuery, type TrustColumn } from '../../../site/siteQueries'

export const metadata: Metadata = { title: 'Trusts register' }

const COLUMNS: readonly { key: TrustColumn; label: string }[] = [
  { key: 'name', label: 'Trust' },
  { key: 'region', label: 'Region' },
  { key: 'simStatus', label: 'Status' },
  { key: 'startedOn', label: 'Started' },
]

type Query = { status?: string; region?: string; sort?: string }
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

const hrefWith = (query: Query, change: Partial<Query>) =>
  siteHref('/trusts', { ...query, ...change })

export default async function TrustsPage({ searchParams }: Props) {
  const query: Query = siteQuery('/trusts', await searchParams)
  const { status, region, sort } = query
  const sortKey = (sort?.replace(/^-/, '') ?? 'name') as TrustColumn
  const descending = sort?.startsWith('-') ?? false
  const topics = await hiddenTopics()
  const payload = await sitePayload()
  const { docs } = await payload.find({
    collection: 'trusts',
    limit: 500,
    sort: [`${descending ? '-' : ''}${sortKey}`, 'name'],
    depth: 0,
    where: allOf(
      status ? { simStatus: { equals: status } } : undefined,
      region ? { region: { equals: region } } : undefined,
      withoutHiddenTopics(topics),
    ),
    ...ANONYMOUS,
  })
  return (
    <>
      <h1>NHS trusts register</h1>
      <p>
        What we know about each trust’s use of Serenity Integrated Mentoring (SIM) or a similar
        scheme, with the evidence behind it.
      </p>
      <form className="filters" method="get" action="/trusts">
        <FilterSelect
          name="status"
          label="Status"
          allLabel="Any status"
          options={SIM_STATUSES}
          value={status}
        />
        <FilterSelect
          name="region"
          label="Region"
          allLabel="Any region"
          options={REGIONS}
          value={region}
        />
        {query.sort ? <input type="hidden" name="sort" value={query.sort} /> : null}
        <button type="submit">Filter</button>
      </form>
      <HiddenNote topics={topics} />
      <p role="status">
        {docs.length} {docs.length === 1 ? 'trust' : 'trusts'} shown
      </p>
      <div className="table-scroll" role="region" aria-labelledby="register-caption" tabIndex={0}>
        <table id="register">
          <caption id="register-caption">
            Trusts, sorted by{' '}
            {COLUMNS.find((column) => column.key === sortKey)!.label.toLowerCase()}
            {descending ? ', descending' : ''}
          </caption>
          <thead>
            <tr>
              {COLUMNS.map((column) => {
                const current = column.key === sortKey
                const next = current && !descending ? `-${column.key}` : column.key
                return (
                  <th
                    key={column.key}
                    scope="col"
                    aria-sort={current ? (descending ? 'descending' : 'ascending') : undefined}
                  >
                    <a href={hrefWith(query, { sort: next })}>
                      {column.label}
                      <span className="visually-hidden">
                        {current
                          ? `, sorted ${descending ? 'descending' : 'ascending'}; sort ${descending ? 'ascending' : 'descending'}`
                          : ', sort by this'}
                      </span>
                      {current ? (descending ? ' ▼' : ' ▲') : ''}
                    </a>
                  </th>
                )
              })}
            </tr>
          </thead>
          <tbody>
            {docs.map((trust) => (
              <tr key={trust.id}>
                <td>
                  <a href={`/trusts/${trust.slug}`}>{trust.name}</a>
                  <WarningMark warnings={trust.contentWarnings} />
                </td>
                <td>{labelOf(REGIONS, trust.region)}</td>
                <td>{labelOf(SIM_STATUSES, trust.simStatus)}</td>
                <td>
                  <DateText value={trust.startedOn} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
