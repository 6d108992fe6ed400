import type { Artwork, Media } from '../../payload-types'

type Sized = { url?: string | null; width?: number | null; mimeType?: string | null }

const srcset = (sizes: (Sized | undefined)[]) =>
  sizes
    .filter((size): size is Sized => Boolean(size?.url && size.width))
    .map((size) => `${size.url} ${size.width}w`)
    .join(', ')

/**
 * An uploaded image in the sizes made at upload, WebP first for browsers that take it, with
 * its alternative text, and the original as the fallback.
 */
export function Picture({
  image,
  sizes,
  caption,
}: {
  image: Media | Artwork
  sizes: string
  caption?: React.ReactNode
}) {
  const s = image.sizes ?? {}
  const webp = srcset([s.thumbnailWebp, s.cardWebp])
  const plain = srcset([s.thumbnail, s.card])
  const fallback = s.card?.url ?? image.url ?? ''
  return (
    <figure>
      <picture>
        {webp ? <source type="image/webp" srcSet={webp} sizes={sizes} /> : null}
        {plain ? (
          <source type={s.card?.mimeType ?? undefined} srcSet={plain} sizes={sizes} />
        ) : null}
        <img
          src={fallback}
          alt={image.alt ?? ''}
          width={s.card?.width ?? image.width ?? undefined}
          height={s.card?.height ?? image.height ?? undefined}
          loading="lazy"
          decoding="async"
        />
      </picture>
      {caption ? <figcaption>{caption}</figcaption> : null}
    </figure>
  )
}
