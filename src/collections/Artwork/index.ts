import type { CollectionConfig } from 'payload'

import { artworkAccess } from '../../access/artworkAccess'
import { isModeratorOrAboveField } from '../../access/isModeratorOrAboveField'
import { isModeratorOrArtworkOwnerField } from '../../access/isModeratorOrArtworkOwnerField'
import { isSignedInField } from '../../access/isSignedInField'
import { contentWarnings, excludeWarnedTopics } from '../../fields/contentWarnings'
import { IMAGE_MIME_TYPES } from '../../uploads/fileTypes'
import { secureUpload } from '../../uploads/secureUpload'
import { uploadSettings } from '../../uploads/uploadSettings'
import {
  keepArtistWorkPending,
  onlyModeratorsMarkReviewed,
  onlyTheArtistChangesTheirWork,
  refuseSelfApproval,
  refuseWorkInAnotherName,
} from './hooks'
import { LICENCES, MODERATION_STATUSES } from './options'

const isApproved = (data: unknown): boolean =>
  typeof data === 'object' &&
  data !== null &&
  'moderationStatus' in data &&
  data.moderationStatus === 'approved'

const privateToArtistAndModerators = { read: isModeratorOrArtworkOwnerField }

export const Artwork: CollectionConfig = {
  slug: 'artwork',
  labels: { singular: 'Artwork', plural: 'Artwork' },
  admin: {
    group: 'Artwork & media',
    useAsTitle: 'title',
    defaultColumns: [
      'title',
      'filename',
      'artistCredit',
      'moderationStatus',
      'sensitive',
      'createdAt',
    ],
    description:
      'Supporters’ artwork. Artists upload here; a moderator checks each piece before it appears on the site.',
    listSearchableFields: ['title', 'artistCredit'],
  },
  defaultSort: '-createdAt',
  graphQL: { singularName: 'Artwork', pluralName: 'Artworks' },
  access: artworkAccess,
  // A copy would carry the original's consent and review into someone else's account.
  disableDuplicate: true,
  hooks: {
    // The stored name comes from the title: an artist's own file name may carry their name.
    beforeOperation: [
      refuseSelfApproval,
      refuseWorkInAnotherName,
      secureUpload({
        allowed: IMAGE_MIME_TYPES,
        nameFrom: (data) => (typeof data?.title === 'string' ? data.title : undefined),
        fallbackName: 'artwork',
      }),
      excludeWarnedTopics,
    ],
    beforeChange: [
      onlyTheArtistChangesTheirWork,
      onlyModeratorsMarkReviewed,
      keepArtistWorkPending,
    ],
  },
  upload: uploadSettings(IMAGE_MIME_TYPES),
  fields: [
    { name: 'title', type: 'text', label: 'Title', required: true, maxLength: 200 },
    {
      name: 'alt',
      type: 'textarea',
      label: 'Description for people who cannot see the image',
      required: true,
      maxLength: 1000,
      admin: {
        description:
          'Alt text, read aloud by screen readers: what the artwork shows, in a sentence or two.',
      },
    },
    {
      name: 'description',
      type: 'textarea',
      label: 'About this artwork',
      maxLength: 3000,
      admin: { description: 'Optional: the story behind it, shown beside the image.' },
    },
    {
      name: 'artistCredit',
      type: 'text',
      label: 'Credit line',
      maxLength: 200,
      admin: {
        description:
          'How the artist wants to be credited on the site: a name, a pseudonym, or leave empty for “Anonymous”.',
      },
    },
    {
      name: 'licence',
      type: 'select',
      label: 'Licence or permission',
      required: true,
      defaultValue: 'campaign_only',
      options: [...LICENCES],
      admin: { description: 'What others may do with it. Not sure? Keep the first option.' },
    },
    {
      name: 'sensitive',
      type: 'checkbox',
      label: 'Sensitive image',
      defaultValue: false,
      admin: {
        description: 'The site blurs it until a reader chooses to see it.',
      },
    },
    contentWarnings({ goingLive: isApproved }),
    {
      name: 'consentToPublish',
      type: 'checkbox',
      label: 'The artist agrees that #StopSIM may publish this artwork',
      defaultValue: false,
      // The artist ticks it on the upload form, before there is a document to own.
      access: { read: isSignedInField },
      validate: (value: boolean | null | undefined, { data }: { data: unknown }) =>
        !isApproved(data) ||
        value === true ||
        'The artist has not agreed to publication yet, so the artwork cannot be approved.',
      admin: { position: 'sidebar' },
    },
    {
      name: 'consentRecordedAt',
      type: 'date',
      label: 'Agreed on',
      access: { read: isSignedInField, create: () => false, update: () => false },
      admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'moderationStatus',
      type: 'select',
      label: 'Review',
      required: true,
      index: true,
      defaultValue: 'pending',
      options: [...MODERATION_STATUSES],
      // Only approved work is public, so the public gains nothing from the status but a
      // review's traces; anonymous reads are limited to approved work by the collection's
      // read access, a filter Payload applies whatever the field's own read access says.
      access: {
        read: isSignedInField,
        create: isModeratorOrAboveField,
        update: isModeratorOrAboveField,
      },
      admin: {
        position: 'sidebar',
        description: 'Only approved artwork is shown on the site, image files included.',
      },
    },
    {
      name: 'moderationNote',
      type: 'textarea',
      label: 'Message to the artist',
      maxLength: 1000,
      access: {
        ...privateToArtistAndModerators,
        create: isModeratorOrAboveField,
        update: isModeratorOrAboveField,
      },
      admin: {
        position: 'sidebar',
        description: 'Optional: why it was not approved, or what to change. The artist sees it.',
      },
    },
    {
      name: 'moderatedAt',
      type: 'date',
      label: 'Reviewed on',
      access: { read: isSignedInField, create: () => false, update: () => false },
      admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'artist',
      type: 'relationship',
      label: 'Artist’s account',
      relationTo: 'users',
      index: true,
      maxDepth: 0,
      access: { ...privateToArtistAndModerators, update: isModeratorOrAboveField },
      admin: {
        position: 'sidebar',
        // Set by whoever uploads, never moved to another account (see hooks.ts).
        readOnly: true,
        description: 'Set automatically when an artist uploads. Never shown on the site.',
      },
    },
  ],
}
