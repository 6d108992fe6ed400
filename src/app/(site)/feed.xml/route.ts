import type { Update } from '../../../payload-types'
import { hasWarnings, warningText } from '../../../site/components/Warnings'
import { topicList } from '../../../site/format'
import { ANONYMOUS, siteSettings, sitePayload } from '../../../site/payload'
import { withoutHiddenTopics } from '../../../site/queries'
import { hiddenTopics } from '../../../site/readerChoices'
import { escapeXml, xmlResponse } from '../../../site/xml'

export const dynamic = 'force-dynamic'

/**
 * A feed reader shows an entry's title and summary before anything else, so a warned update
 * says so in both, before its own words, as the site's lists do: the topics first in the
 * title, and the summary preceded by the whole warning.
 */
function entryText(doc: Update): { title: string; summary: string | null } {
  const warnings = doc.contentWarnings
  if (!hasWarnings(warnings)) return { title: doc.title, summary: doc.summary ?? null }
  const warning = [`Content warning: ${warningText(warnings)}`, warnings?.note]
    .filter(Boolean)
    .join(' ')
  return {
    title: `Content warning (${topicList(warnings?.categories).toLowerCase()}): ${doc.title}`,
    summary: doc.summary ? `${warning}\n\n${doc.summary}` : warning,
  }
}

/** An Atom feed of the latest published updates, without the topics the reader hides. */
export async function GET() {
  const payload = await sitePayload()
  const [settings, topics] = await Promise.all([siteSettings(), hiddenTopics()])
  const { docs } = await payload.find({
    collection: 'updates',
    limit: 30,
    sort: '-date',
    depth: 0,
    where: withoutHiddenTopics(topics),
    ...ANONYMOUS,
  })
  const base = payload.config.serverURL
  const updated = docs.reduce(
    (latest, doc) => (doc.updatedAt > latest ? doc.updatedAt : latest),
    // Not the settings' own date: an archive import sets that anew, and the feed must not move.
    new Date(0).toISOString(),
  )
  const entries = docs.map((doc) => {
    const link = `${base}/updates/${doc.slug}`
    const { title, summary } = entryText(doc)
    return `<entry><title>${escapeXml(title)}</title><link href="${escapeXml(link)}"/><id>${escapeXml(link)}</id><published>${new Date(doc.date).toISOString()}</published><updated>${new Date(doc.updatedAt).toISOString()}</updated>${summary ? `<summary>${escapeXml(summary)}</summary>` : ''}</entry>`
  })
  const feed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB"><title>${escapeXml(settings.siteName)}: updates</title><link href="${escapeXml(`${base}/updates`)}"/><link rel="self" href="${escapeXml(`${base}/feed.xml`)}"/><id>${escapeXml(`${base}/feed.xml`)}</id><updated>${new Date(updated).toISOString()}</updated><author><name>${escapeXml(settings.siteName)}</name></author>${entries.join('')}</feed>
`
  return xmlResponse(feed, 'application/atom+xml')
}
