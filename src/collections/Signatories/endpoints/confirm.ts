import type { Endpoint, PayloadRequest } from 'payload'

import { siteIsArchived } from '../../../access/siteIsArchived'
import { tokenHash } from '../tokens'
import { page } from './page'

/** GET /api/signatories/confirm?token=… — the link in the confirmation email. */
export const confirmEndpoint: Endpoint = {
  path: '/confirm',
  method: 'get',
  handler: async (req: PayloadRequest) => {
    const token = req.searchParams.get('token') ?? ''
    const { docs } = token
      ? await req.payload.find({
          collection: 'signatories',
          depth: 0,
          limit: 1,
          overrideAccess: true,
          where: { confirmTokenHash: { equals: tokenHash(token) } },
        })
      : { docs: [] }
    const signatory = docs[0]
    if (!signatory) {
      return page(404, 'This link does not work', [
        'It may have been used already, or copied only in part. If you signed recently, please sign again.',
      ])
    }
    // Withdrawing stays possible in an archive (consent can always be taken back); confirming
    // would add a signature to a letter that is closed.
    if (await siteIsArchived(req)) {
      return page(410, 'This letter is closed', [
        'The site has been archived, so signatures can no longer be confirmed. Thank you for your support.',
      ])
    }
    if (signatory.confirmExpiresAt && new Date(signatory.confirmExpiresAt) < new Date()) {
      return page(410, 'This link has expired', ['Please sign the letter again to get a new link.'])
    }
    await req.payload.update({
      collection: 'signatories',
      id: signatory.id,
      overrideAccess: true,
      data: {
        status: signatory.status === 'pending' ? 'verified' : signatory.status,
        verifiedAt: new Date().toISOString(),
        confirmTokenHash: null,
      },
    })
    return page(200, 'Thank you: your signature is confirmed', [
      'Our team checks every signature before it appears on the letter. You do not need to do anything else.',
    ])
  },
}
