import type { Endpoint, PayloadRequest } from 'payload'

import { hasRole } from '../../../access/hasRole'
import { errorResponse as refuse } from '../../../utilities/errorResponse'
import type { Signatory } from '../../../payload-types'
import { keyedHash, normaliseEmail } from '../normalise'

// Link secrets are not personal data worth handing over, and must never leave the server.
const INTERNAL = [
  'confirmTokenHash',
  'withdrawTokenHash',
  'emailHash',
  'nameKey',
  'nameBlockKey',
] as const

type Found = { error: Response } | { docs: Signatory[] }

async function signaturesOf(req: PayloadRequest): Promise<Found> {
  if (!hasRole(req.user, 'admin'))
    return { error: refuse(403, 'Only admins can export or erase personal data.') }
  const email = req.searchParams.get('email')?.trim()
  if (!email) return { error: refuse(400, 'Give the email address as ?email=…') }
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

/** GET /api/signatories/personal-data?email=… — everything held about one person (admins). */
export const exportPersonalDataEndpoint: Endpoint = {
  path: '/personal-data',
  method: 'get',
  handler: async (req: PayloadRequest) => {
    const found = await signaturesOf(req)
    if ('error' in found) return found.error
    const signatures = found.docs.map((doc) => {
      const copy: Record<string, unknown> = { ...doc }
      for (const field of INTERNAL) delete copy[field]
      return copy
    })
    return Response.json({ signatures }, { headers: { 'cache-control': 'no-store' } })
  },
}

/** DELETE /api/signatories/personal-data?email=… — erases every signature of one person (admins). */
export const erasePersonalDataEndpoint: Endpoint = {
  path: '/personal-data',
  method: 'delete',
  handler: async (req: PayloadRequest) => {
    const found = await signaturesOf(req)
    if ('error' in found) return found.error
    for (const doc of found.docs) {
      await req.payload.delete({ collection: 'signatories', id: doc.id, overrideAccess: true })
    }
    return Response.json({ erased: found.docs.length })
  },
}
