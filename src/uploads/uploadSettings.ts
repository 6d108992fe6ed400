import type { UploadConfig } from 'payload'

import type { AllowedMimeType } from './fileTypes'
import { imageSizes } from './imageSizes'

/** What artwork and media share: the allowed types, the sizes, focal point, and no paste-by-URL. */
export const uploadSettings = (mimeTypes: readonly AllowedMimeType[]): UploadConfig => ({
  mimeTypes: [...mimeTypes],
  imageSizes,
  adminThumbnail: 'thumbnail',
  focalPoint: true,
  crop: true,
  pasteURL: false,
})
