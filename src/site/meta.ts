import { siteSettings } from './payload'
import type { Artwork, Media } from '../payload-types'

/** The social-card image size made for every upload (1200 × 630), for OpenGraph. */
export function socialImage(file: Media | Artwork | null | undefined) {
  const social = file?.sizes?.social
  if (!social?.url) return undefined
  return [
    {
      url: social.url,
      width: social.width ?? 1200,
      height: social.height ?? 630,
      alt: file?.alt ?? '',
      type: social.mimeType ?? undefined,
    },
  ]
}

type PageMeta = {
  title: string
  description?: string | null
  type?: 'article' | 'website'
  image?: Media | Artwork | null
}

/**
 * A page's title, description and OpenGraph tags. Next.js replaces the layout's `openGraph`
 * with a page's own rather than merging them, so the site's name and locale go in each time.
 */
export async function pageMetadata({ title, description, type = 'website', image }: PageMeta) {
  const settings = await siteSettings()
  return {
    title,
    description: description ?? undefined,
    openGraph: {
      title,
      description: description ?? undefined,
      type,
      siteName: settings.siteName,
      locale: 'en_GB',
      images: socialImage(image),
    },
  }
}
