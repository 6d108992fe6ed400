import type { Plugin } from 'payload'

import { searchPlugin } from '@payloadcms/plugin-search'

import { anyone } from '../access/anyone'
import { isEditorOrAbove } from '../access/isEditorOrAbove'
import { richTextToPlainText } from '../utilities/richTextToPlainText'
import { rankedSearchEndpoint } from './rankedSearchEndpoint'

export const SEARCHABLE_COLLECTIONS = ['statements', 'updates', 'pages', 'trusts'] as const

const MAX_INDEXED_TEXT = 20_000

/**
 * The site search index. Only published documents are indexed (drafts never are, and a
 * document leaves the index when unpublished), so the index is public.
 */
export const search: Plugin = searchPlugin({
  collections: [...SEARCHABLE_COLLECTIONS],
  syncDrafts: false,
  deleteDrafts: true,
  defaultPriorities: { statements: 40, updates: 30, trusts: 20, pages: 10 },
  beforeSync: ({ originalDoc, searchDoc }) => ({
    ...searchDoc,
    title: originalDoc.title ?? originalDoc.name ?? searchDoc.title,
    summary: typeof originalDoc.summary === 'string' ? originalDoc.summary : '',
    slug: originalDoc.slug ?? null,
    text: richTextToPlainText(originalDoc.body).slice(0, MAX_INDEXED_TEXT),
  }),
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
