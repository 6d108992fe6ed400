import type { Endpoint, PayloadRequest } from 'payload'

import { stringify } from 'csv-stringify/sync'

import { hasRole } from '../../../access/hasRole'
import { errorResponse as refuse } from '../../../utilities/errorResponse'
import type { Signatory } from '../../../payload-types'
import { findLetter } from './findOpenLetter'

const EXPORT_PAGE = 1000

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
 * GET /api/signatories/export?letter=<slug or id>[&fields=all] — a letter's signatures as CSV,
 * streamed in pages so that a letter of tens of thousands needs no more memory than a few:
 * the public fields for moderators and editors, every field (but never hashes) for admins.
 */
export const exportCsvEndpoint: Endpoint = {
  path: '/export',
  method: 'get',
  handler: async (req: PayloadRequest) => {
    if (!hasRole(req.user, 'moderator', 'editor', 'admin')) {
      return refuse(403, 'Only moderators, editors and admins can export signatures.')
    }
    const wantsAll = req.searchParams.get('fields') === 'all'
    if (wantsAll && !hasRole(req.user, 'admin'))
      return refuse(403, 'Only admins can export every field.')
    const found = await findLetter(req.payload, req.searchParams.get('letter'))
    if ('status' in found) return refuse(found.status, found.message)

    const columns = wantsAll ? ALL_COLUMNS : PUBLIC_COLUMNS
    const row = (doc: Signatory): unknown[] =>
      columns.map((column) => {
        if (column === 'consentVersion') return doc.consent?.version ?? ''
        if (column === 'consentGivenAt') return doc.consent?.givenAt ?? ''
        const value = doc[column]
        return value === null || value === undefined ? '' : value
      })
    const select = Object.fromEntries(
      columns.map((column) => [column.startsWith('consent') ? 'consent' : column, true]),
    )
    const { payload } = req
    const letterId = found.letter.id
    let after: number | string | undefined
    let headerSent = false
    // A page at a time, by id, as the client reads: a letter of any size in the same memory.
    const csv = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const encoder = new TextEncoder()
        if (!headerSent) {
          headerSent = true
          controller.enqueue(encoder.encode(stringify([columns as readonly string[]])))
        }
        const { docs } = await payload.db.find<Signatory>({
          collection: 'signatories',
          limit: EXPORT_PAGE,
          pagination: false,
          select: { ...select, id: true },
          sort: 'id',
          where: {
            and: [
              { letter: { equals: letterId } },
              ...(after === undefined ? [] : [{ id: { greater_than: after } }]),
            ],
          },
        })
        if (docs.length) {
          after = docs[docs.length - 1].id
          controller.enqueue(encoder.encode(stringify(docs.map(row))))
        }
        if (docs.length < EXPORT_PAGE) controller.close()
      },
    })
    return new Response(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="signatures-${found.letter.slug ?? found.letter.id}${wantsAll ? '-all' : ''}.csv"`,
        'cache-control': 'no-store',
      },
    })
  },
}
