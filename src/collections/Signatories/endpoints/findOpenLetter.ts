import type { Payload } from 'payload'

import type { Statement } from '../../../payload-types'
import { MAX_NUMERIC_ID } from '../../../requestChecks/whereProblem'

export type Letter = Pick<Statement, 'id' | 'title' | 'slug' | 'kind' | 'signing' | '_status'>
type Found = { letter: Letter } | { status: number; message: string }

/** What the letter is wanted for, in the words that ask for it. */
export type LetterPurpose = 'sign' | 'count' | 'export'

const WHICH_LETTER: Record<LetterPurpose, string> = {
  sign: 'Say which letter you are signing',
  count: 'Say which letter to count the signatures of',
  export: 'Say which letter to export the signatures of',
}

/** A published open letter, by id or slug. */
export async function findLetter(
  payload: Payload,
  idOrSlug: unknown,
  purpose: LetterPurpose = 'sign',
): Promise<Found> {
  if (
    (typeof idOrSlug !== 'string' && typeof idOrSlug !== 'number') ||
    String(idOrSlug).trim() === ''
  ) {
    return {
      status: 400,
      message: `${WHICH_LETTER[purpose]}: give its id or its web address (slug) as "letter".`,
    }
  }
  const key = String(idOrSlug).trim()
  const notFound = { status: 404, message: `There is no published letter "${key.slice(0, 100)}".` }
  const byId =
    payload.db.defaultIDType === 'number' ? /^\d+$/.test(key) : /^[a-f0-9]{24}$/i.test(key)
  // An id past any the database holds would be refused by the query checks, in their words.
  if (byId && payload.db.defaultIDType === 'number' && !(Number(key) <= MAX_NUMERIC_ID)) {
    return notFound
  }
  const { docs } = await payload.find({
    collection: 'statements',
    depth: 0,
    limit: 1,
    overrideAccess: true,
    // One letter, no count of them.
    pagination: false,
    // What signing, counting and exporting need; not the body, which is costly to read.
    select: { title: true, slug: true, kind: true, signing: true, _status: true },
    where: {
      and: [
        byId ? { id: { equals: key } } : { slug: { equals: key } },
        { _status: { equals: 'published' } },
      ],
    },
  })
  const letter = docs[0]
  if (!letter) return notFound
  if (letter.kind !== 'open_letter') {
    return { status: 400, message: `"${letter.title}" is not an open letter and cannot be signed.` }
  }
  return { letter }
}

export const ARCHIVED_LETTER_MESSAGE =
  'This letter is closed: the site has been archived and no longer accepts signatures.'

/** Why a letter cannot be signed now, or null when it can. */
export function closedReason(letter: Letter, now = new Date()): string | null {
  const closesAt = letter.signing?.closesAt ? new Date(letter.signing.closesAt) : null
  if (closesAt && closesAt <= now) {
    const day = closesAt.toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    })
    return `This letter closed on ${day} and no longer accepts signatures.`
  }
  if (letter.signing?.open === false) return 'This letter is not accepting signatures.'
  return null
}
