import type { Endpoint, Payload, PayloadRequest } from 'payload'

import { errorResponse } from '../../../utilities/errorResponse'
import type { Refusal } from '../../../utilities/refusal'
import { findLetter } from './findOpenLetter'

export type Tally = {
  letter: number | string
  slug: string | null | undefined
  approved: number
  awaitingReview: number
}

/**
 * How many have signed a published letter, without listing anyone: approved signatures
 * (including those who asked to be counted only), and how many wait for review.
 */
export async function letterTally(payload: Payload, letterKey: unknown): Promise<Tally | Refusal> {
  const found = await findLetter(payload, letterKey, 'count')
  if ('status' in found) return { refused: found }
  const count = (status: string) =>
    payload
      .count({
        collection: 'signatories',
        overrideAccess: true,
        where: { and: [{ letter: { equals: found.letter.id } }, { status: { equals: status } }] },
      })
      .then(({ totalDocs }) => totalDocs)
  const [approved, awaitingReview] = await Promise.all([count('approved'), count('verified')])
  return { letter: found.letter.id, slug: found.letter.slug, approved, awaitingReview }
}

/** GET /api/signatories/tally?letter=<id or slug> (GraphQL: SignatoryTally). */
export const tallyEndpoint: Endpoint = {
  path: '/tally',
  method: 'get',
  handler: async (req: PayloadRequest) => {
    const tally = await letterTally(req.payload, req.searchParams.get('letter'))
    if ('refused' in tally) return errorResponse(tally.refused.status, tally.refused.message)
    return Response.json(tally)
  },
}
