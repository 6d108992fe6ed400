import type { CollectionConfig } from 'payload'

import { canEditDraftOnly } from '../../access/canEditDraftOnly'
import { canReadContributorVersions } from '../../access/canReadContributorVersions'
import { isEditorOrAbove } from '../../access/isEditorOrAbove'
import { isEditorOrAboveField } from '../../access/isEditorOrAboveField'
import { publishedOrContributor } from '../../access/publishedOrContributor'
import { contentWarnings, excludeWarnedTopics } from '../../fields/contentWarnings'
import { createdByField } from '../../fields/createdBy'
import { slugField } from '../../fields/slug'
import { refuseUnsafeAddress } from '../../fields/safeLinks'
import { validateHttpUrl, validateNotInFuture } from '../../fields/validators'
import { editorialVersions } from '../editorialVersions'
import { EVIDENCE_KINDS, ODS_CODE_PATTERN, REGIONS, SIM_STATUSES } from './options'

// Contributors may add evidence to a trust (as a draft); everything else is for editors.
const EDITORS_ONLY = { update: isEditorOrAboveField }

const dayOnly = { date: { pickerAppearance: 'dayOnly', displayFormat: 'd MMMM yyyy' } } as const

export const Trusts: CollectionConfig = {
  slug: 'trusts',
  labels: { singular: 'NHS trust', plural: 'NHS trusts' },
  admin: {
    components: {
      edit: {
        PublishButton: '/components/PublishWithWarningsReminder#PublishWithWarningsReminder',
      },
    },
    group: 'Evidence',
    useAsTitle: 'name',
    defaultColumns: [
      'name',
      'odsCode',
      'region',
      'simStatus',
      '_status',
      'contentWarnings.categories',
      'updatedAt',
    ],
    description:
      'The evidence register: NHS trusts and what we know about their use of SIM or similar schemes.',
    listSearchableFields: ['name', 'odsCode', 'policeForce'],
  },
  defaultSort: 'name',
  access: {
    create: isEditorOrAbove,
    read: publishedOrContributor,
    readVersions: canReadContributorVersions,
    update: canEditDraftOnly,
    delete: isEditorOrAbove,
  },
  hooks: { beforeOperation: [excludeWarnedTopics] },
  versions: editorialVersions({ autosave: false }),
  fields: [
    {
      name: 'name',
      access: EDITORS_ONLY,
      type: 'text',
      label: 'Trust name',
      required: true,
      maxLength: 200,
    },
    {
      name: 'odsCode',
      access: EDITORS_ONLY,
      type: 'text',
      label: 'ODS code',
      required: true,
      unique: true,
      hooks: {
        beforeValidate: [
          ({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value),
        ],
      },
      validate: (value: string | null | undefined) =>
        (typeof value === 'string' && ODS_CODE_PATTERN.test(value)) ||
        'Enter the trust’s NHS ODS code: 3 to 5 capital letters or digits, e.g. RX4.',
      admin: { description: 'The NHS Organisation Data Service code, e.g. RX4.' },
    },
    {
      name: 'region',
      access: EDITORS_ONLY,
      type: 'select',
      label: 'Region',
      options: [...REGIONS],
    },
    {
      name: 'simStatus',
      access: EDITORS_ONLY,
      type: 'select',
      label: 'SIM status',
      required: true,
      defaultValue: 'under_review',
      index: true,
      options: [...SIM_STATUSES],
      admin: { description: 'What the evidence shows today. Record changes in the history below.' },
    },
    {
      name: 'schemeNames',
      access: EDITORS_ONLY,
      type: 'array',
      label: 'Names the scheme went by',
      labels: { singular: 'Name', plural: 'Names' },
      fields: [{ name: 'name', type: 'text', label: 'Name', required: true, maxLength: 200 }],
    },
    {
      name: 'policeForce',
      access: EDITORS_ONLY,
      type: 'text',
      label: 'Partner police force',
      maxLength: 200,
    },
    {
      name: 'startedOn',
      access: EDITORS_ONLY,
      type: 'date',
      label: 'Started',
      validate: validateNotInFuture,
      admin: dayOnly,
    },
    {
      name: 'endedOn',
      access: EDITORS_ONLY,
      type: 'date',
      label: 'Ended',
      validate: (value: unknown, { siblingData }: { siblingData: { startedOn?: unknown } }) => {
        const notFuture = validateNotInFuture(value)
        if (notFuture !== true) return notFuture
        if (!value || !siblingData?.startedOn) return true
        return (
          new Date(String(value)) >= new Date(String(siblingData.startedOn)) ||
          'The end date cannot be before the start date.'
        )
      },
      admin: dayOnly,
    },
    {
      name: 'statusHistory',
      access: EDITORS_ONLY,
      type: 'array',
      label: 'Status history',
      labels: { singular: 'Change', plural: 'Changes' },
      admin: { description: 'Each time the SIM status changed, when and why.' },
      fields: [
        {
          name: 'date',
          type: 'date',
          label: 'Date',
          required: true,
          validate: validateNotInFuture,
          admin: dayOnly,
        },
        {
          name: 'status',
          type: 'select',
          label: 'Status',
          required: true,
          options: [...SIM_STATUSES],
        },
        { name: 'note', type: 'textarea', label: 'Note', maxLength: 1000 },
      ],
    },
    {
      name: 'latitude',
      access: EDITORS_ONLY,
      type: 'number',
      label: 'Latitude',
      min: -90,
      max: 90,
      admin: { description: 'For maps: the trust’s headquarters, e.g. 51.5072.' },
    },
    {
      name: 'longitude',
      access: EDITORS_ONLY,
      type: 'number',
      label: 'Longitude',
      min: -180,
      max: 180,
      admin: { description: 'For maps, e.g. -0.1276.' },
    },
    {
      name: 'evidence',
      type: 'array',
      label: 'Evidence',
      labels: { singular: 'Evidence item', plural: 'Evidence items' },
      admin: {
        description:
          'Freedom of information responses, reports, news and statements. Contributors can add items; an editor publishes them.',
      },
      fields: [
        {
          name: 'kind',
          type: 'select',
          label: 'Kind',
          required: true,
          options: [...EVIDENCE_KINDS],
        },
        {
          name: 'date',
          type: 'date',
          label: 'Date',
          validate: validateNotInFuture,
          admin: dayOnly,
        },
        {
          name: 'summary',
          type: 'textarea',
          label: 'What it shows',
          required: true,
          maxLength: 2000,
        },
        {
          name: 'sourceUrl',
          type: 'text',
          label: 'Source web address',
          validate: validateHttpUrl,
          hooks: { beforeChange: [refuseUnsafeAddress] },
          admin: { description: 'Where the original can be read, starting with https://' },
        },
        {
          name: 'document',
          type: 'upload',
          label: 'Copy of the document',
          relationTo: 'media',
          admin: {
            description: 'Optional: our own copy (usually a PDF), in case the original disappears.',
          },
        },
      ],
    },
    contentWarnings(),
    {
      name: 'statements',
      type: 'join',
      label: 'Statements mentioning this trust',
      collection: 'statements',
      on: 'relatedTrusts',
      defaultSort: '-publishedDate',
    },
    {
      name: 'updates',
      type: 'join',
      label: 'Updates mentioning this trust',
      collection: 'updates',
      on: 'relatedTrusts',
      defaultSort: '-date',
    },
    { ...slugField('name'), access: EDITORS_ONLY },
    createdByField(),
  ],
}
