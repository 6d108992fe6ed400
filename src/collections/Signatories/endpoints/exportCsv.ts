import type { Endpoint, PayloadRequest } from 'payload'

import { stringify } from 'csv-stringify/sync'

import { hasRole } from '../../../access/hasRole'
import { errorResponse as refuse } from '../../../utilities/errorResponse'
import type { Signatory } from '../../../payload-types'
import { type Refusal, refusal } from '../../../utilities/refusal'
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

// A spreadsheet runs a cell starting = + - @ (or a tab or carriage return) as a formula: a
// signer's name could fetch a URL or run a command on the exporter's machine. csv-stringify
// prefixes such cells with a single quote (OWASP's advice), so the text survives but never runs.
// It looks at the first character only, and spreadsheets skip leading spaces (and invisible
// ones) before a formula: those cells get the quote here.
const HIDDEN_FORMULA = /^[\s\u200b-\u200d\u2060\ufeff]+[=+\-@]/
export const csvRows = (rows: unknown[][]): string =>
  stringify(rows, {
    escape_formulas: true,
    cast: { string: (value) => (HIDDEN_FORMULA.test(value) ? `'${value}` : value) },
  })

type CsvExport = { filename: string; chunks: () => AsyncGenerator<string> }

/**
 * A letter's signatures as CSV: the public fields for moderators and editors, every field (but
 * never hashes) for admins. Read a page at a time, by id, so that a letter of tens of thousands
 * needs no more memory than a few pages.
 */
async function prepareExport(
  req: PayloadRequest,
  letterKey: unknown,
  wantsAll: boolean,
): Promise<CsvExport | Refusal> {
  if (!hasRole(req.user, 'moderator', 'editor', 'admin')) {
    return refusal(403, 'Only moderators, editors and admins can export signatures.')
  }
  if (wantsAll && !hasRole(req.user, 'admin')) {
    return refusal(403, 'Only admins can export every field.')
  }
  const found = await findLetter(req.payload, letterKey, 'export')
  if ('status' in found) return refusal(found.status, found.message)

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
  async function* chunks(): AsyncGenerator<string> {
    yield csvRows([[...columns]])
    let after: number | string | undefined
    for (;;) {
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
        yield csvRows(docs.map(row))
      }
      if (docs.length < EXPORT_PAGE) return
    }
  }
  return {
    filename: `signatures-${found.letter.slug ?? found.letter.id}${wantsAll ? '-all' : ''}.csv`,
    chunks,
  }
}

/** The whole export as one string, for GraphQL's SignatoryExport. */
export async function signaturesCsv(
  req: PayloadRequest,
  letterKey: unknown,
  wantsAll: boolean,
): Promise<{ csv: string; filename: string } | Refusal> {
  const prepared = await prepareExport(req, letterKey, wantsAll)
  if ('refused' in prepared) return prepared
  let csv = ''
  for await (const chunk of prepared.chunks()) csv += chunk
  return { csv, filename: prepared.filename }
}

/** GET /api/signatories/export?letter=<slug or id>[&fields=all] (GraphQL: SignatoryExport). */
export const exportCsvEndpoint: Endpoint = {
  path: '/export',
  method: 'get',
  handler: async (req: PayloadRequest) => {
    const prepared = await prepareExport(
      req,
      req.searchParams.get('letter'),
      req.searchParams.get('fields') === 'all',
    )
    if ('refused' in prepared) return refuse(prepared.refused.status, prepared.refused.message)
    const chunks = prepared.chunks()
    const encoder = new TextEncoder()
    // Streamed as the client reads it.
    const csv = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await chunks.next()
        if (next.done) controller.close()
        else controller.enqueue(encoder.encode(next.value))
      },
    })
    return new Response(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${prepared.filename}"`,
        'cache-control': 'no-store',
      },
    })
  },
}
