import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { UPDATE_CATEGORIES } from '../../../../collections/Updates'
import type { Media, Statement, Trust } from '../../../../payload-types'
import { DateText, RichText } from '../../../../site/components/Common'
import { Picture } from '../../../../site/components/Picture'
import { WarnedContent } from '../../../../site/components/Warnings'
import { labelOf } from '../../../../site/format'
import { carriesHiddenTopic } from '../../../../site/hiddenTopics'
import { pageMetadata } from '../../../../site/meta'
import { findBySlug } from '../../../../site/queries'
import { hiddenTopics } from '../../../../site/readerChoices'

type Props = { params: Promise<{ slug: string }> }

const heroOf = (value: unknown) =>
  typeof value === 'object' && value !== null ? (value as Media) : undefined

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const update = await findBySlug('updates', (await params).slug)
  if (!update) return {}
  return pageMetadata({
    title: update.title,
    description: update.summary,
    type: 'article',
    image: heroOf(update.heroImage),
  })
}

export default async function UpdatePage({ params }: Props) {
  const update = await findBySlug('updates', (await params).slug)
  if (!update) notFound()
  const hidden = carriesHiddenTopic(update.contentWarnings?.categories, await hiddenTopics())
  const hero = heroOf(update.heroImage)
  const statements = (update.relatedStatements ?? []).filter(
    (statement): statement is Statement => typeof statement === 'object',
  )
  const trusts = (update.relatedTrusts ?? []).filter(
    (trust): trust is Trust => typeof trust === 'object',
  )
  return (
    <article>
      <h1>{update.title}</h1>
      <p className="meta">
        {labelOf(UPDATE_CATEGORIES, update.category)} · <DateText value={update.date} />
      </p>
      <WarnedContent warnings={update.contentWarnings} hidden={hidden} what="update">
        {hero?.url ? <Picture image={hero} sizes="(min-width: 62rem) 60rem, 100vw" /> : null}
        {update.summary ? <p className="summary">{update.summary}</p> : null}
        <RichText value={update.body} />
      </WarnedContent>
      {statements.length || trusts.length ? (
        <section aria-labelledby="related-heading">
          <h2 id="related-heading">Related</h2>
          <ul>
            {statements.map((statement) => (
              <li key={`s${statement.id}`}>
                <a href={`/statements/${statement.slug}`}>{statement.title}</a>
              </li>
            ))}
            {trusts.map((trust) => (
              <li key={`t${trust.id}`}>
                <a href={`/trusts/${trust.slug}`}>{trust.name}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  )
}
