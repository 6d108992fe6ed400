import type { CollectionConfig } from 'payload'

/**
 * Drafts and history for editorial content. Autosave every few seconds rather than Payload's
 * default of under a second: editors work on slow laptops and connections.
 */
export const editorialVersions = ({
  schedulePublish = false,
  autosave = true,
}: {
  schedulePublish?: boolean
  autosave?: boolean
} = {}): CollectionConfig['versions'] => ({
  maxPerDoc: 50,
  drafts: {
    autosave: autosave ? { interval: 3000 } : false,
    schedulePublish,
  },
})
