// A front end's reads through REST with Payload's own SDK, typed by src/payload-types.ts.
// Run: API_URL=http://localhost:3000 LETTER=<slug> npx tsx examples/rest/index.ts
import { PayloadSDK } from '@payloadcms/sdk'

import type { Config } from '../../src/payload-types'

const apiUrl = process.env.API_URL ?? 'http://localhost:3000'
const letterSlug = process.env.LETTER ?? 'open-letter'

const sdk = new PayloadSDK<Config>({ baseURL: `${apiUrl}/api` })

const statements = await sdk.find({
  collection: 'statements',
  // "Carries none of these topics": see Content warnings in the README.
  where: { 'contentWarnings.categories': { not_in: ['police', 'restraint'] } },
  sort: '-publishedDate',
  limit: 20,
  depth: 0,
})
const trusts = await sdk.find({ collection: 'trusts', sort: 'name', limit: 100, depth: 0 })
const letters = await sdk.find({
  collection: 'statements',
  where: { slug: { equals: letterSlug }, kind: { equals: 'open_letter' } },
  limit: 1,
  depth: 0,
})
// The public count is a custom endpoint: the SDK's request() reaches it, typed here by hand.
const tallyResponse = await sdk.request({
  method: 'GET',
  path: `/signatories/tally?letter=${encodeURIComponent(letterSlug)}`,
})
const tally = (await tallyResponse.json()) as { approved: number }
const signatories = await sdk.find({
  collection: 'signatories',
  where: { 'letter.slug': { equals: letterSlug } },
  sort: 'createdAt',
  limit: 100,
  depth: 0,
})
const artwork = await sdk.find({ collection: 'artwork', sort: '-createdAt', limit: 50, depth: 0 })

const summary = {
  statements: statements.docs.map((doc) => ({
    slug: doc.slug,
    warnings: doc.contentWarnings?.categories ?? [],
  })),
  trusts: trusts.docs.map((trust) => ({ slug: trust.slug, simStatus: trust.simStatus })),
  letter: {
    title: letters.docs[0]?.title,
    count: tally.approved,
    shown: signatories.docs.map((signatory) => signatory.publicName),
  },
  artwork: artwork.docs.map((piece) => ({
    title: piece.title,
    card: piece.sizes?.cardWebp?.url ?? piece.sizes?.card?.url,
  })),
}
console.log(JSON.stringify(summary))
