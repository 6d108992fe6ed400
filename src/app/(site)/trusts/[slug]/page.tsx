import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { EVIDENCE_KINDS, REGIONS, SIM_STATUSES } from '../../../../collections/Trusts/options'
import type { Media, Statement, Update } from '../../../../payload-types'
import { DateText } from '../../../../site/components/Common'
import { WarnedContent } from '../../../../site/components/Warnings'
import { labelOf } from '../../../../site/format'
import { carriesHiddenTopic } from '../../../../site/hiddenTopics'
import { pageMetadata } from '../../../../site/meta'
import { findBySlug } from '../../../../site/queries'
import { hiddenTopics } from '../../../../site/readerChoices'

type Props = { params: Promise<{ slug: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const trust = await findBySlug('trusts', (await params).slug, 0)
  if (!trust) return {}
  return pageMetadata({
    title: trust.name,
    description: `${trust.name}: ${labelOf(SIM_STATUSES, trust.simStatus)}.`,
    type: 'article',
  })
}

export default async function TrustPage({ params }: Props) {
  const trust = await findBySlug('trusts', (await params).slug)
  if (!trust) notFound()
  const hidden = carriesHiddenTopic(trust.contentWarnings?.categories, await hiddenTopics())
  const history = [...(trust.statusHistory ?? [])].sort((a, b) => a.date.localeCompare(b.date))
  const statements = (trust.statements?.docs ?? []).filter(
    (doc): doc is Statement => typeof doc === 'object',
  )
  const updates = (trust.updates?.docs ?? []).filter(
    (doc): doc is Update => typeof doc === 'object',
  )
  return (
    <article>
      <h1>{trust.name}</h1>
      <dl className="facts">
        <dt>Status</dt>
        <dd>{labelOf(SIM_STATUSES, trust.simStatus)}</dd>
        <dt>ODS code</dt>
        <dd>{trust.odsCode}</dd>
        {trust.region ? (
          <>
            <dt>Region</dt>
            <dd>{labelOf(REGIONS, trust.region)}</dd>
          </>
        ) : null}
        {trust.policeForce ? (
          <>
            <dt>Police force</dt>
            <dd>{trust.policeForce}</dd>
          </>
        ) : null}
        {trust.schemeNames?.length ? (
          <>
            <dt>Scheme names</dt>
            <dd>{trust.schemeNames.map((scheme) => scheme.name).join(', ')}</dd>
          </>
        ) : null}
        {trust.startedOn ? (
          <>
            <dt>Started</dt>
            <dd>
              <DateText value={trust.startedOn} />
            </dd>
          </>
        ) : null}
        {trust.endedOn ? (
          <>
            <dt>Ended</dt>
            <dd>
              <DateText value={trust.endedOn} />
            </dd>
          </>
        ) : null}
      </dl>
      <WarnedContent warnings={trust.contentWarnings} hidden={hidden} what="record">
        {history.length ? (
          <section aria-labelledby="history-heading">
            <h2 id="history-heading">Status over time</h2>
            <ol className="timeline">
              {history.map((entry, index) => (
                <li key={entry.id ?? index}>
                  <DateText value={entry.date} />
                  {labelOf(SIM_STATUSES, entry.status)}
                  {entry.note ? <p>{entry.note}</p> : null}
                </li>
              ))}
            </ol>
          </section>
        ) : null}
        <section aria-labelledby="evidence-heading">
          <h2 id="evidence-heading">Evidence</h2>
          {trust.evidence?.length ? (
            <ul className="cards">
              {trust.evidence.map((item, index) => {
                const document =
                  typeof item.document === 'object' ? (item.document as Media | null) : null
                return (
                  <li key={item.id ?? index}>
                    <h3>{labelOf(EVIDENCE_KINDS, item.kind)}</h3>
                    <p className="meta">
                      <DateText value={item.date} />
                    </p>
                    <p>{item.summary}</p>
                    {item.sourceUrl ? (
                      <p>
                        <a href={item.sourceUrl} rel="noreferrer">
                          Source
                          <span className="visually-hidden">: {item.summary}</span>
                        </a>
                      </p>
                    ) : null}
                    {document?.url ? (
                      <p>
                        <a href={document.url}>
                          {document.alt || document.caption || document.filename}
                          {document.mimeType === 'application/pdf' ? ' (PDF)' : ''}
                        </a>
                      </p>
                    ) : null}
                  </li>
                )
              })}
            </ul>
          ) : (
            <p>No evidence is listed yet.</p>
          )}
        </section>
      </WarnedContent>
      {statements.length || updates.length ? (
        <section aria-labelledby="related-heading">
          <h2 id="related-heading">Mentioned in</h2>
          <ul>
            {statements.map((doc) => (
              <li key={`s${doc.id}`}>
                <a href={`/statements/${doc.slug}`}>{doc.title}</a>
              </li>
            ))}
            {updates.map((doc) => (
              <li key={`u${doc.id}`}>
                <a href={`/updates/${doc.slug}`}>{doc.title}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  )
}
