import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { testDialects } from './helpers/databases'
import { type LocalPayload, startLocalPayload } from './helpers/localPayload'

// Written for this test: a mix of complete rows, missing columns, a repeated email (different
// case), a same-name-other-email row and a row with no email at all.
const CSV = `name,role,organisation,email,display
Priya Shah,Clinical psychologist,North Vale Trust,priya@example.org,full
Tom Reed,Peer support worker,,tom@example.org,name_only
Dr. Priya Shah,,,priya.shah@example.net,anonymous
Jo Banks,Social worker,Riverside Council,,counted_only
Tom Reed,Peer support worker,,TOM@example.org,name_only
,No name given,,nobody@example.org,full
Ada Quinn,,,ada@example.org,famous
`

describe.each(testDialects())('importing signatories on $dialect', ({ dialect, skip }) => {
  let local: LocalPayload
  let dir: string

  beforeAll(async () => {
    if (skip) return
    local = await startLocalPayload(dialect)
    await local.payload.create({
      collection: 'statements',
      data: {
        title: 'Letter to import into',
        slug: 'import-letter',
        kind: 'open_letter',
        _status: 'published',
        contentWarnings: { reviewed: true },
      },
    })
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stopsim-import-'))
    fs.writeFileSync(path.join(dir, 'signatures.csv'), CSV)
  })
  afterAll(async () => {
    await local?.stop()
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
  })

  const runImport = () => {
    const result = spawnSync(
      'npm',
      [
        'run',
        '--silent',
        'import:signatories',
        '--',
        '--letter',
        'import-letter',
        path.join(dir, 'signatures.csv'),
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: local.databaseUrl },
      },
    )
    return { status: result.status, lines: result.stdout.trim().split('\n') }
  }

  it.skipIf(skip)(
    'imports with the signing rules, reports, and imports nothing the second time',
    () => {
      const first = runImport()
      expect(first.status).toBe(0)
      expect(first.lines).toContain('line 7: no name; not imported')
      expect(first.lines.some((line) => line.startsWith('line 8: display "famous"'))).toBe(true)
      expect(first.lines.at(-1)).toBe(
        'imported 4, skipped 1 as already present, flagged 1 as possible duplicates, 2 not imported (listed above)',
      )

      const second = runImport()
      expect(second.status).toBe(0)
      expect(second.lines.at(-1)).toBe(
        'imported 0, skipped 5 as already present, flagged 0 as possible duplicates, 2 not imported (listed above)',
      )
    },
    // Two cold starts of the CLI under tsx: slow on a busy machine.
    180_000,
  )

  it.skipIf(skip)(
    'stores imported rows like signed ones: pending, deduplicated, flagged',
    async () => {
      const { docs } = await local.payload.find({
        collection: 'signatories',
        depth: 0,
        limit: 100,
        sort: 'createdAt',
      })
      expect(docs.map((doc) => doc.name)).toEqual([
        'Priya Shah',
        'Tom Reed',
        'Dr. Priya Shah',
        'Jo Banks',
      ])
      expect(docs.every((doc) => doc.status === 'pending' && doc.source === 'import')).toBe(true)
      expect(docs[2].possibleDuplicateOf).toBe(docs[0].id)
      expect(docs[3]).toMatchObject({
        email: null,
        display: 'counted_only',
        emailHash: expect.stringMatching(/^none:/),
      })
    },
  )

  it.skipIf(skip)(
    'erases contact details once a letter has been closed for the retention period',
    async () => {
      const { payload } = local
      const closed = await payload.create({
        collection: 'statements',
        data: {
          title: 'Long closed letter',
          kind: 'open_letter',
          _status: 'published',
          contentWarnings: { reviewed: true },
          signing: { open: false, closesAt: new Date(Date.now() - 200 * 86_400_000).toISOString() },
        },
      })
      const signatory = await payload.create({
        collection: 'signatories',
        data: {
          letter: closed.id,
          name: 'Kit Kept',
          role: 'Doctor',
          email: 'kit@example.org',
          ipHash: 'a'.repeat(64),
          display: 'full',
          status: 'approved',
        },
      })
      // A second signature on the same letter: after erasure neither has an address, and the
      // unique (letter, emailHash) index must still hold two of them.
      const second = await payload.create({
        collection: 'signatories',
        data: {
          letter: closed.id,
          name: 'Lee Second',
          role: 'Nurse',
          email: 'lee@example.org',
          display: 'full',
          status: 'approved',
        },
      })
      await payload.jobs.queue({ task: 'eraseContactDetailsAfterClosing', input: {} })
      await payload.jobs.run({ queue: 'default' })
      const after = await payload.findByID({
        collection: 'signatories',
        id: signatory.id,
        depth: 0,
      })
      expect(after).toMatchObject({
        name: 'Kit Kept',
        publicName: 'Kit Kept',
        email: null,
        emailHash: expect.stringMatching(/^none:/),
        ipHash: null,
      })
      const secondAfter = await payload.findByID({
        collection: 'signatories',
        id: second.id,
        depth: 0,
      })
      expect(secondAfter.email).toBeNull()
      expect(secondAfter.emailHash).toMatch(/^none:/)
      expect(secondAfter.emailHash).not.toBe(after.emailHash)
      const untouched = await payload.find({
        collection: 'signatories',
        depth: 0,
        where: { email: { equals: 'priya@example.org' } },
      })
      expect(untouched.totalDocs).toBe(1)
    },
  )
})
