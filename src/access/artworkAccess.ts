import type { CollectionConfig } from 'payload'

import { approvedArtworkOrOwn } from './approvedArtworkOrOwn'
import { canDeleteArtwork } from './canDeleteArtwork'
import { canEditArtwork } from './canEditArtwork'
import { canUploadArtwork } from './canUploadArtwork'

/**
 * Artwork: artists upload and tend their own work until it is approved; moderators, editors and
 * admins approve or reject; the public sees approved work only, files included.
 */
export const artworkAccess: CollectionConfig['access'] = {
  create: canUploadArtwork,
  read: approvedArtworkOrOwn,
  update: canEditArtwork,
  delete: canDeleteArtwork,
}
