import type { RichTextField } from 'payload'

import { BlocksFeature, lexicalEditor } from '@payloadcms/richtext-lexical'

import { ContentWarningSection } from '../blocks/ContentWarningSection'

export function bodyField(): RichTextField {
  return {
    name: 'body',
    type: 'richText',
    label: 'Text',
    editor: lexicalEditor({
      features: ({ defaultFeatures }) => [
        ...defaultFeatures,
        BlocksFeature({ blocks: [ContentWarningSection] }),
      ],
    }),
  }
}
