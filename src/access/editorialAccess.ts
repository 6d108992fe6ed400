import type { CollectionConfig } from 'payload'

import { canCreateDraft } from './canCreateDraft'
import { canEditOwnDraft } from './canEditOwnDraft'
import { canReadOwnVersions } from './canReadOwnVersions'
import { isEditorOrAbove } from './isEditorOrAbove'
import { publishedOrCanEdit } from './publishedOrCanEdit'

/**
 * Statements, updates and pages: the public reads what is published; contributors write
 * their own drafts; editors and admins publish and delete.
 */
export const editorialAccess: CollectionConfig['access'] = {
  create: canCreateDraft,
  read: publishedOrCanEdit,
  readVersions: canReadOwnVersions,
  update: canEditOwnDraft,
  delete: isEditorOrAbove,
}
