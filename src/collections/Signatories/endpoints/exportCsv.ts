import type { Endpoint, PayloadRequest } from 'payload'

import { stringify } from 'csv-stringify/sync'

import { hasRole } from '../../../access/hasRole'
import { errorResponse as refuse } from '../../../utilities/errorResponse'
import type { Signatory } from '../../../payload-types'
import { type Refusal, refusal } from '../../../utilities/refusal'
import { findLetter } from './findOpenLetter'

const PUBLIC_COLUMNS = [
  'publicName',
  'publicRole',
  'publicOrganisation',
  'onBehalfOfOrganisation',
  'display',
  'status',
  'createdAt',
] as const
const ALL_COLUMNS = [
  'id',
  'name',
  'role',
  'organisation',
  'onBehalfOfOrganisation',
  'display',
  'email',
  'status',
  'source',
  'possibleDuplicateOf',
  'verifiedAt',
  'createdAt',
  'consentVersion',
  'consentGivenAt',
] as const

/**
 * A letter's signatures as CSV: the public fields for moderators and editors, every field (but
 * never hashes) for admins.
 */
export async function signaturesCsv(
  req: PayloadRequest,
  letterKey: unknown,
  wantsAll: boolean,
): Promise<{ csv: string; filename: string } | Refusal> {
  if (!hasRole(req.user, 'moderator', 'editor', 'admin')) {
    return refusal(403, 'Only moderators, editors and admins can export signatures.')
  }
  if (wantsAll && !hasRole(req.user, 'admin'))
    return refusal(403, 'Only admins can export every field.')
  const found = await findLetter(req.payload, letterKey)
  if ('status' in found) return refusal(found.status, found.message)

  const { docs } = await req.payload.find({
    collection: 'signatories',
    depth: 0,
    limit: 0,
    overrideAccess: true,
    sort: 'createdAt',
    where: { letter: { equals: found.letter.id } },
  })
  const columns = wantsAll ? ALL_COLUMNS : PUBLIC_COLUMNS
  const row = (doc: Signatory): unknown[] =>
    columns.map((column) => {
      if (column === 'consentVersion') return doc.consent?.version ?? ''
      if (column === 'consentGivenAt') return doc.consent?.givenAt ?? ''
      const value = doc[column]
      return value === null || value === undefined ? '' : value
    })
  return {
    csv: stringify([columns as readonly string[], ...docs.map(row)]),
    filename: `signatures-${found.letter.slug ?? found.letter.id}${wantsAll ? '-all' : ''}.csv`,
  }
}

/** GET /api/signatories/export?letter=<slug or id>[&fields=all] (GraphQL: SignatoryExport). */
export const exportCsvEndpoint: Endpoint = {
  path: '/export',
  method: 'get',
  handler: async (req: PayloadRequest) => {
    const result = await signaturesCsv(
      req,
      req.searchParams.get('letter'),
      req.searchParams.get('fields') === 'all',
    )
    if ('refused' in result) return refuse(result.refused.status, result.refused.message)
    return new Response(result.csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${result.filename}"`,
        'cache-control': 'no-store',
      },
    })
  },
}
