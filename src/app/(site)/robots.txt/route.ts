import { sitePayload } from '../../../site/payload'

export const dynamic = 'force-dynamic'

export async function GET() {
  const payload = await sitePayload()
  const body = [
    'User-agent: *',
    'Disallow: /admin',
    'Disallow: /api/',
    'Disallow: /preferences',
    `Sitemap: ${payload.config.serverURL}/sitemap.xml`,
    '',
  ].join('\n')
  return new Response(body, { headers: { 'content-type': 'text/plain; charset=utf-8' } })
}
