import type { CollectionConfig } from 'payload'

import { anyone } from './anyone'
import { canEditOwnMedia } from './canEditOwnMedia'
import { canUploadMedia } from './canUploadMedia'

/**
 * Media is attached to content and so public, like the pages that show it. Anyone who writes
 * content may upload; editors and admins change anything, others only what they uploaded.
 */
export const mediaAccess: CollectionConfig['access'] = {
  create: canUploadMedia,
  read: anyone,
  update: canEditOwnMedia,
  delete: canEditOwnMedia,
}
