import type { CollectionConfig } from 'payload'

import { canEditOwnMedia } from './canEditOwnMedia'
import { canUploadMedia } from './canUploadMedia'
import { publishedMediaOrOwn } from './publishedMediaOrOwn'

/**
 * Media is public once published content uses it, like the pages that show it; until then only
 * its uploader, editors and admins see it. Anyone who writes content may upload; editors and
 * admins change anything, others only what they uploaded.
 */
export const mediaAccess: CollectionConfig['access'] = {
  create: canUploadMedia,
  read: publishedMediaOrOwn,
  update: canEditOwnMedia,
  delete: canEditOwnMedia,
}
