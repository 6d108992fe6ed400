import { ANONYMOUS, sitePayload } from '../../../site/payload'
import { escapeXml, xmlResponse } from '../../../site/xml'

export const dynamic = 'force-dynamic'

const LISTS = ['/', '/statements', '/updates', '/trusts', '/artwork', '/search']

/** Every public page: the lists, and each published statement, update, trust and page. */
export async function GET() {
  const payload = await sitePayload()
  const base = payload.config.serverURL
  const read = { limit: 5000, depth: 0, pagination: false, ...ANONYMOUS } as const
  const select = { slug: true, updatedAt: true } as const
  const [statements, updates, trusts, pages] = await Promise.all([
    payload.find({ collection: 'statements', select, ...read }),
    payload.find({ collection: 'updates', select, ...read }),
    payload.find({ collection: 'trusts', select, ...read }),
    payload.find({ collection: 'pages', select, ...read }),
  ])
  const url = (path: string, modified?: string) =>
    `<url><loc>${escapeXml(base + path)}</loc>${modified ? `<lastmod>${new Date(modified).toISOString()}</lastmod>` : ''}</url>`
  const urls = [
    ...LISTS.map((path) => url(path)),
    ...statements.docs.map((doc) => url(`/statements/${doc.slug}`, doc.updatedAt)),
    ...updates.docs.map((doc) => url(`/updates/${doc.slug}`, doc.updatedAt)),
    ...trusts.docs.map((doc) => url(`/trusts/${doc.slug}`, doc.updatedAt)),
    ...pages.docs.map((doc) => url(`/${doc.slug}`, doc.updatedAt)),
  ]
  return xmlResponse(
    `<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.join('')}</urlset>\n`,
    'application/xml',
  )
}
