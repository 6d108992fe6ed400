import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { SQLiteAdapter } from '@payloadcms/db-sqlite'
import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { CheckedSignature } from '../src/collections/Signatories/rules'
import {
  type SignatureToWrite,
  writeSignatures,
} from '../src/collections/Signatories/write/writeSignatures'
import { testDialects } from './helpers/databases'
import { type LocalPayload, startLocalPayload } from './helpers/localPayload'

type Row = Record<string, unknown>

/** The stored row as the database holds it, column by column, values as text. */
async function storedRow(payload: Payload, id: number | string): Promise<Row> {
  let row: Row
  if (payload.db.name === 'sqlite') {
    const result = await (payload.db as unknown as SQLiteAdapter).client.execute({
      sql: 'SELECT * FROM signatories WHERE id = ?',
      args: [id],
    })
    row = { ...result.rows[0] }
  } else {
    const result = await (payload.db as unknown as PostgresAdapter).pool.query(
      'SELECT * FROM signatories WHERE id = $1',
      [id],
    )
    row = result.rows[0]
  }
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => [
      column,
      value instanceof Date ? value.toISOString() : value === null ? null : String(value),
    ]),
  )
}

/**
 * Every statement Drizzle sends, by way of its logger: the adapter's Drizzle instance and each
 * transaction it opens share the session options the logger lives in.
 */
function countStatements(payload: Payload): { statements: string[]; stop: () => void } {
  type Logger = { logQuery: (query: string, params: unknown[]) => void }
  const session = (
    payload.db as unknown as {
      drizzle: { session: { logger: Logger; options: { logger?: Logger } } }
    }
  ).drizzle.session
  const statements: string[] = []
  const logger: Logger = { logQuery: (query) => statements.push(query) }
  const before = { logger: session.logger, option: session.options.logger }
  session.logger = logger
  session.options.logger = logger
  return {
    statements,
    stop: () => {
      session.logger = before.logger
      session.options.logger = before.option
    },
  }
}

