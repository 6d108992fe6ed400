// A stock Payload app for `npm run bench`'s baseline: what create-payload-app's blank template
// gives, with a `pages` collection of the same shape as this project's (src/collections/Pages)
// and none of this project's hooks, access rules, plugins or Express layer. It is built and
// served with `next start` by bench/stock.mjs, from the repository's node_modules, so it runs
// the very same Payload, Next.js and SQLite driver.
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { BlocksFeature, lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig, type SelectField } from 'payload'

const here = path.dirname(fileURLToPath(import.meta.url))

const categories: SelectField = {
  name: 'categories',
  type: 'select',
  hasMany: true,
  options: [
    'police',
    'restraint',
    'detention',
    'self_harm',
    'suicide',
    'coercion',
    'withholding_care',
    'discrimination',
    'death',
    'abuse',
  ],
}

export default buildConfig({
  admin: { user: 'users', avatar: 'default', importMap: { baseDir: here } },
  secret: process.env.PAYLOAD_SECRET ?? '',
  db: sqliteAdapter({ client: { url: process.env.DATABASE_URL ?? 'file:./stock.db' } }),
  editor: lexicalEditor(),
  telemetry: false,
  // The seed runs in development mode, which would otherwise write payload-types.ts here.
  typescript: { autoGenerate: false },
  collections: [
    {
      slug: 'users',
      auth: true,
      admin: { useAsTitle: 'email' },
      fields: [
        { name: 'name', type: 'text' },
        { name: 'roles', type: 'select', hasMany: true, options: ['admin', 'editor'] },
      ],
    },
    {
      slug: 'pages',
      defaultSort: 'title',
      admin: { useAsTitle: 'title' },
      // Published pages for everyone, drafts for the signed in: Payload's documented pattern.
      access: {
        read: ({ req }) => Boolean(req.user) || { _status: { equals: 'published' } },
      },
      versions: { maxPerDoc: 50, drafts: { autosave: { interval: 3000 } } },
      fields: [
        { name: 'title', type: 'text', required: true, maxLength: 200 },
        {
          name: 'body',
          type: 'richText',
          editor: lexicalEditor({
            features: ({ defaultFeatures }) => [
              ...defaultFeatures,
              BlocksFeature({
                blocks: [
                  {
                    slug: 'contentWarningSection',
                    fields: [
                      { ...categories, required: true },
                      { name: 'note', type: 'textarea', maxLength: 280 },
                      { name: 'content', type: 'richText', required: true },
                    ],
                  },
                ],
              }),
            ],
          }),
        },
        {
          name: 'contentWarnings',
          type: 'group',
          fields: [
            categories,
            { name: 'level', type: 'select', options: ['mention', 'discussion', 'detailed'] },
            { name: 'note', type: 'textarea', maxLength: 280 },
            { name: 'flags', type: 'text' },
            { name: 'reviewed', type: 'checkbox', defaultValue: false },
          ],
        },
        { name: 'slug', type: 'text', unique: true, index: true, maxLength: 96 },
        { name: 'createdBy', type: 'relationship', relationTo: 'users', index: true, maxDepth: 0 },
      ],
    },
  ],
})
