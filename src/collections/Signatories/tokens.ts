import crypto from 'node:crypto'

import type { PayloadRequest } from 'payload'

import type { Signatory } from '../../payload-types'

/** A link secret for an email; only its hash is stored, so a database leak reveals no links. */
export const newToken = (): string => crypto.randomBytes(32).toString('base64url')

export const tokenHash = (token: string): string =>
  crypto.createHash('sha256').update(token).digest('hex')

/** The signature an emailed link's token belongs to, if any. */
export async function signatureByToken(
  req: PayloadRequest,
  field: 'confirmTokenHash' | 'withdrawTokenHash',
  token: string,
): Promise<Signatory | undefined> {
  if (!token) return undefined
  const { docs } = await req.payload.find({
    collection: 'signatories',
    depth: 0,
    limit: 1,
    overrideAccess: true,
    where: { [field]: { equals: tokenHash(token) } },
  })
  return docs[0]
}
