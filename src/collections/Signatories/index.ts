import type { CollectionConfig } from 'payload'

import type { AnonymousViewConfig } from '../../readCache/anonymousView'

import { approvedSignatoriesOrModerator } from '../../access/approvedSignatoriesOrModerator'
import { isAdmin } from '../../access/isAdmin'
import { isAdminField } from '../../access/isAdminField'
import { isEditorOrAbove } from '../../access/isEditorOrAbove'
import { isModeratorOrAbove } from '../../access/isModeratorOrAbove'
import { isModeratorOrAboveField } from '../../access/isModeratorOrAboveField'
import { confirmEndpoint, confirmPageEndpoint } from './endpoints/confirm'
import { exportCsvEndpoint } from './endpoints/exportCsv'
import { erasePersonalDataEndpoint, exportPersonalDataEndpoint } from './endpoints/personalData'
import { signEndpoint } from './endpoints/sign'
import { tallyEndpoint } from './endpoints/tally'
import { withdrawEndpoint, withdrawPageEndpoint } from './endpoints/withdraw'
import { confirmedBeforeApproval } from './hooks/confirmedBeforeApproval'
import { fillKeys } from './hooks/fillKeys'
import { flagPossibleDuplicate } from './hooks/flagPossibleDuplicate'
import { setPublicFields } from './hooks/publicFields'
import { withdrawnIsFinal } from './hooks/withdrawnIsFinal'
import { validateSignatoryEmail } from './rules'
import { DISPLAY_CHOICES, LIMITS, SIGNATORY_SOURCES, SIGNATORY_STATUSES } from './options'

// What the signer chose (who they are, what they signed, how to be shown) is theirs: moderators
// review it, they never change it. Only an admin corrects it, when the signer asks.
const SIGNERS_CHOICE = { update: isAdminField }
const PRIVATE = { ...SIGNERS_CHOICE, read: isModeratorOrAboveField }
const MODERATION = { read: isModeratorOrAboveField, update: isModeratorOrAboveField }
const SERVER_SET = { read: isModeratorOrAboveField, create: () => false, update: () => false }

