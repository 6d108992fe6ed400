import type { Endpoint, PayloadRequest } from 'payload'

import { ValidationError } from 'payload'

import { siteIsArchived } from '../../../access/siteIsArchived'
import { metrics } from '../../../metrics'
import { CLIENT_IP_HEADER } from '../../../utilities/clientAddress'
import { type FieldError, errorResponse as refuse } from '../../../utilities/errorResponse'
import { CONSENT_NOTICE, CONSENT_NOTICE_VERSION, DISPLAY_CHOICES, LIMITS } from '../options'
import { keyedHash } from '../normalise'
import { signingSettings } from '../settings'
import { newToken, tokenHash } from '../tokens'
import { ARCHIVED_LETTER_MESSAGE, closedReason, findLetter } from './findOpenLetter'

// The same answer whether or not this email address had already signed, so nobody can use
// the form to find out who has signed.
const RECEIVED = {
  message:
    'Thank you. Your signature has been received and will appear once our team has checked it.',
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const DISPLAY_VALUES: readonly string[] = DISPLAY_CHOICES.map(({ value }) => value)

function text(
  body: Record<string, unknown>,
  field: string,
  max: number,
  errors: FieldError[],
  label: string,
) {
  const value = body[field]
  if (value === undefined || value === null || value === '') return ''
  if (typeof value !== 'string') {
    errors.push({ field, message: `${label} must be text.` })
    return ''
  }
  const trimmed = value.trim().replace(/\s+/g, ' ')
  if (trimmed.length > max)
    errors.push({ field, message: `${label} can be at most ${max} characters.` })
  return trimmed
}

/**
 * POST /api/signatories/sign — the public's only way to write. Validates everything, refuses
 * closed letters, stores the consent given and a keyed hash of the address it came from, and
 * relies on a unique index so that one email address signs a letter once.
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

    const errors: FieldError[] = []
    const name = text(input, 'name', LIMITS.name, errors, 'Your name')
    if (!name && !errors.some((error) => error.field === 'name')) {
      errors.push({ field: 'name', message: 'Give your name.' })
    }
    const role = text(input, 'role', LIMITS.role, errors, 'Your role or profession')
    const organisation = text(
      input,
      'organisation',
      LIMITS.organisation,
      errors,
      'Your organisation',
    )
    const email = text(input, 'email', LIMITS.email, errors, 'Your email address').toLowerCase()
    if (!email)
      errors.push({
        field: 'email',
        message: 'Give your email address, so we can confirm your signature.',
      })
    else if (!EMAIL_PATTERN.test(email))
      errors.push({ field: 'email', message: 'That email address does not look right.' })
    const display = input.display ?? 'full'
    if (typeof display !== 'string' || !DISPLAY_VALUES.includes(display)) {
      errors.push({
        field: 'display',
        message: `Choose how to be shown: ${DISPLAY_VALUES.join(', ')}.`,
      })
    }
    const onBehalf = input.onBehalfOfOrganisation ?? false
    if (typeof onBehalf !== 'boolean') {
      errors.push({
        field: 'onBehalfOfOrganisation',
        message: 'onBehalfOfOrganisation must be true or false.',
      })
    } else if (onBehalf && !organisation) {
      errors.push({ field: 'organisation', message: 'Name the organisation you are signing for.' })
    }
    if (input.consent !== true) {
      errors.push({
        field: 'consent',
        message: 'Tick the consent box to sign: we cannot store your signature without it.',
      })
    }
    if (errors.length) return refuse(400, 'Some details need correcting.', errors)

    const found = await findLetter(req.payload, input.letter)
    if ('status' in found) return refuse(found.status, found.message)
    const reason = closedReason(found.letter)
    if (reason) return refuse(410, reason)

    // Bots fill every field; people never see this one. Answer as if all went well.
    if (typeof input.website === 'string' && input.website.trim() !== '') {
      return Response.json(RECEIVED, { status: 202 })
    }

    const { payload } = req
    const ip = req.headers.get(CLIENT_IP_HEADER)
    const emailHash = keyedHash(payload.secret, 'email', email)
    const settings = signingSettings(payload)
    const links = settings.emailConfirmation ? { confirm: newToken(), withdraw: newToken() } : null
    let created: { id: number | string }
    try {
      created = await payload.create({
        collection: 'signatories',
        // Nothing of the stored document goes back to the signer: skip populating the letter.
        depth: 0,
        select: { status: true },
        overrideAccess: true,
        data: {
          letter: found.letter.id,
          name,
          role: role || null,
          organisation: organisation || null,
          onBehalfOfOrganisation: onBehalf as boolean,
          display: display as 'full',
          email,
          status: 'pending',
          source: 'form',
          consent: {
            notice: CONSENT_NOTICE,
            version: CONSENT_NOTICE_VERSION,
            givenAt: new Date().toISOString(),
          },
          ipHash: ip ? keyedHash(payload.secret, 'ip', ip) : null,
          ...(links && {
            confirmTokenHash: tokenHash(links.confirm),
            confirmExpiresAt: new Date(
              Date.now() + settings.confirmationHours * 3_600_000,
            ).toISOString(),
            withdrawTokenHash: tokenHash(links.withdraw),
          }),
        },
      })
    } catch (error) {
      // The unique index on (letter, emailHash) refused it: this address has already signed.
      // Anything else is a real failure and must not be answered as if it had been stored.
      if (
        error instanceof ValidationError &&
        (await alreadySigned(req, found.letter.id, emailHash))
      ) {
        return Response.json(RECEIVED, { status: 202 })
      }
      throw error
    }
    metrics.signaturesAccepted.inc()
    // One transaction per signature, until signatures are written in batches.
    metrics.signatureBatchSize.observe(1)
    if (links) {
      // Stored first, mailed second: a mail failure must never cost a signature.
      try {
        await sendConfirmation(req, { to: email, name, letterTitle: found.letter.title, links })
      } catch (error) {
        payload.logger.error(
          { err: error, signatory: created.id },
          'could not send the confirmation email',
        )
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

async function alreadySigned(req: PayloadRequest, letter: number, emailHash: string) {
  const { totalDocs } = await req.payload.count({
    collection: 'signatories',
    overrideAccess: true,
    where: { and: [{ letter: { equals: letter } }, { emailHash: { equals: emailHash } }] },
  })
  return totalDocs > 0
}
