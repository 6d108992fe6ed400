import type { Endpoint, PayloadRequest } from 'payload'

import { hasRole } from '../../../access/hasRole'
import { errorResponse as refuse } from '../../../utilities/errorResponse'
import type { Signatory } from '../../../payload-types'
import { type Refusal, refusal } from '../../../utilities/refusal'
import { keyedHash, normaliseEmail } from '../normalise'

// Link secrets are not personal data worth handing over, and must never leave the server.
const INTERNAL = [
  'confirmTokenHash',
  'withdrawTokenHash',
  'emailHash',
  'nameKey',
  'nameBlockKey',
] as const

async function signaturesOf(
  req: PayloadRequest,
  rawEmail: unknown,
): Promise<{ docs: Signatory[] } | Refusal> {
  if (!hasRole(req.user, 'admin'))
    return refusal(403, 'Only admins can export or erase personal data.')
  const email = typeof rawEmail === 'string' ? rawEmail.trim() : ''
  if (!email) return refusal(400, 'Give the email address as ?email=…')
  const emailHash = keyedHash(req.payload.secret, 'email', normaliseEmail(email))
  // By hash as well as by address: an address already erased after a letter closed still
  // has to be found when its owner asks.
  const { docs } = await req.payload.find({
    collection: 'signatories',
    depth: 0,
    limit: 0,
    overrideAccess: true,
    where: {
      or: [{ emailHash: { equals: emailHash } }, { email: { equals: normaliseEmail(email) } }],
    },
  })
  return { docs }
}

/** Everything held about one person, but the link secrets (admins). */
export async function personalData(
  req: PayloadRequest,
  email: unknown,
): Promise<{ signatures: Record<string, unknown>[] } | Refusal> {
  const found = await signaturesOf(req, email)
  if ('refused' in found) return found
  const signatures = found.docs.map((doc) => {
    const copy: Record<string, unknown> = { ...doc }
    for (const field of INTERNAL) delete copy[field]
    return copy
  })
  return { signatures }
}

/** GET /api/signatories/personal-data?email=… (GraphQL: SignatoryPersonalData). */
export const exportPersonalDataEndpoint: Endpoint = {
  path: '/personal-data',
  method: 'get',
  handler: async (req: PayloadRequest) => {
    const result = await personalData(req, req.searchParams.get('email'))
    if ('refused' in result) return refuse(result.refused.status, result.refused.message)
    return Response.json(result, { headers: { 'cache-control': 'no-store' } })
  },
}

/** DELETE /api/signatories/personal-data?email=… — erases every signature of one person (admins). */
export const erasePersonalDataEndpoint: Endpoint = {
  path: '/personal-data',
  method: 'delete',
  handler: async (req: PayloadRequest) => {
    const found = await signaturesOf(req, req.searchParams.get('email'))
    if ('refused' in found) return refuse(found.refused.status, found.refused.message)
    for (const doc of found.docs) {
      await req.payload.delete({ collection: 'signatories', id: doc.id, overrideAccess: true })
    }
    return Response.json({ erased: found.docs.length })
  },
}
