import { StatementCard, UpdateCard } from '../../site/components/Cards'
import { ANONYMOUS, siteSettings, sitePayload } from '../../site/payload'
import { allOf, tallyOf, withoutHiddenTopics } from '../../site/queries'
import { hiddenTopics } from '../../site/readerChoices'

export default async function Home() {
  const payload = await sitePayload()
  const hidden = withoutHiddenTopics(await hiddenTopics())
  const [updates, letters, statements] = await Promise.all([
    payload.find({
      collection: 'updates',
      limit: 3,
      sort: '-date',
      depth: 0,
      where: allOf(hidden),
      ...ANONYMOUS,
    }),
    payload.find({
      collection: 'statements',
      limit: 1,
      sort: '-publishedDate',
      depth: 0,
      where: allOf({ kind: { equals: 'open_letter' } }, hidden),
      ...ANONYMOUS,
    }),
    payload.find({
      collection: 'statements',
      limit: 3,
      sort: '-publishedDate',
      depth: 0,
      where: allOf({ kind: { not_equals: 'open_letter' } }, hidden),
      ...ANONYMOUS,
    }),
  ])
  const letter = letters.docs[0]
  const archived =
    payload.config.custom?.archiveMode === true || (await siteSettings()).archiveMode === true
  const count = letter?.slug ? await tallyOf(letter.slug) : 0
  return (
    <>
      <h1>Ending police involvement in mental-health crisis care</h1>
      {letter ? (
        <section aria-labelledby="letter-heading" className="sign-form">
          <h2 id="letter-heading">
            <a href={`/statements/${letter.slug}`}>{letter.title}</a>
          </h2>
          {letter.summary ? <p>{letter.summary}</p> : null}
          <p className="count">
            {count.toLocaleString('en-GB')} {count === 1 ? 'signature' : 'signatures'}
          </p>
          <p>
            <a className="button sign-call" href={`/statements/${letter.slug}`}>
              {archived ? 'Read the open letter' : 'Read and sign the open letter'}
            </a>
          </p>
        </section>
      ) : null}
      <section aria-labelledby="updates-heading">
        <h2 id="updates-heading">Latest updates</h2>
        <ul className="cards">
          {updates.docs.map((update) => (
            <UpdateCard key={update.id} update={update} heading="h3" />
          ))}
        </ul>
        <p>
          <a href="/updates">All updates</a>
        </p>
      </section>
      <section aria-labelledby="statements-heading">
        <h2 id="statements-heading">Key statements</h2>
        <ul className="cards">
          {statements.docs.map((statement) => (
            <StatementCard key={statement.id} statement={statement} heading="h3" />
          ))}
        </ul>
        <p>
          <a href="/statements">All statements</a>
        </p>
      </section>
    </>
  )
}
