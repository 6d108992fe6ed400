import type { Endpoint, PayloadRequest } from 'payload'

import { siteIsArchived } from '../../../access/siteIsArchived'
import type { Signatory } from '../../../payload-types'
import { signatureByToken } from '../tokens'
import { page } from './page'

/**
 * The signature a confirmation token belongs to, or the page to answer instead: the same
 * checks whether the link is only opened or its button pressed.
 */
async function confirmable(
  req: PayloadRequest,
  token: string,
): Promise<{ signatory: Signatory } | { refusal: Response }> {
  const signatory = await signatureByToken(req, 'confirmTokenHash', token)
  if (!signatory) {
    return {
      refusal: page(404, 'This link does not work', [
        'It may have been used already, or copied only in part. If you signed recently, please sign again.',
      ]),
    }
  }
  // Withdrawing stays possible in an archive (consent can always be taken back); confirming
  // would add a signature to a letter that is closed.
  if (await siteIsArchived(req)) {
    return {
      refusal: page(410, 'This letter is closed', [
        'The site has been archived, so signatures can no longer be confirmed. Thank you for your support.',
      ]),
    }
  }
  if (signatory.confirmExpiresAt && new Date(signatory.confirmExpiresAt) < new Date()) {
    return {
      refusal: page(410, 'This link has expired', [
        'Please sign the letter again to get a new link.',
      ]),
    }
  }
  return { signatory }
}

/**
 * GET /api/signatories/confirm?token=… — the link in the confirmation email. Opening it only
 * asks; the button posts. Mail scanners open every link in a message, so a link that confirmed
 * on opening would confirm signatures made in someone else's name.
 */
export const confirmPageEndpoint: Endpoint = {
  path: '/confirm',
  method: 'get',
  handler: async (req: PayloadRequest) => {
    const token = req.searchParams.get('token') ?? ''
    const found = await confirmable(req, token)
    if ('refusal' in found) return found.refusal
    return page(
      200,
      'Confirm your signature?',
      ['Press the button to confirm that you signed the letter with this email address.'],
      { action: '/api/signatories/confirm', token, button: 'Confirm my signature' },
    )
  },
}

export const confirmEndpoint: Endpoint = {
  path: '/confirm',
  method: 'post',
  handler: async (req: PayloadRequest) => {
    const form = new URLSearchParams((await req.text?.()) ?? '')
    const found = await confirmable(req, form.get('token') ?? '')
    if ('refusal' in found) return found.refusal
    const { signatory } = found
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
