import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { RichText } from '../../../site/components/Common'
import { WarnedContent } from '../../../site/components/Warnings'
import { carriesHiddenTopic } from '../../../site/hiddenTopics'
import { pageMetadata } from '../../../site/meta'
import { findBySlug } from '../../../site/queries'
import { hiddenTopics } from '../../../site/readerChoices'

type Props = { params: Promise<{ slug: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = await findBySlug('pages', (await params).slug, 0)
  if (!page) return {}
  return pageMetadata({ title: page.title })
}

/** Standing pages: about, the safer-spaces policy, contact, and any others editors add. */
export default async function StandingPage({ params }: Props) {
  const page = await findBySlug('pages', (await params).slug)
  if (!page) notFound()
  const hidden = carriesHiddenTopic(page.contentWarnings?.categories, await hiddenTopics())
  return (
    <article>
      <h1>{page.title}</h1>
      <WarnedContent warnings={page.contentWarnings} hidden={hidden} what="page">
        <RichText value={page.body} />
      </WarnedContent>
    </article>
  )
}
