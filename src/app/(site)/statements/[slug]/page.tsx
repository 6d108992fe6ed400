import type { Metadata } from 'next'
import { notFound, redirect } from 'next/navigation'

import { STATEMENT_KINDS } from '../../../../collections/Statements'
import { closedReason } from '../../../../collections/Signatories/endpoints/findOpenLetter'
import type { Media, Trust } from '../../../../payload-types'
import { DateText, RichText } from '../../../../site/components/Common'
import { SignForm } from '../../../../site/components/SignForm'
import { WarnedContent } from '../../../../site/components/Warnings'
import { labelOf } from '../../../../site/format'
import { carriesHiddenTopic } from '../../../../site/hiddenTopics'
import { pageMetadata } from '../../../../site/meta'
import { ANONYMOUS, siteSettings, sitePayload } from '../../../../site/payload'
import { findBySlug, tallyOf } from '../../../../site/queries'
import { hiddenTopics } from '../../../../site/readerChoices'
import { siteHref, siteQuery } from '../../../../site/siteQueries'

const PER_PAGE = 50

type Props = {
  params: Promise<{ slug: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const statement = await findBySlug('statements', (await params).slug)
  if (!statement) return {}
  const attachment = statement.attachments?.find(
    (file): file is Media => typeof file === 'object' && Boolean(file.sizes?.social?.url),
  )
  return pageMetadata({
    title: statement.title,
    description: statement.summary,
    type: 'article',
    image: attachment,
  })
}

export default async function StatementPage({ params, searchParams }: Props) {
  const { slug } = await params
  // Only ever a page the API allows (siteQueries): past it, it would be refused deep inside
  // the render (500).
  const page = Number(siteQuery('/statements/[slug]', await searchParams).page ?? 1)
  const statement = await findBySlug('statements', slug)
  if (!statement) notFound()
  const hidden = carriesHiddenTopic(statement.contentWarnings?.categories, await hiddenTopics())
  const isLetter = statement.kind === 'open_letter'
  // Only a letter has pages: any other statement at `?page=2` is the statement itself, which
  // must not be drawn and kept once more. Temporary: the statement may become a letter.
  if (page > 1 && !isLetter) redirect(signaturesHref(slug, 1))
  const trusts = (statement.relatedTrusts ?? []).filter(
    (trust): trust is Trust => typeof trust === 'object',
  )
  const attachments = (statement.attachments ?? []).filter(
    (file): file is Media => typeof file === 'object' && Boolean(file.url),
  )
  return (
    <article>
      <h1>{statement.title}</h1>
      <p className="meta">
        {labelOf(STATEMENT_KINDS, statement.kind)} · <DateText value={statement.publishedDate} />
      </p>
      <WarnedContent warnings={statement.contentWarnings} hidden={hidden} what="statement">
        {statement.summary ? <p className="summary">{statement.summary}</p> : null}
        {statement.recipients?.length ? (
          <p>
            <strong>To:</strong>{' '}
            {statement.recipients.map((recipient) => recipient.name).join('; ')}
          </p>
        ) : null}
        <RichText value={statement.body} />
        {attachments.length ? (
          <section aria-labelledby="attachments-heading">
            <h2 id="attachments-heading">Documents</h2>
            <ul>
              {attachments.map((file) => (
                <li key={file.id}>
                  <a href={file.url!}>{file.alt || file.caption || file.filename}</a>
                  {file.mimeType === 'application/pdf' ? ' (PDF)' : ''}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </WarnedContent>
      {trusts.length ? (
        <section aria-labelledby="trusts-heading">
          <h2 id="trusts-heading">NHS trusts mentioned</h2>
          <ul>
            {trusts.map((trust) => (
              <li key={trust.id}>
                <a href={`/trusts/${trust.slug}`}>{trust.name}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {isLetter && statement.slug ? (
        <Letter slug={statement.slug} closed={closedReason(statement)} page={page} />
      ) : null}
    </article>
  )
}

async function Letter({
  slug,
  closed,
  page,
}: {
  slug: string
  closed: string | null
  page: number
}) {
  const payload = await sitePayload()
  const [count, settings, letter] = await Promise.all([
    tallyOf(slug),
    siteSettings(),
    findBySlug('statements', slug, 0),
  ])
  const signatories = await payload.find({
    collection: 'signatories',
    where: { letter: { equals: letter!.id } },
    // In the order they signed; ids keep that order through an archive import, dates may not.
    sort: 'id',
    limit: PER_PAGE,
    page: Math.max(1, Math.floor(page)),
    depth: 0,
    select: { publicName: true, publicRole: true, publicOrganisation: true },
    ...ANONYMOUS,
  })
  const closedNow =
    settings.archiveMode || payload.config.custom?.archiveMode === true
      ? 'This letter is closed: the site has been archived and no longer accepts signatures.'
      : closed
  // A page past the last (there may be more signatures later, so temporarily) is the last
  // page's, not another entry in the cache.
  const last = Math.max(1, signatories.totalPages)
  if (page > last) redirect(signaturesHref(slug, last))
  const first = (signatories.page! - 1) * PER_PAGE + 1
  return (
    <>
      <section aria-labelledby="count-heading">
        <h2 id="count-heading">Signatures</h2>
        <p className="count">
          {count.toLocaleString('en-GB')} {count === 1 ? 'person has' : 'people have'} signed
        </p>
      </section>
      {closedNow ? <p className="notice letter-closed">{closedNow}</p> : <SignForm letter={slug} />}
      <section aria-labelledby="signatories-heading">
        <h2 id="signatories-heading">Who has signed</h2>
        {signatories.totalDocs ? (
          <>
            <p>
              Showing {first} to {first + signatories.docs.length - 1} of {signatories.totalDocs}{' '}
              listed signatures. Some people asked to be counted without being listed.
            </p>
            <ol className="signatories" start={first}>
              {signatories.docs.map((signatory) => (
                <li key={signatory.id}>
                  <span className="name">{signatory.publicName}</span>
                  {[signatory.publicRole, signatory.publicOrganisation].filter(Boolean).length
                    ? `, ${[signatory.publicRole, signatory.publicOrganisation].filter(Boolean).join(', ')}`
                    : ''}
                </li>
              ))}
            </ol>
            {signatories.totalPages > 1 ? (
              <nav className="pager" aria-label="Pages of signatures">
                {signatories.hasPrevPage ? (
                  <a href={`${signaturesHref(slug, signatories.prevPage!)}#signatories-heading`}>
                    Previous page
                  </a>
                ) : null}
                <span>
                  Page {signatories.page} of {signatories.totalPages}
                </span>
                {signatories.hasNextPage ? (
                  <a href={`${signaturesHref(slug, signatories.nextPage!)}#signatories-heading`}>
                    Next page
                  </a>
                ) : null}
              </nav>
            ) : null}
          </>
        ) : (
          <p>No signatures are listed yet.</p>
        )}
      </section>
    </>
  )
}

/** The address of a page of a letter's signatures. */
const signaturesHref = (slug: string, page: number) =>
  siteHref(`/statements/${encodeURIComponent(slug)}`, { page: String(page) })
