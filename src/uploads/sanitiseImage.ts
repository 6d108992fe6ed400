import sharp from 'sharp'

import type { ImageMimeType } from './fileTypes'

/**
 * Decodes and re-encodes an image so that only its pixels survive: EXIF (camera, date, GPS),
 * XMP, IPTC and anything hidden in ancillary chunks are dropped. The EXIF orientation is applied
 * to the pixels first, so a phone photo still stands the right way up without its tag. The
 * colour profile is kept so colours look as the artist intended.
 */
export async function sanitiseImage(
  bytes: Buffer,
  mime: ImageMimeType,
  { maxPixels, animated }: { maxPixels: number; animated: boolean },
): Promise<Buffer> {
  let image = sharp(bytes, { animated, limitInputPixels: maxPixels, failOn: 'error' })
  // Multi-frame images carry no orientation tag, and sharp cannot rotate them by 90°.
  if (!animated) image = image.rotate()
  image = image.keepIccProfile()
  switch (mime) {
    case 'image/jpeg':
      // High quality: this is the artist's original, from which every size is made.
      return image.jpeg({ quality: 92, chromaSubsampling: '4:4:4' }).toBuffer()
    case 'image/png':
      return image.png({ compressionLevel: 6 }).toBuffer()
    case 'image/webp':
      return image.webp({ quality: 92 }).toBuffer()
    case 'image/avif':
      return image.avif({ quality: 70 }).toBuffer()
    case 'image/gif':
      return image.gif().toBuffer()
  }
}
