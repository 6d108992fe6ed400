import type { Metadata } from 'next'

import { LICENCES } from '../../../collections/Artwork/options'
import { HiddenNote } from '../../../site/components/Common'
import { Picture } from '../../../site/components/Picture'
import { hasWarnings, warningText } from '../../../site/components/Warnings'
import { labelOf } from '../../../site/format'
import { ANONYMOUS, sitePayload } from '../../../site/payload'
import { withoutHiddenTopics } from '../../../site/queries'
import { hiddenTopics } from '../../../site/readerChoices'

export const metadata: Metadata = { title: 'Artwork' }

const SIZES = '(min-width: 62rem) 19rem, (min-width: 36rem) 50vw, 100vw'

export default async function ArtworkPage() {
  const topics = await hiddenTopics()
  const payload = await sitePayload()
  const { docs } = await payload.find({
    collection: 'artwork',
    limit: 100,
    sort: '-createdAt',
    depth: 0,
    // Anonymous readers are shown approved work only (the collection's read access).
    where: withoutHiddenTopics(topics),
    ...ANONYMOUS,
  })
  return (
    <>
      <h1>Artwork</h1>
      <p>Work made by supporters of the campaign, shown with their permission.</p>
      <HiddenNote topics={topics} />
      <ul className="gallery">
        {docs.map((work) => {
          const caption = (
            <>
              <strong>{work.title}</strong>
              {work.artistCredit ? <> by {work.artistCredit}</> : null}
              {work.description ? <span className="description">. {work.description}</span> : null}
              <br />
              Licence: {labelOf(LICENCES, work.licence)}
            </>
          )
          const covered = work.sensitive || hasWarnings(work.contentWarnings)
          return (
            <li key={work.id}>
              {covered ? (
                <>
                  <p className="cw-mark">
                    {work.sensitive ? 'Sensitive image. ' : ''}
                    {hasWarnings(work.contentWarnings)
                      ? `Content warning: ${warningText(work.contentWarnings)}`
                      : ''}
                  </p>
                  <details className="cw cw-artwork">
                    <summary>Show “{work.title}”</summary>
                    <Picture image={work} sizes={SIZES} caption={caption} />
                  </details>
                </>
              ) : (
                <Picture image={work} sizes={SIZES} caption={caption} />
              )}
            </li>
          )
        })}
      </ul>
      {docs.length ? null : <p>No artwork is shown yet.</p>}
    </>
  )
}