export const Signatories: CollectionConfig = {
  slug: 'signatories',
  labels: { singular: 'Signature', plural: 'Signatures' },
  admin: {
    group: 'Open letter',
    useAsTitle: 'name',
    defaultColumns: ['name', 'role', 'organisation', 'letter', 'status', 'display', 'createdAt'],
    description:
      'People who signed an open letter. Review each one: approve, reject, or mark as a duplicate. Email addresses are never shown publicly.',
    listSearchableFields: ['name', 'organisation', 'email'],
  },
  defaultSort: '-createdAt',
  access: {
    create: isEditorOrAbove,
    read: approvedSignatoriesOrModerator,
    update: isModeratorOrAbove,
    // Signatures are only ever erased on request (data protection), by an admin.
    delete: isAdmin,
  },
  custom: {
    // The public tally counts signatures awaiting review as well as approved ones: a change to
    // either reaches anonymous readers, a pending or rejected signature does not.
    anonymousView: { status: { in: ['approved', 'verified'] } },
  } satisfies AnonymousViewConfig,
  endpoints: [
    signEndpoint,
    tallyEndpoint,
    confirmPageEndpoint,
    confirmEndpoint,
    withdrawPageEndpoint,
    withdrawEndpoint,
    exportCsvEndpoint,
    exportPersonalDataEndpoint,
    erasePersonalDataEndpoint,
  ],
  hooks: {
    beforeChange: [
      withdrawnIsFinal,
      confirmedBeforeApproval,
      fillKeys,
      setPublicFields,
      flagPossibleDuplicate,
    ],
  },
  // One signature per email address per letter, even when identical requests race.
  indexes: [
    { fields: ['letter', 'emailHash'], unique: true },
    // Possible duplicates are looked up by letter and name key, never by a scan of the letter.
    { fields: ['letter', 'nameBlockKey'] },
    // The public count and list of a letter of tens of thousands: approved ones, newest first,
    // with the display choice in the index too, so that leaving out the "counted only" ones
    // (and counting the rest for the page count) reads the index alone, not every row.
    { fields: ['letter', 'status', 'createdAt', 'display'] },
  ],
  fields: [
    {
      name: 'letter',
      type: 'relationship',
      label: 'Open letter',
      relationTo: 'statements',
      required: true,
      index: true,
      filterOptions: { kind: { equals: 'open_letter' } },
      access: SIGNERS_CHOICE,
    },
    {
      name: 'name',
      type: 'text',
      label: 'Name',
      required: true,
      maxLength: LIMITS.name,
      access: PRIVATE,
    },
    {
      name: 'role',
      type: 'text',
      label: 'Role or profession',
      maxLength: LIMITS.role,
      access: PRIVATE,
    },
    {
      name: 'organisation',
      type: 'text',
      label: 'Organisation',
      maxLength: LIMITS.organisation,
      access: PRIVATE,
    },
    {
      name: 'onBehalfOfOrganisation',
      type: 'checkbox',
      label: 'Signs on behalf of the organisation',
      defaultValue: false,
      access: SIGNERS_CHOICE,
    },
    {
      name: 'display',
      type: 'select',
      label: 'How the signer asked to be shown',
      required: true,
      defaultValue: 'full',
      options: [...DISPLAY_CHOICES],
      access: SIGNERS_CHOICE,
    },
    {
      type: 'collapsible',
      label: 'As shown on the website',
      admin: { description: 'Worked out from the signer’s choice above; cannot be edited.' },
      fields: [
        { name: 'publicName', type: 'text', label: 'Name shown', admin: { readOnly: true } },
        { name: 'publicRole', type: 'text', label: 'Role shown', admin: { readOnly: true } },
        {
          name: 'publicOrganisation',
          type: 'text',
          label: 'Organisation shown',
          admin: { readOnly: true },
        },
      ],
    },
    {
      name: 'email',
      type: 'email',
      label: 'Email address',
      access: PRIVATE,
      // The same rule and words as the signing form and the CSV import.
      validate: validateSignatoryEmail,
      admin: { description: 'Private: for confirming the signature only.' },
    },
    {
      name: 'status',
      type: 'select',
      label: 'Review',
      required: true,
      defaultValue: 'pending',
      index: true,
      options: [...SIGNATORY_STATUSES],
      access: MODERATION,
      admin: { position: 'sidebar' },
    },
    {
      name: 'possibleDuplicateOf',
      type: 'relationship',
      label: 'Possibly the same person as',
      relationTo: 'signatories',
      access: MODERATION,
      admin: {
        position: 'sidebar',
        description:
          'Someone with the same or a very similar name (and a like role or organisation) signed this letter with another email address.',
      },
    },
    {
      name: 'possibleDuplicateComparison',
      type: 'ui',
      label: 'Possibly the same person',
      admin: {
        condition: (data) => Boolean(data?.possibleDuplicateOf),
        components: {
          Field: '/components/PossibleDuplicateSideBySide#PossibleDuplicateSideBySide',
        },
      },
    },
    {
      name: 'moderationNote',
      type: 'textarea',
      label: 'Note for the team',
      maxLength: 1000,
      access: MODERATION,
      admin: { position: 'sidebar' },
    },
    {
      name: 'source',
      type: 'select',
      label: 'Came from',
      defaultValue: 'admin',
      options: [...SIGNATORY_SOURCES],
      access: { read: isModeratorOrAboveField, update: () => false },
      admin: { position: 'sidebar' },
    },
    {
      name: 'consent',
      type: 'group',
      label: 'Consent given',
      access: { read: isModeratorOrAboveField, update: () => false },
      admin: { description: 'The notice the signer agreed to, and when.' },
      fields: [
        { name: 'notice', type: 'textarea', label: 'Notice shown', admin: { readOnly: true } },
        { name: 'version', type: 'text', label: 'Notice version', admin: { readOnly: true } },
        { name: 'givenAt', type: 'date', label: 'Agreed at', admin: { readOnly: true } },
      ],
    },
    {
      name: 'verifiedAt',
      type: 'date',
      label: 'Email confirmed at',
      access: SERVER_SET,
      admin: { position: 'sidebar', readOnly: true },
    },
    { name: 'emailHash', type: 'text', index: true, access: SERVER_SET, admin: { hidden: true } },
    // Hashes of the links in the confirmation email, and when the confirmation link lapses.
    {
      name: 'confirmTokenHash',
      type: 'text',
      index: true,
      access: SERVER_SET,
      admin: { hidden: true },
    },
    {
      name: 'confirmExpiresAt',
      type: 'date',
      index: true,
      access: SERVER_SET,
      admin: { hidden: true },
    },
    {
      name: 'withdrawTokenHash',
      type: 'text',
      index: true,
      access: SERVER_SET,
      admin: { hidden: true },
    },
    { name: 'nameKey', type: 'text', index: true, access: SERVER_SET, admin: { hidden: true } },
    // Surname and first initial of nameKey: where near-duplicates are looked for.
    { name: 'nameBlockKey', type: 'text', access: SERVER_SET, admin: { hidden: true } },
    { name: 'ipHash', type: 'text', access: SERVER_SET, admin: { hidden: true } },
  ],
}
