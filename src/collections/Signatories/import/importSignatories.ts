import type { Payload } from 'payload'

import { parse } from 'csv-parse/sync'

import { findLetter } from '../endpoints/findOpenLetter'
import { keyedHash, nameKey, NO_EMAIL_KEY_PREFIX, normaliseEmail } from '../normalise'
import { DISPLAY_CHOICES, LIMITS } from '../options'

export type ImportReport = {
  imported: number
  skipped: number
  flagged: number
  problems: string[]
  summary: string
}

const DISPLAY_VALUES: readonly string[] = DISPLAY_CHOICES.map(({ value }) => value)
const COLUMNS = ['name', 'role', 'organisation', 'email', 'display', 'on_behalf_of_organisation']
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

type Row = Partial<Record<(typeof COLUMNS)[number], string>>

/**
 * Imports signatures from CSV with the signing form's rules: one per email address per
 * letter; the same name under another address is flagged for a moderator. Rows already
 * present are skipped, so running the same file twice imports nothing the second time.
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

  let imported = 0
  let skipped = 0
  let flagged = 0
  for (const [index, row] of rows.entries()) {
    const line = index + 2 // the header is line 1
    const name = row.name ?? ''
    const email = row.email ? normaliseEmail(row.email) : ''
    const display = row.display || 'full'
    const problem =
      (!name && 'no name') ||
      (name.length > LIMITS.name && `name longer than ${LIMITS.name} characters`) ||
      ((row.role ?? '').length > LIMITS.role && `role longer than ${LIMITS.role} characters`) ||
      ((row.organisation ?? '').length > LIMITS.organisation &&
        `organisation longer than ${LIMITS.organisation} characters`) ||
      (email && !EMAIL_PATTERN.test(email) && `email "${row.email}" does not look right`) ||
      (!DISPLAY_VALUES.includes(display) &&
        `display "${display}" is not one of ${DISPLAY_VALUES.join(', ')}`)
    if (problem) {
      problems.push(`line ${line}: ${problem}; not imported`)
      continue
    }

    if (
      await alreadyPresent(
        payload,
        letter.id,
        email ? keyedHash(payload.secret, 'email', email) : null,
        nameKey(name),
      )
    ) {
      skipped++
      continue
    }
    const created = await payload.create({
      collection: 'signatories',
      overrideAccess: true,
      data: {
        letter: letter.id,
        name,
        role: row.role || null,
        organisation: row.organisation || null,
        email: email || null,
        display: display as 'full',
        onBehalfOfOrganisation: /^(1|true|yes|y)$/i.test(row.on_behalf_of_organisation ?? ''),
        status: approve ? 'approved' : 'pending',
        source: 'import',
        consent: {
          notice: `Imported from ${source}`,
          version: 'import',
          givenAt: new Date().toISOString(),
        },
      },
    })
    imported++
    if (created.possibleDuplicateOf) flagged++
  }
  return {
    imported,
    skipped,
    flagged,
    problems,
    summary: `imported ${imported}, skipped ${skipped} as already present, flagged ${flagged} as possible duplicates`,
  }
}

// With an email address, that address on this letter; without one, the same name on this
// letter with no address (so re-running a file of nameless-email rows adds nothing).
async function alreadyPresent(
  payload: Payload,
  letter: number,
  emailHash: string | null,
  key: string,
) {
  const { totalDocs } = await payload.count({
    collection: 'signatories',
    overrideAccess: true,
    where: {
      and: [
        { letter: { equals: letter } },
        emailHash
          ? { emailHash: { equals: emailHash } }
          : { and: [{ nameKey: { equals: key } }, { emailHash: { like: NO_EMAIL_KEY_PREFIX } }] },
      ],
    },
  })
  return totalDocs > 0
}
