import type { ImageSize } from 'payload'

// Each size in the uploaded format and in WebP, so a front end can offer both in <picture>.
// Sizes with a width and a height are cropped around the focal point an editor sets.
const SIZES: ImageSize[] = [
  { name: 'thumbnail', width: 400, height: 400, position: 'centre' },
  { name: 'card', width: 800, height: 600, position: 'centre' },
  // The shape social networks show in link previews.
  { name: 'social', width: 1200, height: 630, position: 'centre' },
]

export const imageSizes: ImageSize[] = SIZES.flatMap((size) => [
  size,
  {
    ...size,
    name: `${size.name}Webp`,
    formatOptions: { format: 'webp', options: { quality: 82 } },
    // For a WebP upload the size in the uploaded format is WebP too: with Payload's default
    // name both would be written, at the same time, to one file, leaving it corrupt.
    generateImageName: ({ extension, height, originalName, width }) =>
      `${originalName}-${width}x${height}-webp.${extension}`,
  },
])
