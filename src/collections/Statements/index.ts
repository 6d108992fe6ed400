import type { CollectionConfig } from 'payload'

import { editorialAccess } from '../../access/editorialAccess'
import { bodyField } from '../../fields/body'
import { contentWarnings, excludeWarnedTopics } from '../../fields/contentWarnings'
import { createdByField } from '../../fields/createdBy'
import { publishedDateField } from '../../fields/publishedDate'
import { slugField } from '../../fields/slug'
import { summaryField } from '../../fields/summary'
import { editorialVersions } from '../editorialVersions'

export const STATEMENT_KINDS = [
  { value: 'statement', label: 'Position statement' },
  { value: 'open_letter', label: 'Open letter' },
  { value: 'response', label: 'Response' },
  { value: 'policy', label: 'Policy' },
  { value: 'press_release', label: 'Press release' },
] as const

export const Statements: CollectionConfig = {
  slug: 'statements',
  labels: { singular: 'Statement', plural: 'Statements' },
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
      'kind',
      '_status',
      'publishedDate',
      'contentWarnings.categories',
      'updatedAt',
    ],
    description: 'Position statements, open letters, responses, policies and press releases.',
    listSearchableFields: ['title', 'summary'],
  },
  defaultSort: '-publishedDate',
  access: editorialAccess,
  hooks: { beforeOperation: [excludeWarnedTopics] },
  versions: editorialVersions({ schedulePublish: true }),
  fields: [
    { name: 'title', type: 'text', label: 'Title', required: true, maxLength: 200 },
    {
      name: 'kind',
      type: 'select',
      label: 'Kind',
      required: true,
      defaultValue: 'statement',
      options: [...STATEMENT_KINDS],
      admin: { description: 'Open letters can collect signatures.' },
    },
    summaryField(),
    bodyField(),
    {
      name: 'recipients',
      type: 'array',
      label: 'Addressed to',
      labels: { singular: 'Recipient', plural: 'Recipients' },
      admin: {
        description: 'Who this is addressed to, e.g. a health minister or an NHS trust board.',
      },
      fields: [
        { name: 'name', type: 'text', label: 'Name or title', required: true, maxLength: 200 },
      ],
    },
    {
      name: 'attachments',
      type: 'upload',
      label: 'Attachments',
      relationTo: 'media',
      hasMany: true,
      admin: { description: 'Optional: PDFs or images offered for download with the statement.' },
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
    {
      name: 'signing',
      type: 'group',
      label: 'Signing',
      admin: {
        condition: (data) => data?.kind === 'open_letter',
        description: 'Only for open letters: whether the public can sign, and until when.',
      },
      fields: [
        {
          name: 'open',
          type: 'checkbox',
          label: 'Accepting signatures',
          defaultValue: true,
        },
        {
          name: 'closesAt',
          type: 'date',
          label: 'Signing closes',
          admin: {
            date: { pickerAppearance: 'dayAndTime' },
            description: 'Leave empty to keep signing open until you untick the box above.',
          },
        },
      ],
    },
    {
      name: 'signatories',
      type: 'join',
      label: 'Signatures',
      collection: 'signatories',
      on: 'letter',
      defaultSort: 'createdAt',
      admin: { condition: (data) => data?.kind === 'open_letter' },
    },
    slugField('title'),
    publishedDateField(),
    createdByField(),
  ],
}
