import type { Endpoint, PayloadRequest } from 'payload'

import { siteIsArchived } from '../../../access/siteIsArchived'
import { CLIENT_IP_HEADER } from '../../../utilities/clientAddress'
import { type FieldError, errorResponse as refuse } from '../../../utilities/errorResponse'
import { CONSENT_NOTICE, CONSENT_NOTICE_VERSION } from '../options'
import { keyedHash } from '../normalise'
import { signingSettings } from '../settings'
import { newToken, tokenHash } from '../tokens'
import { checkSignature } from '../rules'
import { signingQueue } from '../write/signingQueue'
import { ARCHIVED_LETTER_MESSAGE } from './findOpenLetter'

// The same answer whether or not this email address had already signed, so nobody can use
// the form to find out who has signed.
const RECEIVED = {
  message:
    'Thank you. Your signature has been received and will appear once our team has checked it.',
}

/**
 * POST /api/signatories/sign — the public's only way to write. Checks the signature with the
 * shared rules, then hands it to the signing queue, which writes signatures arriving together
 * in one transaction (group commit) and answers each once its batch is on disk. A unique index
 * keeps one signature per email address per letter.
 */
export const signEndpoint: Endpoint = {
  path: '/sign',
  method: 'post',
  handler: async (req: PayloadRequest) => {
    // Every letter of an archived site is closed, whatever was sent.
    if (await siteIsArchived(req)) return refuse(410, ARCHIVED_LETTER_MESSAGE)
    let body: unknown
    try {
      body = await req.json?.()
    } catch {
      return refuse(400, 'Send the signature as JSON.')
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      return refuse(400, 'Send the signature as a JSON object.')
    }
    const input = body as Record<string, unknown>

    const checked = checkSignature(input, { requireEmail: true })
    const errors: FieldError[] = 'errors' in checked ? [...checked.errors] : []
    if (input.consent !== true) {
      errors.push({
        field: 'consent',
        message: 'Tick the consent box to sign: we cannot store your signature without it.',
      })
    }
    if (errors.length || !('signature' in checked)) {
      return refuse(400, 'Some details need correcting.', errors)
    }
    const { signature } = checked

    const { payload } = req
    const ip = req.headers.get(CLIENT_IP_HEADER)
    const settings = signingSettings(payload)
    const links = settings.emailConfirmation ? { confirm: newToken(), withdraw: newToken() } : null
    const outcome = await signingQueue(payload).submit({
      letterKey: input.letter,
      signature,
      // Bots fill every field; people never see this one. Answer as if all went well.
      discard: typeof input.website === 'string' && input.website.trim() !== '',
      consent: {
        notice: CONSENT_NOTICE,
        version: CONSENT_NOTICE_VERSION,
        givenAt: new Date().toISOString(),
      },
      ipHash: ip ? keyedHash(payload.secret, 'ip', ip) : null,
      ...(links && {
        links: {
          confirmTokenHash: tokenHash(links.confirm),
          confirmExpiresAt: new Date(
            Date.now() + settings.confirmationHours * 3_600_000,
          ).toISOString(),
          withdrawTokenHash: tokenHash(links.withdraw),
        },
      }),
    })
    if ('refused' in outcome) return refuse(outcome.refused.status, outcome.refused.message)
    // The same answer whether or not this address had signed before.
    if (links && outcome.stored && signature.email) {
      // Stored first, mailed second: a mail failure must never cost a signature.
      try {
        await sendConfirmation(req, {
          to: signature.email,
          name: signature.name,
          letterTitle: outcome.letter.title,
          links,
        })
      } catch (error) {
        payload.logger.error({ err: error }, 'could not send the confirmation email')
      }
    }
    return Response.json(RECEIVED, { status: 202 })
  },
}

async function sendConfirmation(
  req: PayloadRequest,
  {
    to,
    name,
    letterTitle,
    links,
  }: {
    to: string
    name: string
    letterTitle: string
    links: { confirm: string; withdraw: string }
  },
) {
  const base = `${req.payload.config.serverURL}/api/signatories`
  const { confirmationHours } = signingSettings(req.payload)
  const confirmUrl = `${base}/confirm?token=${links.confirm}`
  const withdrawUrl = `${base}/withdraw?token=${links.withdraw}`
  const text = [
    `Dear ${name},`,
    '',
    `Thank you for signing “${letterTitle}”. Please confirm your signature by opening this link within ${confirmationHours} hours:`,
    confirmUrl,
    '',
    'If you did not sign, ignore this email and nothing will be published.',
    '',
    'You can withdraw your signature at any time with this link:',
    withdrawUrl,
    '',
    '#StopSIM',
  ].join('\n')
  await req.payload.sendEmail({
    to,
    subject: `Please confirm your signature: ${letterTitle}`,
    text,
  })
}