describe.each(testDialects())('writing signatures in batches on $dialect', ({ dialect, skip }) => {
  let local: LocalPayload
  let letters: number[]

  const signature = (name: string, email: string | null, more: Partial<CheckedSignature> = {}) =>
    ({
      name,
      role: 'Community psychiatric nurse',
      organisation: 'Eastfield Trust',
      email,
      display: 'full',
      onBehalfOfOrganisation: false,
      ...more,
    }) satisfies CheckedSignature
  const toWrite = (letter: number, checked: CheckedSignature): SignatureToWrite => ({
    letter,
    signature: checked,
    status: 'pending',
    source: 'form',
    consent: { notice: 'The notice', version: 'v1', givenAt: '2026-11-30T10:00:00.000Z' },
    ipHash: 'an-ip-hash',
  })

  beforeAll(async () => {
    if (skip) return
    local = await startLocalPayload(dialect)
    letters = []
    for (const slug of ['write-a', 'write-b', 'write-c', 'write-d']) {
      const letter = await local.payload.create({
        collection: 'statements',
        data: {
          title: `Letter ${slug}`,
          slug,
          kind: 'open_letter',
          _status: 'published',
          contentWarnings: { reviewed: true },
        },
      })
      letters.push(letter.id)
    }
  })
  afterAll(async () => {
    await local?.stop()
  })

  it.skipIf(skip)('stores the very row Payload’s own create stores, column by column', async () => {
    const { payload } = local
    const links = {
      confirmTokenHash: 'confirm-hash',
      confirmExpiresAt: '2026-12-01T10:00:00.000Z',
      withdrawTokenHash: 'withdraw-hash',
    }
    for (const display of ['full', 'name_only', 'anonymous', 'counted_only'] as const) {
      // A surname of its own each time: no one of them is flagged as another.
      const checked = signature(`Rowan ${display.replace('_', '')}son`, null, {
        display,
        onBehalfOfOrganisation: true,
      })
      // Each on a letter of its own, so that neither is flagged as the other.
      const [written] = await writeSignatures(payload, [
        {
          ...toWrite(letters[0], { ...checked, email: `batch-${display}@example.org` }),
          links,
        },
      ])
      expect(written.outcome).toBe('stored')
      const created = await payload.create({
        collection: 'signatories',
        depth: 0,
        data: {
          letter: letters[1],
          ...checked,
          email: `Create-${display}@Example.org`,
          status: 'pending',
          source: 'form',
          consent: { notice: 'The notice', version: 'v1', givenAt: '2026-11-30T10:00:00.000Z' },
          ipHash: 'an-ip-hash',
          ...links,
        },
      })
      const batchRow = await storedRow(payload, (written as { id: number }).id)
      const createRow = await storedRow(payload, created.id)
      const differing = ['id', 'letter_id', 'email', 'email_hash', 'created_at', 'updated_at']
      const rest = (row: Row) =>
        Object.fromEntries(Object.entries(row).filter(([column]) => !differing.includes(column)))
      expect(rest(batchRow), display).toEqual(rest(createRow))
      expect(Object.keys(batchRow).sort()).toEqual(Object.keys(createRow).sort())
      expect(batchRow.email).toBe(`batch-${display}@example.org`)
      expect(createRow.email).toBe(`create-${display}@example.org`)
      for (const row of [batchRow, createRow]) {
        expect(row.email_hash).toMatch(/^[0-9a-f]{64}$/)
        for (const column of ['created_at', 'updated_at']) {
          expect(row[column]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}/)
        }
      }
    }
  })

  it.skipIf(skip)(
    'writes a batch with the same few statements whatever its size (set-based)',
    async () => {
      const { payload } = local
      const counted = async (size: number, from: number) => {
        const counter = countStatements(payload)
        try {
          const results = await writeSignatures(
            payload,
            Array.from({ length: size }, (_, index) =>
              toWrite(
                letters[2],
                // Surnames of their own: no one of them is flagged as another.
                signature(`Alex Surname${from + index}`, `set-${from + index}@example.org`),
              ),
            ),
          )
          expect(results.every((result) => result.outcome === 'stored')).toBe(true)
        } finally {
          counter.stop()
        }
        return counter.statements
      }
      const few = await counted(2, 0)
      const many = await counted(120, 100)
      expect(few.length).toBeGreaterThan(0)
      expect(many.length, many.join('\n')).toBe(few.length)
      expect(many.filter((statement) => /^\s*insert/i.test(statement))).toHaveLength(1)
    },
  )

  it.skipIf(skip)(
    'flags near-duplicates within a batch, and still does when one bad row sends the batch row by row',
    async () => {
      const { payload } = local
      const letter = letters[3]
      const [earlier] = await writeSignatures(payload, [
        toWrite(letter, signature('Louisa Harvey', 'louisa@example.org')),
      ])
      expect(earlier.outcome).toBe('stored')
      const earlierId = (earlier as { id: number }).id

      const check = async (bad: boolean) => {
        const [suffix, surname, other] = bad
          ? ['fallback', 'Begum', 'Mensah']
          : ['together', 'Rahman', 'Okafor']
        const rows = [
          toWrite(letter, signature(`Nadia ${surname}`, `nadia-${suffix}@example.org`)),
          // Not a signature the rules would pass: the database refuses it (no display choice),
          // and the whole batch with it.
          ...(bad
            ? [
                toWrite(letter, {
                  ...signature('Nobody Else', `bad-${suffix}@example.org`),
                  display: null as unknown as CheckedSignature['display'],
                }),
              ]
            : []),
          toWrite(
            letter,
            signature(`Dr Nadia ${surname}`, `n.${surname}-${suffix}@example.net`, {
              role: 'Nurse, community psychiatric',
            }),
          ),
          toWrite(letter, signature('Louise Harvey', `louise-${suffix}@example.net`)),
          toWrite(letter, signature(`Sam ${other}`, `sam-${suffix}@example.org`)),
        ]
        const results = await writeSignatures(payload, rows)
        const outcomes = results.map((result) => result.outcome)
        expect(outcomes).toEqual(
          bad
            ? ['stored', 'failed', 'stored', 'stored', 'stored']
            : ['stored', 'stored', 'stored', 'stored'],
        )
        const stored = results.filter((result) => result.outcome === 'stored') as {
          id: number
          possibleDuplicateOf: number | null
        }[]
        // The second Nadia Rahman is flagged as the first one of this same batch; Louise Harvey
        // as the Louisa Harvey stored before; Sam Okafor is nobody else.
        expect(stored.map((result) => result.possibleDuplicateOf)).toEqual([
          null,
          stored[0].id,
          earlierId,
          null,
        ])
        for (const result of stored) {
          const row = await storedRow(payload, result.id)
          expect(row.possible_duplicate_of_id).toBe(
            result.possibleDuplicateOf === null ? null : String(result.possibleDuplicateOf),
          )
        }
      }
      await check(false)
      await check(true)
    },
  )

  it.skipIf(skip)(
    'counts and lists a letter’s public signatures from one index, without reading each row',
    async () => {
      const { payload } = local
      // What the public list asks (approved, not "counted only", newest first) and counts.
      const publicWhere = `letter_id = 1 AND status = 'approved' AND display != 'counted_only'`
      if (payload.db.name === 'sqlite') {
        const { client } = payload.db as unknown as SQLiteAdapter
        const plan = async (sql: string) =>
          (await client.execute(`EXPLAIN QUERY PLAN ${sql}`)).rows
            .map((row) => String(row.detail))
            .join('\n')
        expect(await plan(`SELECT count(*) FROM signatories WHERE ${publicWhere}`)).toMatch(
          /USING COVERING INDEX letter_status_createdAt_display_idx/,
        )
        expect(
          await plan(
            `SELECT id FROM signatories WHERE ${publicWhere} ORDER BY created_at DESC LIMIT 50 OFFSET 500`,
          ),
        ).toMatch(/USING COVERING INDEX letter_status_createdAt_display_idx/)
      } else {
        const { rows } = await (payload.db as unknown as PostgresAdapter).pool.query<{
          indexdef: string
        }>(`SELECT indexdef FROM pg_indexes WHERE tablename = 'signatories'`)
        expect(rows.map((row) => row.indexdef).join('\n')).toMatch(
          /\(letter_id, status, created_at, display\)/,
        )
      }
    },
  )

  it.skipIf(skip)(
    'answers a row already signed as present, in the batch and before it',
    async () => {
      const { payload } = local
      const row = toWrite(letters[3], signature('Kim Lee', 'kim@example.org'))
      const first = await writeSignatures(payload, [row, row])
      expect(first.map((result) => result.outcome)).toEqual(['stored', 'alreadyPresent'])
      const again = await writeSignatures(payload, [
        toWrite(letters[3], signature('Kim Lee', ' KIM@example.org ')),
      ])
      expect(again.map((result) => result.outcome)).toEqual(['alreadyPresent'])
    },
  )
})
