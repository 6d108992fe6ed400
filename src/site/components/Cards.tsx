import { STATEMENT_KINDS } from '../../collections/Statements'
import { UPDATE_CATEGORIES } from '../../collections/Updates'
import type { Statement, Update } from '../../payload-types'
import { labelOf } from '../format'
import { Card, DateText } from './Common'

export function StatementCard({
  statement,
  heading,
}: {
  statement: Statement
  heading?: 'h2' | 'h3'
}) {
  return (
    <Card
      heading={heading}
      href={`/statements/${statement.slug}`}
      title={statement.title}
      meta={
        <>
          {labelOf(STATEMENT_KINDS, statement.kind)} · <DateText value={statement.publishedDate} />
        </>
      }
      summary={statement.summary}
      warnings={statement.contentWarnings}
    />
  )
}

export function UpdateCard({ update, heading }: { update: Update; heading?: 'h2' | 'h3' }) {
  return (
    <Card
      heading={heading}
      href={`/updates/${update.slug}`}
      title={update.title}
      meta={
        <>
          {labelOf(UPDATE_CATEGORIES, update.category)} · <DateText value={update.date} />
        </>
      }
      summary={update.summary}
      warnings={update.contentWarnings}
    />
  )
}
