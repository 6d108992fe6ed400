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
