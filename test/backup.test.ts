import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { createClient } from '@libsql/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Manifest, verificationPassed, verifyFolder } from '../src/archive/manifest'
import { silentProgress } from '../src/archive/progress'
import { type Auth, api } from './helpers/api'
import { runScript } from './helpers/cli'
import { createTestDatabase, type TestDatabase, testDialects } from './helpers/databases'
import { plainPng } from './helpers/images'
import { type RunningServer, startServer } from './helpers/server'
import { createTeam, TEAM_PASSWORD } from './helpers/team'

type Doc = { id: number | string; slug?: string; filename?: string; url?: string; email?: string }

const SERVER_ENV = { SIGN_RATE_LIMIT_PER_MINUTE: '0', LOGIN_RATE_LIMIT_PER_MINUTE: '0' }
const temporaryFolder = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix))

describe.each(testDialects().filter(({ dialect }) => dialect !== 'mongodb'))(
  'full backup and restore on $dialect',
  ({ dialect }) => {
    let server: RunningServer
    let editor: Auth
    let letter: Doc
    let artwork: Doc
    let artworkBytes: Buffer
    let target: TestDatabase
    let restored: RunningServer | undefined
    const out = path.join(temporaryFolder('stopsim-backup-'), 'backup')
    const targetMedia = temporaryFolder('stopsim-restored-media-')
    const client = () => api(server.url)
    const sign = (email: string) =>
      client().request('/api/signatories/sign', {
        method: 'POST',
        body: { letter: letter.slug, name: 'Rita Restored', email, consent: true, website: '' },
      })

    beforeAll(async () => {
      server = await startServer(dialect, SERVER_ENV)
      const team = await createTeam(server.url)
      editor = team.editor
      const created = await client().request<{ doc: Doc }>('/api/statements', {
        method: 'POST',
        auth: editor,
        body: {
          title: 'A letter worth keeping',
          kind: 'open_letter',
          contentWarnings: { reviewed: true },
          _status: 'published',
        },
      })
      expect(created.status).toBe(201)
      letter = created.body.doc
      expect((await sign('rita@example.org')).status).toBe(202)
      const form = new FormData()
      const picture = await plainPng(500, 400)
      form.append('file', new Blob([new Uint8Array(picture)], { type: 'image/png' }), 'x.png')
      form.append('_payload', JSON.stringify({ title: 'Kept safe', alt: 'A green field.' }))
      const uploaded = await fetch(`${server.url}/api/artwork`, {
        method: 'POST',
        body: form,
        headers: { authorization: `JWT ${team.artist.token}` },
      })
      expect(uploaded.status).toBe(201)
      artwork = ((await uploaded.json()) as { doc: Doc }).doc
      artworkBytes = fs.readFileSync(path.join(server.mediaDir, 'artwork', artwork.filename!))
      target = await createTestDatabase(dialect)
    })
    afterAll(async () => {
      await restored?.stop()
      await server?.stop()
      await target?.drop()
    })

    const serverEnv = () => ({ DATABASE_URL: server.database.url, MEDIA_DIR: server.mediaDir })
    const targetEnv = () => ({ DATABASE_URL: target.url, MEDIA_DIR: targetMedia })

    it('backs up the database and media while the server keeps taking signatures', async () => {
      const signing = Promise.all(
        Array.from({ length: 20 }, (_, index) => sign(`during-backup-${index}@example.org`)),
      )
      const [result, signed] = await Promise.all([
        runScript('backup', ['--out', out], serverEnv()),
        signing,
      ])
      expect(result.code, result.stderr).toBe(0)
      expect(signed.every((response) => response.status === 202)).toBe(true)
      expect(result.stdout).toMatch(
        new RegExp(
          `^Backed up the ${dialect} database \\([\\d.]+ [KM]B\\) and \\d+ media files`,
          'm',
        ),
      )
      expect(result.stderr).toMatch(
        /^copying media files: (\d+)\/\1, [\d.]+ KB of [\d.]+ KB \(100%\)$/m,
      )

      const verification = await verifyFolder(out, silentProgress)
      expect(verificationPassed(verification)).toBe(true)
      const manifest: Manifest = verification.manifest
      expect(manifest).toMatchObject({ format: 'stopsim-backup', source: { database: dialect } })
      // The connection string's password never lands in the backup.
      expect(JSON.stringify(manifest)).not.toContain(':stopsim_test@')
      const paths = manifest.files.map((file) => file.path)
      expect(paths).toContain(`media/artwork/${artwork.filename}`)
      if (dialect === 'sqlite') {
        // A consistent database of its own, not a copy of a file in use.
        const copy = createClient({ url: `file:${path.join(out, 'database.sqlite')}` })
        const check = await copy.execute('PRAGMA quick_check')
        expect(check.rows[0]?.[0]).toBe('ok')
        const titles = await copy.execute('SELECT title FROM statements')
        expect(titles.rows.map((row) => row.title)).toContain('A letter worth keeping')
        copy.close()
      } else {
        expect(paths).toContain('database.pgdump')
        expect(fs.readFileSync(path.join(out, 'database.pgdump')).subarray(0, 5).toString()).toBe(
          'PGDMP',
        )
      }
    })

    it('refuses a damaged backup, naming the file, and touches nothing', async () => {
      const damaged = path.join(temporaryFolder('stopsim-damaged-backup-'), 'backup')
      fs.cpSync(out, damaged, { recursive: true })
      const file = path.join(damaged, 'media/artwork', artwork.filename!)
      const bytes = fs.readFileSync(file)
      bytes[bytes.length - 20] ^= 0xff
      fs.writeFileSync(file, bytes)
      const result = await runScript('restore', [damaged], targetEnv())
      expect(result.code).toBe(1)
      expect(result.stderr).toContain(
        `The backup does not match its manifest, so nothing was restored: media/artwork/${artwork.filename} has been altered.`,
      )
      expect(fs.readdirSync(targetMedia)).toEqual([])
    })

    it('restores into an empty database, which then serves everything, private data included', async () => {
      const result = await runScript('restore', [out], targetEnv())
      expect(result.code, result.stderr).toBe(0)
      expect(result.stdout).toContain('Restored the database and')

      restored = await startServer(dialect, { ...SERVER_ENV, ...targetEnv() })
      const restoredClient = api(restored.url)
      // Accounts came back with their passwords.
      const admin = await restoredClient.login('admin@team.example', TEAM_PASSWORD)
      const letters = await restoredClient.request<{ docs: Doc[] }>('/api/statements')
      expect(letters.body.docs.map((doc) => doc.id)).toContain(letter.id)
      const signatures = await restoredClient.request<{ docs: Doc[]; totalDocs: number }>(
        `/api/signatories?limit=100&where[letter][equals]=${letter.id}`,
        { auth: admin },
      )
      expect(signatures.body.docs.map((doc) => doc.email)).toContain('rita@example.org')
      expect(signatures.body.totalDocs).toBeGreaterThanOrEqual(1)
      const file = await fetch(`${restored.url}/api/artwork/file/${artwork.filename}`, {
        headers: { authorization: `JWT ${admin.token}` },
      })
      expect(file.status).toBe(200)
      expect(Buffer.from(await file.arrayBuffer()).equals(artworkBytes)).toBe(true)
      // New documents carry on after the restored ones.
      const created = await restoredClient.request<{ doc: Doc }>('/api/statements', {
        method: 'POST',
        auth: admin,
        body: { title: 'Written after the restore' },
      })
      expect(created.status).toBe(201)
      await restored.stop()
      restored = undefined
    })

    it('refuses to restore over data unless told to, and then keeps a backup of what it replaces', async () => {
      const refused = await runScript('restore', [out], targetEnv())
      expect(refused.code).toBe(1)
      expect(refused.stderr).toMatch(
        /The restore stopped: Nothing was restored: .* Restore into an empty database and media folder, or add --replace/,
      )
      const replaced = await runScript('restore', ['--replace', out], targetEnv())
      expect(replaced.code, replaced.stderr).toBe(0)
      const kept = /What was there before is backed up in (\S+)/.exec(replaced.stdout)?.[1]
      expect(kept).toBeTruthy()
      try {
        const verification = await verifyFolder(kept!, silentProgress)
        expect(verificationPassed(verification)).toBe(true)
        // What was replaced included the document written after the first restore.
        expect(verification.manifest.files.length).toBeGreaterThan(1)
      } finally {
        fs.rmSync(kept!, { recursive: true, force: true })
      }
    })
  },
)

describe('backup commands refuse what they cannot do', () => {
  it('explain MongoDB, a missing database, and how to call them', async () => {
    const out = path.join(temporaryFolder('stopsim-backup-'), 'backup')
    const mongo = await runScript('backup', ['--out', out], {
      DATABASE_URL: 'mongodb://127.0.0.1:9/stopsim',
    })
    expect(mongo.code).toBe(1)
    expect(mongo.stderr).toContain('Backups of MongoDB are not built in: use `mongodump`')
    const missing = await runScript('backup', ['--out', out], {
      DATABASE_URL: `file:${path.join(temporaryFolder('stopsim-none-'), 'none.db')}`,
    })
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/There is no SQLite database at .*none\.db/)
    const wrongPassword = new URL(process.env.TEST_POSTGRES_URL!)
    wrongPassword.password = 'not-the-password'
    const refused = await runScript('backup', ['--out', out], {
      DATABASE_URL: wrongPassword.toString(),
    })
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(
      /pg_dump failed \(exit code 1\): .*password authentication failed/,
    )
    // Nothing half-written is left to be mistaken for a backup.
    expect(fs.existsSync(out)).toBe(false)
    const usage = await runScript('backup', [], {})
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('Usage: npm run backup -- --out')
  })
})
