import type { Endpoint, Payload, PayloadRequest } from 'payload'

import { CLIENT_IP_HEADER } from '../../../utilities/clientAddress'
import type { FieldError } from '../../../utilities/errorResponse'
import { CONSENT_NOTICE, CONSENT_NOTICE_VERSION } from '../options'
import { keyedHash } from '../normalise'
import { signingSettings } from '../settings'
import { newToken, tokenHash } from '../tokens'
import { checkSignature } from '../rules'
import { archived, signingQueue } from '../write/signingQueue'
import { ARCHIVED_LETTER_MESSAGE } from './findOpenLetter'

// The same answer whether or not this email address had already signed, so nobody can use
// the form to find out who has signed.
const RECEIVED = {
  message:
    'Thank you. Your signature has been received and will appear once our team has checked it.',
}

export type SignAnswer = { status: number; body: Record<string, unknown> }

const refusal = (status: number, message: string, fieldErrors?: FieldError[]): SignAnswer => ({
  status,
  body: { errors: [{ message, ...(fieldErrors ? { data: { errors: fieldErrors } } : {}) }] },
})

/**
 * Signing an open letter, the public's only way to write: checks the signature with the shared
 * rules, then hands it to the signing queue, which writes signatures arriving together in one
 * transaction (group commit) and answers each once its batch is on disk. A unique index keeps
 * one signature per email address per letter. `body` is the parsed JSON, or undefined when the
 * request was not JSON; `ip` the client's address, of which only a keyed hash is stored.
 *
 * Served by Express straight from Payload's instance (src/server/signRoute.ts), so a burst of
 * signatures does not pay for Next.js routing, and by the Payload endpoint below otherwise.
 */
export async function signLetter(
  payload: Payload,
  body: unknown,
  ip: string | null,
): Promise<SignAnswer> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    if (await archived(payload)) return refusal(410, ARCHIVED_LETTER_MESSAGE)
    return refusal(
      400,
      body === undefined ? 'Send the signature as JSON.' : 'Send the signature as a JSON object.',
    )
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
    // Every letter of an archived site is closed, whatever was sent.
    if (await archived(payload)) return refusal(410, ARCHIVED_LETTER_MESSAGE)
    return refusal(400, 'Some details need correcting.', errors)
  }
  const { signature } = checked

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
  if ('refused' in outcome) return refusal(outcome.refused.status, outcome.refused.message)
  // The same answer whether or not this address had signed before.
  if (links && outcome.stored && signature.email) {
    // Stored first, mailed second: a mail failure must never cost a signature.
    try {
      await sendConfirmation(payload, {
        to: signature.email,
        name: signature.name,
        letterTitle: outcome.letter.title,
        links,
      })
    } catch (error) {
      payload.logger.error({ err: error }, 'could not send the confirmation email')
    }
  }
  return { status: 202, body: RECEIVED }
}

/** POST /api/signatories/sign through Payload's REST handler. */
export const signEndpoint: Endpoint = {
  path: '/sign',
  method: 'post',
  handler: async (req: PayloadRequest) => {
    let body: unknown
    try {
      body = await req.json?.()
    } catch {
      body = undefined
    }
    const answer = await signLetter(req.payload, body, req.headers.get(CLIENT_IP_HEADER))
    return Response.json(answer.body, { status: answer.status })
  },
}

async function sendConfirmation(
  payload: Payload,
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
  const base = `${payload.config.serverURL}/api/signatories`
  const { confirmationHours } = signingSettings(payload)
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
  await payload.sendEmail({
    to,
    subject: `Please confirm your signature: ${letterTitle}`,
    text,
  })
}
