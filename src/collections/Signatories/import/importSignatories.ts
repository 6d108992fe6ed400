import type { Payload } from 'payload'

import { parse } from 'csv-parse/sync'

import type { FieldError } from '../../../utilities/errorResponse'
import { findLetter } from '../endpoints/findOpenLetter'
import { DISPLAY_CHOICES, LIMITS } from '../options'
import { checkSignature } from '../rules'
import { type SignatureToWrite, writeSignatures } from '../write/writeSignatures'

export type ImportReport = {
  imported: number
  skipped: number
  flagged: number
  problems: string[]
  summary: string
}

const DISPLAY_VALUES: readonly string[] = DISPLAY_CHOICES.map(({ value }) => value)
const COLUMNS = ['name', 'role', 'organisation', 'email', 'display', 'on_behalf_of_organisation']
const IMPORT_BATCH = 200

type Row = Partial<Record<(typeof COLUMNS)[number], string>>

/**
 * Imports signatures from CSV with the signing form's rules (src/collections/Signatories/
 * rules.ts): one per email address per letter; a possible duplicate is flagged for a moderator.
 * Every bad row is reported and the rest imported; rows already present are skipped, so
 * running the same file twice imports nothing the second time.
 */
export async function importSignatories(
  payload: Payload,
  {
    letter: letterKey,
    csv,
    source,
    approve = false,
  }: { letter: string; csv: string; source: string; approve?: boolean },
): Promise<ImportReport> {
  const found = await findLetter(payload, letterKey)
  if ('status' in found) throw new Error(found.message)
  const letter = found.letter

  let rows: Row[]
  try {
    rows = parse(csv, {
      columns: (header: string[]) => header.map((column) => column.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
    })
  } catch (error) {
    throw new Error(`The file is not valid CSV: ${(error as Error).message}`, { cause: error })
  }
  const unknownColumns = rows.length
    ? Object.keys(rows[0]).filter((column) => !COLUMNS.includes(column))
    : []
  const problems = unknownColumns.length
    ? [`ignoring unknown columns: ${unknownColumns.join(', ')} (known: ${COLUMNS.join(', ')})`]
    : []

  // Every row is checked before any is written, so the report names every bad row at once.
  const good: { line: number; row: SignatureToWrite }[] = []
  const givenAt = new Date().toISOString()
  for (const [index, row] of rows.entries()) {
    const line = index + 2 // the header is line 1
    const checked = checkSignature(
      {
        name: row.name,
        role: row.role,
        organisation: row.organisation,
        email: row.email,
        display: row.display || 'full',
        onBehalfOfOrganisation: /^(1|true|yes|y)$/i.test(row.on_behalf_of_organisation ?? ''),
      },
      { requireEmail: false },
    )
    if ('errors' in checked) {
      const why = checked.errors.map((error) => problemFor(error, row)).join('; ')
      problems.push(`line ${line}: ${why}; not imported`)
      continue
    }
    good.push({
      line,
      row: {
        letter: letter.id,
        signature: checked.signature,
        status: approve ? 'approved' : 'pending',
        source: 'import',
        consent: { notice: `Imported from ${source}`, version: 'import', givenAt },
      },
    })
  }

  let imported = 0
  let skipped = 0
  let flagged = 0
  // In batches, as the signing form writes: one transaction each, and a row that fails is
  // reported without stopping the rest.
  for (let start = 0; start < good.length; start += IMPORT_BATCH) {
    const batch = good.slice(start, start + IMPORT_BATCH)
    const results = await writeSignatures(
      payload,
      batch.map(({ row }) => row),
    )
    results.forEach((result, position) => {
      if (result.outcome === 'stored') {
        imported++
        if (result.possibleDuplicateOf !== null) flagged++
      } else if (result.outcome === 'alreadyPresent') skipped++
      else {
        problems.push(
          `line ${batch[position].line}: could not be stored (${(result.error as Error)?.message ?? result.error}); not imported`,
        )
      }
    })
  }
  const notImported = rows.length - imported - skipped
  return {
    imported,
    skipped,
    flagged,
    problems,
    summary:
      `imported ${imported}, skipped ${skipped} as already present, flagged ${flagged} as possible duplicates` +
      (notImported ? `, ${notImported} not imported (listed above)` : ''),
  }
}

// The form's messages speak to the signer ("Your name"); an import report speaks about a row.
function problemFor(error: FieldError, row: Row): string {
  switch (error.field) {
    case 'name':
      return row.name ? `name longer than ${LIMITS.name} characters` : 'no name'
    case 'role':
      return `role longer than ${LIMITS.role} characters`
    case 'organisation':
      return row.on_behalf_of_organisation && !row.organisation
        ? 'signs on behalf of an organisation but names none'
        : `organisation longer than ${LIMITS.organisation} characters`
    case 'email':
      return `email "${row.email}": ${error.message.replace(/\.$/, '').toLowerCase()}`
    case 'display':
      return `display "${row.display}" is not one of ${DISPLAY_VALUES.join(', ')}`
    default:
      return error.message
  }
}
