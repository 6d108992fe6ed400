// A front end's reads through GraphQL, with types generated from schema.graphql.
// Run: API_URL=http://localhost:3000 LETTER=<slug> npx tsx examples/graphql/index.ts
import { request } from './client'
import {
  ApprovedArtwork,
  LetterSignatories,
  OpenLetter,
  StatementsWithoutTopics,
  TrustsRegister,
} from './queries'

const apiUrl = process.env.API_URL ?? 'http://localhost:3000'
const letterSlug = process.env.LETTER ?? 'open-letter'

const statements = await request(apiUrl, StatementsWithoutTopics, {
  without: ['police', 'restraint'],
  limit: 20,
})
const trusts = await request(apiUrl, TrustsRegister)
const letter = await request(apiUrl, OpenLetter, { slug: letterSlug })
const letterId = letter.Statements?.docs[0]?.id
const signatories = letterId
  ? await request(apiUrl, LetterSignatories, { letter: letterId })
  : { Signatories: { docs: [] } }
const artwork = await request(apiUrl, ApprovedArtwork)

// Typed all the way: `simStatus` is the union of the register's statuses, and so on.
const summary = {
  statements: statements.Statements?.docs.map((doc) => ({
    slug: doc.slug,
    warnings: doc.contentWarnings?.categories ?? [],
  })),
  trusts: trusts.Trusts?.docs.map((trust) => ({ slug: trust.slug, simStatus: trust.simStatus })),
  letter: {
    title: letter.Statements?.docs[0]?.title,
    count: letter.SignatoryTally.approved,
    shown: signatories.Signatories?.docs.map((signatory) => signatory.publicName),
  },
  artwork: artwork.Artworks?.docs.map((piece) => ({
    title: piece.title,
    card: piece.sizes?.cardWebp?.url ?? piece.sizes?.card?.url,
  })),
}
console.log(JSON.stringify(summary))
