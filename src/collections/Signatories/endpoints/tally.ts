import type { Endpoint, PayloadRequest } from 'payload'

import { errorResponse } from '../../../utilities/errorResponse'
import { findLetter } from './findOpenLetter'

/**
 * GET /api/signatories/tally?letter=<id or slug> — how many have signed, without listing
 * anyone: approved signatures (including those who asked to be counted only).
 */
export const tallyEndpoint: Endpoint = {
  path: '/tally',
  method: 'get',
  handler: async (req: PayloadRequest) => {
    const found = await findLetter(req.payload, req.searchParams.get('letter'))
    if ('status' in found) {
      return errorResponse(found.status, found.message)
    }
    const count = (status: string) =>
      req.payload
        .count({
          collection: 'signatories',
          overrideAccess: true,
          where: { and: [{ letter: { equals: found.letter.id } }, { status: { equals: status } }] },
        })
        .then(({ totalDocs }) => totalDocs)
    const [approved, awaitingReview] = await Promise.all([count('approved'), count('verified')])
    return Response.json({
      letter: found.letter.id,
      slug: found.letter.slug,
      approved,
      awaitingReview,
    })
  },
}
