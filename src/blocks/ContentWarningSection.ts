import type { Block } from 'payload'

import { warningCategoriesField, warningNoteField } from '../fields/contentWarnings'

/**
 * A passage of body text with its own warning, so a front end can fold away just that part.
 * In the API it is a `block` node with `fields.blockType: 'contentWarningSection'`.
 */
export const ContentWarningSection: Block = {
  slug: 'contentWarningSection',
  interfaceName: 'ContentWarningSectionBlock',
  labels: { singular: 'Section with a content warning', plural: 'Sections with content warnings' },
  fields: [
    warningCategoriesField({ required: true }),
    warningNoteField(),
    {
      name: 'content',
      type: 'richText',
      label: 'Text behind the warning',
      required: true,
    },
  ],
}
