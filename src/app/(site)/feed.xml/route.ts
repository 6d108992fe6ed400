import { ANONYMOUS, siteSettings, sitePayload } from '../../../site/payload'
import { escapeXml, xmlResponse } from '../../../site/xml'

export const dynamic = 'force-dynamic'

/** An Atom feed of the latest published updates. */
export async function GET() {
  const payload = await sitePayload()
  const [settings, { docs }] = await Promise.all([
    siteSettings(),
    payload.find({ collection: 'updates', limit: 30, sort: '-date', depth: 0, ...ANONYMOUS }),
  ])
  const base = payload.config.serverURL
  const updated = docs.reduce(
    (latest, doc) => (doc.updatedAt > latest ? doc.updatedAt : latest),
    // Not the settings' own date: an archive import sets that anew, and the feed must not move.
    new Date(0).toISOString(),
  )
  const entries = docs.map((doc) => {
    const link = `${base}/updates/${doc.slug}`
    return `<entry><title>${escapeXml(doc.title)}</title><link href="${escapeXml(link)}"/><id>${escapeXml(link)}</id><published>${new Date(doc.date).toISOString()}</published><updated>${new Date(doc.updatedAt).toISOString()}</updated>${doc.summary ? `<summary>${escapeXml(doc.summary)}</summary>` : ''}</entry>`
  })
  const feed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB"><title>${escapeXml(settings.siteName)}: updates</title><link href="${escapeXml(`${base}/updates`)}"/><link rel="self" href="${escapeXml(`${base}/feed.xml`)}"/><id>${escapeXml(`${base}/feed.xml`)}</id><updated>${new Date(updated).toISOString()}</updated><author><name>${escapeXml(settings.siteName)}</name></author>${entries.join('')}</feed>
`
  return xmlResponse(feed, 'application/atom+xml')
}
