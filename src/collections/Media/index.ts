import type { CollectionConfig } from 'payload'

import { mediaAccess } from '../../access/mediaAccess'
import { createdByField } from '../../fields/createdBy'
import { isImageMimeType, MEDIA_MIME_TYPES } from '../../uploads/fileTypes'
import { refuseDeletingMediaInUse } from '../../uploads/mediaInUse'
import { secureUpload } from '../../uploads/secureUpload'
import { uploadSettings } from '../../uploads/uploadSettings'

export const Media: CollectionConfig = {
  slug: 'media',
  labels: { singular: 'Image or document', plural: 'Images and documents' },
  admin: {
    group: 'Artwork & media',
    useAsTitle: 'filename',
    defaultColumns: ['filename', 'alt', 'mimeType', 'createdAt'],
    description:
      'Pictures and PDFs used in statements, updates and the evidence register. The public can see one as soon as something published uses it.',
    listSearchableFields: ['filename', 'alt', 'caption'],
  },
  defaultSort: '-createdAt',
  graphQL: { singularName: 'MediaItem', pluralName: 'MediaItems' },
  access: mediaAccess,
  hooks: {
    beforeOperation: [secureUpload({ allowed: MEDIA_MIME_TYPES, fallbackName: 'file' })],
    beforeDelete: [refuseDeletingMediaInUse],
  },
  upload: uploadSettings(MEDIA_MIME_TYPES),
  fields: [
    {
      name: 'alt',
      type: 'textarea',
      label: 'Description for people who cannot see the image',
      maxLength: 1000,
      validate: (
        value: string | null | undefined,
        { data, req }: { data: Partial<{ mimeType: string | null }>; req: { file?: { mimetype: string } } },
      ) =>
        !isImageMimeType(data?.mimeType ?? req.file?.mimetype) ||
        Boolean(value?.trim()) ||
        'Describe the image for people who cannot see it (alt text).',
      admin: {
        description: 'Alt text, read aloud by screen readers. Needed for images, not for PDFs.',
      },
    },
    {
      name: 'caption',
      type: 'textarea',
      label: 'Caption',
      maxLength: 500,
      admin: { description: 'Optional: shown under the image or beside the document link.' },
    },
    {
      name: 'credit',
      type: 'text',
      label: 'Credit',
      maxLength: 200,
      admin: { description: 'Optional: who made it, e.g. “Photo: Sam Lee”.' },
    },
    createdByField(),
  ],
}
