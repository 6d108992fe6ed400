import type { Payload } from 'payload'

import type { DisplayChoice } from '../collections/Signatories/options'
import type { Signatory } from '../payload-types'

/*
 * Demo signatures for the demo's open letter, so the letter page shows a count, a list with
 * pages and every display choice, and the moderation queue has work in every state. Every
 * name is made up by pairing common first names and surnames; the addresses use example.org,
 * which is reserved and never delivers.
 */

export const DEMO_LETTER_SLUG = 'open-letter-end-police-involvement-in-crisis-care'
export const DEMO_EMAIL_DOMAIN = 'signers.example.org'

const FIRST = [
  'Alex',
  'Bryony',
  'Callum',
  'Deepa',
  'Eilidh',
  'Femi',
  'Gareth',
  'Hana',
  'Idris',
  'Jo',
  'Kasia',
  'Lewis',
  'Mina',
  'Niall',
  'Orla',
  'Priya',
  'Rhys',
  'Sadia',
  'Tomasz',
  'Una',
]
const LAST = [
  'Ashdown',
  'Brierley',
  'Carrow',
  'Dunmore',
  'Ellery',
  'Fenwick',
  'Garside',
  'Holloway',
]
const ROLES = [
  'Mental-health nurse',
  'Peer support worker',
  'Psychologist',
  'Social worker',
  'Carer',
  'GP',
  'Student nurse',
  'Advocate',
]
const ORGANISATIONS = [
  'Riverside Peer Network',
  'Northfield Carers Group',
  'Harbour Street Advocacy',
  null,
]

type DemoSigner = {
  name: string
  display: DisplayChoice
  status: Signatory['status']
  role?: string
  organisation?: string | null
  onBehalf?: boolean
  note?: string
}

function demoSigners(): DemoSigner[] {
  const displays: DisplayChoice[] = ['full', 'full', 'name_only', 'anonymous', 'counted_only']
  // Enough approved, listed signatures for more than one page of the public list.
  const approved: DemoSigner[] = []
  for (let index = 0; index < 64; index += 1) {
    approved.push({
      name: `${FIRST[index % FIRST.length]} ${LAST[Math.floor(index / FIRST.length) % LAST.length]}`,
      display: displays[index % displays.length],
      status: 'approved',
      role: ROLES[index % ROLES.length],
      organisation: ORGANISATIONS[index % ORGANISATIONS.length],
    })
  }
  return [
    ...approved,
    {
      name: 'Willow Tarrant',
      display: 'full',
      status: 'approved',
      role: 'Chair',
      organisation: 'Riverside Peer Network',
      onBehalf: true,
    },
    { name: 'Morgan Pryce', display: 'full', status: 'pending', role: 'Occupational therapist' },
    { name: 'Sian Llewellyn', display: 'name_only', status: 'verified' },
    {
      name: 'Quentin Marsh',
      display: 'anonymous',
      status: 'rejected',
      note: 'Abusive wording in the role field.',
    },
    { name: 'Harriet Voss', display: 'full', status: 'withdrawn' },
    // A possible duplicate pair: the same name from two addresses, the second flagged for review.
    { name: 'Ruth Okafor', display: 'full', status: 'approved', role: 'Psychiatrist' },
    { name: 'Ruth Okafor', display: 'full', status: 'verified', role: 'Psychiatrist' },
    {
      name: 'Ben Castell',
      display: 'full',
      status: 'duplicate',
      note: 'Signed twice; kept the first.',
    },
  ]
}

export type SignatureSeedResult = { created: number }

/** Adds the demo signatures that are missing (keyed on their demo address). */
export async function seedDemoSignatures(payload: Payload): Promise<SignatureSeedResult> {
  const { docs } = await payload.find({
    collection: 'statements',
    where: { slug: { equals: DEMO_LETTER_SLUG } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  const letter = docs[0]
  if (!letter) return { created: 0 }
  let created = 0
  for (const [index, signer] of demoSigners().entries()) {
    const email = `signer-${index + 1}@${DEMO_EMAIL_DOMAIN}`
    const { totalDocs } = await payload.count({
      collection: 'signatories',
      where: { email: { equals: email } },
      overrideAccess: true,
    })
    if (totalDocs) continue
    await payload.create({
      collection: 'signatories',
      overrideAccess: true,
      depth: 0,
      data: {
        letter: letter.id,
        name: signer.name,
        role: signer.role ?? null,
        organisation: signer.organisation ?? null,
        onBehalfOfOrganisation: signer.onBehalf ?? false,
        display: signer.display,
        status: signer.status,
        email,
        source: 'import',
        moderationNote: signer.note ?? null,
      },
    })
    created += 1
  }
  return { created }
}
