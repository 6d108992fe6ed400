import type { CollectionConfig } from 'payload'

import { editorialAccess } from '../../access/editorialAccess'
import { bodyField } from '../../fields/body'
import { contentWarnings, excludeWarnedTopics } from '../../fields/contentWarnings'
import { createdByField } from '../../fields/createdBy'
import { slugField } from '../../fields/slug'
import { summaryField } from '../../fields/summary'
import { editorialVersions } from '../editorialVersions'

export const UPDATE_CATEGORIES = [
  { value: 'milestone', label: 'Milestone' },
  { value: 'news', label: 'News' },
  { value: 'event', label: 'Event' },
  { value: 'call_to_action', label: 'Call to action' },
] as const

export const Updates: CollectionConfig = {
  slug: 'updates',
  labels: { singular: 'Campaign update', plural: 'Campaign updates' },
  admin: {
    components: {
      edit: {
        PublishButton: '/components/PublishWithWarningsReminder#PublishWithWarningsReminder',
      },
    },
    group: 'Content',
    useAsTitle: 'title',
    defaultColumns: [
      'title',
      'category',
      '_status',
      'date',
      'contentWarnings.categories',
      'updatedAt',
    ],
    description: 'News, events, milestones and calls to action.',
    listSearchableFields: ['title', 'summary'],
  },
  defaultSort: '-date',
  access: editorialAccess,
  hooks: { beforeOperation: [excludeWarnedTopics] },
  versions: editorialVersions({ schedulePublish: true }),
  fields: [
    { name: 'title', type: 'text', label: 'Title', required: true, maxLength: 200 },
    {
      name: 'date',
      type: 'date',
      label: 'Date',
      required: true,
      index: true,
      defaultValue: () => new Date().toISOString(),
      admin: {
        date: { pickerAppearance: 'dayOnly', displayFormat: 'd MMMM yyyy' },
        description: 'The date of the news or event, shown on the site.',
      },
    },
    {
      name: 'category',
      type: 'select',
      label: 'Category',
      required: true,
      defaultValue: 'news',
      options: [...UPDATE_CATEGORIES],
    },
    {
      name: 'heroImage',
      type: 'upload',
      label: 'Main image',
      relationTo: 'media',
      filterOptions: { mimeType: { like: 'image/' } },
      admin: { description: 'Optional: shown at the top of the update and in link previews.' },
    },
    summaryField(),
    bodyField(),
    {
      name: 'relatedStatements',
      type: 'relationship',
      label: 'Related statements',
      relationTo: 'statements',
      hasMany: true,
    },
    {
      name: 'relatedTrusts',
      type: 'relationship',
      label: 'NHS trusts mentioned',
      relationTo: 'trusts',
      hasMany: true,
      admin: { description: 'Listed on each trust’s page in the evidence register.' },
    },
    contentWarnings(),
    slugField('title'),
    createdByField(),
  ],
}
