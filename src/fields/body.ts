import type { RichTextField } from 'payload'

import { BlocksFeature, lexicalEditor } from '@payloadcms/richtext-lexical'

import { ContentWarningSection } from '../blocks/ContentWarningSection'
import { refuseUnsafeLinks, withSafeLinks } from './safeLinks'

export function bodyField(): RichTextField {
  return {
    name: 'body',
    type: 'richText',
    label: 'Text',
    hooks: { beforeChange: [refuseUnsafeLinks] },
    editor: lexicalEditor({
      features: ({ defaultFeatures }) => [
        ...withSafeLinks(defaultFeatures),
        BlocksFeature({ blocks: [ContentWarningSection] }),
      ],
    }),
  }
}
