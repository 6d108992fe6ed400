// Fills the stock app's SQLite database (DATABASE_URL) before `next start` serves it: creates
// the schema (Payload's development push, as a fresh blank-template app does), one signed-in
// account, and the pages in STOCK_PAGES_FILE exactly as this project's server returned them.
// Run by bench/stock.mjs with tsx.
import fs from 'node:fs'

import { getPayload } from 'payload'

import config from './payload.config'

type Page = {
  title: string
  slug?: string | null
  body?: unknown
  contentWarnings?: Record<string, unknown> | null
  _status?: 'draft' | 'published' | null
}

const pages = JSON.parse(fs.readFileSync(process.env.STOCK_PAGES_FILE ?? '', 'utf8')) as Page[]
const payload = await getPayload({ config })
const user = await payload.create({
  collection: 'users',
  data: {
    email: process.env.STOCK_EMAIL ?? '',
    password: process.env.STOCK_PASSWORD ?? '',
    name: 'Benchmark editor',
    roles: ['editor'],
  },
})
for (const page of pages) {
  const draft = page._status === 'draft'
  await payload.create({
    collection: 'pages',
    draft,
    data: {
      title: page.title,
      slug: page.slug,
      body: page.body,
      contentWarnings: page.contentWarnings,
      createdBy: user.id,
      _status: draft ? 'draft' : 'published',
    },
  })
}
console.log(`stock app seeded with ${pages.length} pages`)
await payload.destroy()
process.exit(0)
