import type { Endpoint, PayloadRequest } from 'payload'

import { signatureByToken } from '../tokens'
import { page } from './page'

const notFound = () =>
  page(404, 'This link does not work', [
    'It may have been copied only in part, or your signature has already been withdrawn.',
  ])

const findByWithdrawToken = (req: PayloadRequest, token: string) =>
  signatureByToken(req, 'withdrawTokenHash', token)

/**
 * /api/signatories/withdraw?token=… — the link in every confirmation email. Opening it only
 * asks; the button posts, so a mail scanner following links cannot withdraw anyone.
 */
export const withdrawPageEndpoint: Endpoint = {
  path: '/withdraw',
  method: 'get',
  handler: async (req: PayloadRequest) => {
    const token = req.searchParams.get('token') ?? ''
    if (!(await findByWithdrawToken(req, token))) return notFound()
    return page(
      200,
      'Withdraw your signature?',
      ['Your name will be taken off the letter and your email address deleted.'],
      { action: '/api/signatories/withdraw', token, button: 'Withdraw my signature' },
    )
  },
}

export const withdrawEndpoint: Endpoint = {
  path: '/withdraw',
  method: 'post',
  handler: async (req: PayloadRequest) => {
    const form = new URLSearchParams((await req.text?.()) ?? '')
    const signatory = await findByWithdrawToken(req, form.get('token') ?? '')
    if (!signatory) return notFound()
    await req.payload.update({
      collection: 'signatories',
      id: signatory.id,
      overrideAccess: true,
      data: { status: 'withdrawn', email: null, withdrawTokenHash: null, confirmTokenHash: null },
    })
    return page(200, 'Your signature has been withdrawn', [
      'Your name no longer appears on the letter and we have deleted your email address.',
    ])
  },
}
