import type { CollectionConfig } from 'payload'

import { editorialAccess } from '../../access/editorialAccess'
import { bodyField } from '../../fields/body'
import { contentWarnings, excludeWarnedTopics } from '../../fields/contentWarnings'
import { createdByField } from '../../fields/createdBy'
import { slugField } from '../../fields/slug'
import { editorialVersions } from '../editorialVersions'

export const Pages: CollectionConfig = {
  slug: 'pages',
  labels: { singular: 'Page', plural: 'Pages' },
  admin: {
    components: {
      edit: {
        PublishButton: '/components/PublishWithWarningsReminder#PublishWithWarningsReminder',
      },
    },
    group: 'Content',
    useAsTitle: 'title',
    defaultColumns: ['title', 'slug', '_status', 'contentWarnings.categories', 'updatedAt'],
    description: 'Standing pages such as About, the safer-spaces policy and Contact.',
  },
  defaultSort: 'title',
  access: editorialAccess,
  hooks: { beforeOperation: [excludeWarnedTopics] },
  versions: editorialVersions(),
  fields: [
    { name: 'title', type: 'text', label: 'Title', required: true, maxLength: 200 },
    bodyField(),
    contentWarnings(),
    slugField('title'),
    createdByField(),
  ],
}
