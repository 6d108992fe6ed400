/**
 * What may be uploaded, decided from the file's own bytes. The extension and the declared type
 * are never trusted: a web page renamed `.jpg` is still a web page.
 */
export const IMAGE_TYPES = {
  'image/jpeg': { ext: 'jpg', label: 'JPEG' },
  'image/png': { ext: 'png', label: 'PNG' },
  'image/webp': { ext: 'webp', label: 'WebP' },
  'image/avif': { ext: 'avif', label: 'AVIF' },
  'image/gif': { ext: 'gif', label: 'GIF' },
} as const

export const DOCUMENT_TYPES = {
  'application/pdf': { ext: 'pdf', label: 'PDF' },
} as const

export type ImageMimeType = keyof typeof IMAGE_TYPES
export type AllowedMimeType = ImageMimeType | keyof typeof DOCUMENT_TYPES

export const IMAGE_MIME_TYPES = Object.keys(IMAGE_TYPES) as ImageMimeType[]
export const MEDIA_MIME_TYPES = [...IMAGE_MIME_TYPES, 'application/pdf'] as AllowedMimeType[]

export const isImageMimeType = (mime: unknown): mime is ImageMimeType =>
  typeof mime === 'string' && mime in IMAGE_TYPES

export const describeTypes = (types: readonly AllowedMimeType[]): string =>
  types
    .map((type) => ({ ...IMAGE_TYPES, ...DOCUMENT_TYPES })[type].label)
    .join(', ')
    .replace(/, ([^,]+)$/, ' or $1')

export const extensionFor = (mime: AllowedMimeType): string =>
  ({ ...IMAGE_TYPES, ...DOCUMENT_TYPES })[mime].ext
