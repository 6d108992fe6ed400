'use server'

import { headers } from 'next/headers'
import { redirect } from 'next/navigation'

import { CLIENT_IP_HEADER } from '../utilities/clientAddress'
import { anonymousRequest, sitePayload } from './payload'
import { SIGN_FORM_LIMITED_HEADER, SIGN_RATE_LIMIT_MESSAGE, type SignState } from './signState'

const field = (form: FormData, name: string) => {
  const value = form.get(name)
  return typeof value === 'string' ? value : ''
}

/**
 * The signing form's action. It hands the signature to the API's own sign endpoint, so the
 * rules (validation, honeypot, closed letters, duplicates, consent record) live in one place.
 * Without script the browser posts the form and, once signed, is redirected to a thank-you
 * page; with script the form stays on the page and shows the answer in place.
 */
export async function signLetter(_previous: SignState, form: FormData): Promise<SignState> {
  const incoming = await headers()
  const slug = field(form, 'letter')
  const values = {
    name: field(form, 'name'),
    role: field(form, 'role'),
    organisation: field(form, 'organisation'),
    email: field(form, 'email'),
    display: field(form, 'display') || 'full',
    onBehalfOfOrganisation: field(form, 'onBehalfOfOrganisation') === 'yes',
    consent: field(form, 'consent') === 'yes',
  }
  // Set by the Express server's rate limit (src/server.ts), which strips any sent by a client.
  if (incoming.get(SIGN_FORM_LIMITED_HEADER)) {
    return { status: 'refused', message: SIGN_RATE_LIMIT_MESSAGE, values }
  }
  const payload = await sitePayload()
  const endpoint = payload.collections.signatories.config.endpoints
    ? payload.collections.signatories.config.endpoints.find(
        (candidate) => candidate.path === '/sign' && candidate.method === 'post',
      )
    : undefined
  if (!endpoint) throw new Error('The signatories collection has no sign endpoint.')
  const req = await anonymousRequest('/api/signatories/sign', {
    method: 'POST',
    clientIp: incoming.get(CLIENT_IP_HEADER) ?? undefined,
    body: { ...values, letter: slug, website: field(form, 'website') },
  })
  const response = await endpoint.handler(req)
  const answer = (await response.json().catch(() => ({}))) as {
    message?: string
    errors?: { message?: string; data?: { errors?: { field: string; message: string }[] } }[]
  }
  if (response.ok) {
    if (field(form, 'enhanced') !== '1') redirect(`/statements/${encodeURIComponent(slug)}/signed`)
    return { status: 'received', message: answer.message ?? 'Thank you for signing.' }
  }
  const problem = answer.errors?.[0]
  const fieldErrors: Record<string, string> = {}
  for (const error of problem?.data?.errors ?? []) {
    fieldErrors[error.field] ??= error.message
  }
  return {
    status: Object.keys(fieldErrors).length ? 'invalid' : 'refused',
    message: problem?.message ?? 'Your signature could not be taken. Please try again.',
    fieldErrors,
    values,
  }
}
