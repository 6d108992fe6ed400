import type { Plugin } from 'payload'

import { searchPlugin } from '@payloadcms/plugin-search'

import { anyone } from '../access/anyone'
import { isEditorOrAbove } from '../access/isEditorOrAbove'
import { indexPublishedVersion, searchFieldsOf } from './indexPublishedVersion'
import { rankedSearchEndpoint } from './rankedSearchEndpoint'
import { SEARCHABLE_COLLECTIONS } from './searchable'

export { SEARCHABLE_COLLECTIONS }

const PRIORITIES: Record<string, number> = { statements: 40, updates: 30, trusts: 20, pages: 10 }

const isSearchable = (slug: string) => (SEARCHABLE_COLLECTIONS as readonly string[]).includes(slug)

/**
 * The plugin gives the search collection, its admin view and re-indexing (which reads published
 * documents only, in full, and goes through `beforeSync`).
 */
const plugin = searchPlugin({
  collections: [...SEARCHABLE_COLLECTIONS],
  syncDrafts: false,
  deleteDrafts: true,
  defaultPriorities: PRIORITIES,
  beforeSync: ({ originalDoc, searchDoc }) => ({ ...searchDoc, ...searchFieldsOf(originalDoc) }),
  searchOverrides: {
    labels: { singular: 'Search result', plural: 'Search index' },
    admin: {
      group: 'Admin',
      description: 'Kept up to date automatically from published content.',
    },
    access: {
      create: isEditorOrAbove,
      read: anyone,
      update: isEditorOrAbove,
      delete: isEditorOrAbove,
    },
    endpoints: [rankedSearchEndpoint],
    fields: ({ defaultFields }) => [
      ...defaultFields,
      { name: 'summary', type: 'textarea', label: 'Summary', admin: { readOnly: true } },
      { name: 'slug', type: 'text', label: 'Web address', index: true, admin: { readOnly: true } },
      { name: 'text', type: 'textarea', label: 'Text', admin: { readOnly: true, hidden: true } },
    ],
  },
})

/**
 * The site search index. It holds published documents only, so it is public. Saves keep it up
 * to date through {@link indexPublishedVersion}, which reads the published version afresh,
 * instead of the afterChange hook the plugin adds (it trusted the document a save returned):
 * whatever the plugin appended to a searchable collection's afterChange hooks is replaced.
 */
export const search: Plugin = async (config) => {
  const ownHooks = new Map(
    (config.collections ?? []).map((collection) => [
      collection.slug,
      collection.hooks?.afterChange ?? [],
    ]),
  )
  const withIndex = await plugin(config)
  return {
    ...withIndex,
    collections: withIndex.collections?.map((collection) =>
      isSearchable(collection.slug)
        ? {
            ...collection,
            hooks: {
              ...collection.hooks,
              afterChange: [
                ...(ownHooks.get(collection.slug) ?? []),
                indexPublishedVersion(PRIORITIES),
              ],
            },
          }
        : collection,
    ),
  }
}
