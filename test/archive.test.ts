import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'
import type { Browser } from 'playwright-core'

import sharp from 'sharp'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { exportArchive } from '../src/archive/exportArchive'
import { importArchive } from '../src/archive/importArchive'
import {
  ArchiveError,
  type Manifest,
  verificationPassed,
  verifyFolder,
  walkFiles,
  writeManifest,
} from '../src/archive/manifest'
import { progressTo, silentProgress } from '../src/archive/progress'
import { applyMigrations } from '../src/db'
import { seed } from '../src/seed'
import { DEMO_EMAIL_DOMAIN } from '../src/seed/signatures'
import { launchBrowser, screenshot } from './helpers/browser'
import { runScript } from './helpers/cli'
import { createTestDatabase, type TestDatabase, testDialects } from './helpers/databases'
import { plainPng } from './helpers/images'
import { connectLocalPayload, type LocalPayload, startLocalPayload } from './helpers/localPayload'

type Doc = Record<string, unknown> & { id: number | string }

const LETTER_SLUG = 'open-letter-end-police-involvement-in-crisis-care'
const SECRET_DRAFT = 'Secret draft wording that must never leave the CMS'

const temporaryFolder = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix))

/** What the archive must leave out, gathered while the test content is made. */
type Secrets = {
  emails: string[]
  /** Private values: real names behind anonymous display, hashes, notes, draft text, files. */
  values: string[]
  /** Signatories the public sees, by the name the public sees. */
  listedNames: string[]
  letterId: number | string
  approvedOnLetter: number
}

/**
 * The demo content, plus what a live site has that the public must never see: signatures in
 * every state and display choice, a published statement with an unpublished later draft, a
 * picture used only by a draft, and an approved signature on an unpublished letter.
 */
async function makeContent(payload: Payload, dialect: string): Promise<Secrets> {
  const passwordFile = path.join(temporaryFolder('stopsim-seed-'), 'accounts.json')
  const { accounts } = await seed(payload, { passwordFile })
  // The demo's own signatures are for the public site; here the letter holds only the ones below.
  await payload.delete({
    collection: 'signatories',
    where: { email: { like: DEMO_EMAIL_DOMAIN } },
    overrideAccess: true,
  })
  const {
    docs: [letter],
  } = await payload.find({
    collection: 'statements',
    where: { slug: { equals: LETTER_SLUG } },
    overrideAccess: true,
    depth: 0,
  })
  const draftLetter = await payload.create({
    collection: 'statements',
    draft: true,
    overrideAccess: true,
    data: { title: 'An unpublished letter', kind: 'open_letter', _status: 'draft' },
  })

  const signers = [
    {
      name: 'Ada Listed',
      display: 'full',
      status: 'approved',
      role: 'Nurse',
      organisation: 'Ward 7',
    },
    { name: 'Bea Nameonly', display: 'name_only', status: 'approved', role: 'Hidden role' },
    { name: 'Cyril Hiddenname', display: 'anonymous', status: 'approved', role: 'Psychiatrist' },
    { name: 'Dora Countedonly', display: 'counted_only', status: 'approved' },
    { name: 'Evan Pendingname', display: 'full', status: 'pending' },
    { name: 'Fay Rejectedname', display: 'full', status: 'rejected' },
    { name: 'Gus Verifiedname', display: 'full', status: 'verified' },
    { name: 'Hal Otherletter', display: 'full', status: 'approved', letter: draftLetter.id },
  ] as const
  const emails = accounts.map((account) => account.email)
  for (const [index, signer] of signers.entries()) {
    const email = `archive-signer-${index}-${dialect}@example.org`
    emails.push(email)
    await payload.create({
      collection: 'signatories',
      overrideAccess: true,
      data: {
        letter: ('letter' in signer ? signer.letter : letter.id) as number,
        name: signer.name,
        role: 'role' in signer ? signer.role : null,
        organisation: 'organisation' in signer ? signer.organisation : null,
        display: signer.display,
        status: signer.status,
        email,
        source: 'form',
        moderationNote: `Private note about signer ${index}`,
        ipHash: `iphash${index}${crypto.randomBytes(8).toString('hex')}`,
        consent: {
          notice: 'Consent notice text',
          version: 'v-test',
          givenAt: new Date().toISOString(),
        },
      },
    })
  }
  const stored = await payload.find({
    collection: 'signatories',
    overrideAccess: true,
    limit: 100,
    depth: 0,
  })
  const hashes = stored.docs.flatMap((doc) =>
    [doc.emailHash, doc.ipHash, doc.nameKey].filter((value): value is string => Boolean(value)),
  )

  // Published, with a later draft that must not be archived.
  await payload.update({
    collection: 'statements',
    id: letter.id,
    draft: true,
    overrideAccess: true,
    data: { summary: SECRET_DRAFT },
  })
  // A picture only a draft uses.
  const poster = await plainPng(640, 480)
  const draftOnly = await payload.create({
    collection: 'media',
    overrideAccess: true,
    data: { alt: 'A poster for something not yet announced.' },
    file: {
      data: poster,
      mimetype: 'image/png',
      name: 'unannounced-poster.png',
      size: poster.length,
    },
  })
  await payload.create({
    collection: 'updates',
    draft: true,
    overrideAccess: true,
    data: {
      title: 'An announcement still in draft',
      heroImage: draftOnly.id,
      _status: 'draft',
      date: new Date().toISOString(),
      category: 'news',
    },
  })

  return {
    emails,
    values: [
      // Shown by name only: the role stays private; shown as anonymous: the name does.
      'Hidden role',
      'Cyril Hiddenname',
      'Dora Countedonly',
      'Evan Pendingname',
      'Fay Rejectedname',
      'Gus Verifiedname',
      'Hal Otherletter',
      'Private note about signer',
      'Consent notice text',
      SECRET_DRAFT,
      'An unpublished letter',
      'An announcement still in draft',
      'unannounced-poster',
      // The seed's artwork waiting for review.
      'Study in red',
      'study-in-red',
      ...hashes,
    ],
    listedNames: ['Ada Listed', 'Bea Nameonly', 'Anonymous'],
    letterId: letter.id,
    approvedOnLetter: 4,
  }
}

// Fields that only moderators, the artist or the team may read, anywhere in the data files.
const PRIVATE_KEYS = [
  'email',
  'emailHash',
  'ipHash',
  'nameKey',
  'consent',
  'consentToPublish',
  'consentRecordedAt',
  'moderationNote',
  'moderationStatus',
  'moderatedAt',
  'artist',
  'createdBy',
  'possibleDuplicateOf',
  'confirmTokenHash',
  'withdrawTokenHash',
  'verifiedAt',
]
// A signatory's real name, role and organisation, review status and origin are private too.
const PRIVATE_SIGNATORY_KEYS = ['name', 'role', 'organisation', 'status', 'source']

function keysIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((entry) => keysIn(entry, found))
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      found.add(key)
      keysIn(child, found)
    }
  }
  return found
}

async function everyFile(root: string) {
  return (await walkFiles(root)).map((file) => ({
    file,
    bytes: fs.readFileSync(path.join(root, file)),
  }))
}

const readJson = (root: string, file: string) =>
  JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as {
    documents: Doc[]
  }

const withoutDate = ({ createdAt: _createdAt, ...rest }: Manifest) => rest

describe.each(testDialects())(
  'the public archive on $dialect',
  { timeout: 300_000 },
  ({ dialect, skip }) => {
    let source: LocalPayload
    let secrets: Secrets
    let out: string
    let manifest: Manifest
    let leftOut: string[]
    const progressLines: string[] = []

    beforeAll(async () => {
      if (skip) return
      source = await startLocalPayload(dialect)
      secrets = await makeContent(source.payload, dialect)
      out = path.join(temporaryFolder('stopsim-archive-'), 'archive')
      const result = await exportArchive(source.payload, {
        out,
        progress: progressTo((line) => progressLines.push(line), 0),
      })
      manifest = result.manifest
      leftOut = result.leftOut
    })
    afterAll(async () => {
      await source?.stop()
    })

    it.skipIf(skip)(
      'holds every published document, public signatures and the files they use',
      async () => {
        const publicCount = async (
          collection: 'statements' | 'updates' | 'pages' | 'trusts' | 'artwork',
        ) => (await source.payload.count({ collection, overrideAccess: false })).totalDocs
        for (const collection of ['statements', 'updates', 'pages', 'trusts', 'artwork'] as const) {
          const docs = readJson(out, `data/${collection}.json`).documents
          expect(docs.length, collection).toBe(await publicCount(collection))
          expect(docs.length, collection).toBeGreaterThan(0)
          expect(
            docs.every((doc) => doc._status === undefined || doc._status === 'published'),
          ).toBe(true)
        }
        const signatories = readJson(out, 'data/signatories.json').documents
        expect(signatories.map((doc) => doc.publicName).sort()).toEqual(
          [...secrets.listedNames].sort(),
        )
        expect(leftOut.join('\n')).toMatch(/^signatories \S+: its letter is not public/)
        const counts = JSON.parse(
          fs.readFileSync(path.join(out, 'data/signature-counts.json'), 'utf8'),
        )
        expect(counts).toEqual([
          { letter: secrets.letterId, signatures: secrets.approvedOnLetter, listed: 3 },
        ])

        // Media: only what published documents use, with every stored size of each.
        const media = readJson(out, 'data/media.json').documents
        expect(media.map((doc) => doc.filename).sort()).toEqual([
          'campaign-banner.png',
          'evening-vigil.jpg',
          'foi-replies-summary.pdf',
        ])
        const listed = new Map(manifest.files.map((file) => [file.path, file]))
        for (const doc of [...media, ...readJson(out, 'data/artwork.json').documents]) {
          const names = [
            doc.filename,
            ...Object.values(doc.sizes ?? {}).map((size) => (size as Doc | null)?.filename),
          ]
          for (const name of names.filter(Boolean)) {
            const collection = media.includes(doc) ? 'media' : 'artwork'
            expect(listed.has(`files/${collection}/${name}`), String(name)).toBe(true)
          }
        }
        expect(manifest).toMatchObject({
          format: 'stopsim-archive',
          formatVersion: 1,
          schema: { fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) },
          source: { database: source.payload.db.name },
        })
        for (const file of manifest.files) {
          const bytes = fs.readFileSync(path.join(out, file.path))
          expect(bytes.length, file.path).toBe(file.size)
          expect(crypto.createHash('sha256').update(bytes).digest('hex'), file.path).toBe(
            file.sha256,
          )
        }
        // Progress says how far each stage is, in documents or files and bytes.
        expect(progressLines).toContain('reading statements: 5/5')
        expect(
          progressLines.some((line) =>
            /^copying files: (\d+)\/\1, [\d.]+ KB of [\d.]+ KB \(100%\)$/.test(line),
          ),
        ).toBe(true)
      },
    )

    it.skipIf(skip)(
      'holds nothing private: no email address, hash, hidden name, draft or unapproved file',
      async () => {
        const files = await everyFile(out)
        expect(files.length).toBe(manifest.files.length + 2)
        for (const { file, bytes } of files) {
          const text = bytes.toString('latin1')
          for (const needle of [...secrets.emails, ...secrets.values]) {
            expect(text.includes(needle), `${file} contains ${needle}`).toBe(false)
          }
          expect(file).not.toMatch(/study-in-red|unannounced-poster/)
          // On the demo domain, only the address the contact page publishes.
          const addresses = text.match(/[\w.+-]+@demo\.stopsim\.invalid/g) ?? []
          expect(new Set(addresses), file).toEqual(
            new Set(addresses.length ? ['hello@demo.stopsim.invalid'] : []),
          )
        }
        for (const { file } of files.filter(({ file }) => file.startsWith('data/'))) {
          const keys = keysIn(JSON.parse(fs.readFileSync(path.join(out, file), 'utf8')))
          const forbidden =
            file === 'data/signatories.json'
              ? [...PRIVATE_KEYS, ...PRIVATE_SIGNATORY_KEYS]
              : PRIVATE_KEYS
          for (const key of forbidden) expect(keys.has(key), `${file} has "${key}"`).toBe(false)
        }
      },
    )

    it.skipIf(skip)('verifies, and names each missing, extra or altered file', async () => {
      const passed = await verifyFolder(out, silentProgress)
      expect(verificationPassed(passed)).toBe(true)
      expect(passed.checked).toBe(manifest.files.length)

      const damaged = path.join(temporaryFolder('stopsim-damaged-'), 'archive')
      fs.cpSync(out, damaged, { recursive: true })
      const victim = path.join(damaged, 'files/media/evening-vigil.jpg')
      const bytes = fs.readFileSync(victim)
      bytes[Math.floor(bytes.length / 2)] ^= 0x01
      fs.writeFileSync(victim, bytes)
      fs.rmSync(path.join(damaged, 'site/artwork/index.html'))
      fs.writeFileSync(path.join(damaged, 'data/notes.txt'), 'added later')
      const failed = await verifyFolder(damaged, silentProgress)
      expect(verificationPassed(failed)).toBe(false)
      expect(failed.altered).toEqual([
        { path: 'files/media/evening-vigil.jpg', reason: 'its SHA-256 checksum differs' },
      ])
      expect(failed.missing).toEqual(['site/artwork/index.html'])
      expect(failed.extra).toEqual(['data/notes.txt'])

      fs.writeFileSync(path.join(damaged, 'manifest.json'), '{"format":"something else"')
      await expect(verifyFolder(damaged, silentProgress)).rejects.toThrow(/not valid JSON/)
    })

    describe.skipIf(skip)('imported into an empty database', () => {
      let target: LocalPayload
      let again: string

      beforeAll(async () => {
        target = await startLocalPayload(dialect)
        await importArchive(target.payload, { from: out, replace: false, progress: silentProgress })
        again = path.join(temporaryFolder('stopsim-archive-again-'), 'archive')
        await exportArchive(target.payload, { out: again, progress: silentProgress })
      })
      afterAll(async () => {
        await target?.stop()
      })

      it('comes back with the same ids, slugs, relationships and files', async () => {
        for (const collection of ['statements', 'updates', 'pages', 'trusts'] as const) {
          const before = await source.payload.find({
            collection,
            overrideAccess: false,
            depth: 0,
            limit: 100,
            sort: 'id',
          })
          const after = await target.payload.find({
            collection,
            overrideAccess: false,
            depth: 0,
            limit: 100,
            sort: 'id',
          })
          const shape = (docs: object[]) =>
            docs.map((doc: Partial<Doc>) => [
              doc.id,
              doc.slug,
              doc.relatedTrusts,
              doc.relatedStatements,
              doc.heroImage,
              doc.attachments,
            ])
          expect(shape(after.docs), collection).toEqual(shape(before.docs))
        }
        const letter = await target.payload.findByID({
          collection: 'statements',
          id: secrets.letterId,
          depth: 1,
        })
        expect((letter.attachments as Doc[] | undefined)?.map((doc) => doc.filename)).toEqual([
          'foi-replies-summary.pdf',
        ])
        // The count of those who signed includes those not listed by name.
        const approved = await target.payload.count({
          collection: 'signatories',
          where: {
            and: [{ letter: { equals: secrets.letterId } }, { status: { equals: 'approved' } }],
          },
        })
        expect(approved.totalDocs).toBe(secrets.approvedOnLetter)
        // Every file served from the new media folder is byte for byte the archived one.
        const media = await target.payload.find({ collection: 'media', depth: 0 })
        for (const doc of media.docs) {
          const stored = fs.readFileSync(
            path.join(target.payload.collections.media.config.upload.staticDir!, doc.filename!),
          )
          expect(
            stored.equals(fs.readFileSync(path.join(out, 'files/media', doc.filename!))),
            doc.filename!,
          ).toBe(true)
        }
      })

      it('exports again to the same files with the same checksums', async () => {
        const second = JSON.parse(
          fs.readFileSync(path.join(again, 'manifest.json'), 'utf8'),
        ) as Manifest
        expect(second.files).toEqual(manifest.files)
        expect(withoutDate(second)).toEqual(withoutDate(manifest))
        expect(second.createdAt).not.toBe(manifest.createdAt)
      })

      it('goes on numbering new documents after the imported ones', async () => {
        const created = await target.payload.create({
          collection: 'statements',
          overrideAccess: true,
          data: { title: 'Written after the import', kind: 'statement', _status: 'draft' },
          draft: true,
        })
        const ids = (
          await target.payload.find({ collection: 'statements', draft: true, limit: 100, depth: 0 })
        ).docs.map((doc) => doc.id)
        expect(new Set(ids).size).toBe(ids.length)
        expect(ids).toContain(created.id)
      })

      it('refuses a database that is not empty, unless told to replace what is there', async () => {
        const count = async () =>
          (await target.payload.count({ collection: 'statements' })).totalDocs
        const before = await count()
        await expect(
          importArchive(target.payload, { from: out, replace: false, progress: silentProgress }),
        ).rejects.toThrow(
          /The database is not empty \(\d+ \w+.*\)\. Import into an empty database, or add --replace/,
        )
        expect(await count()).toBe(before)
        // Choosing ids is for the import alone, never left on for API clients afterwards.
        expect(target.payload.db.allowIDOnCreate).toBeFalsy()
        await importArchive(target.payload, { from: out, replace: true, progress: silentProgress })
        expect(target.payload.db.allowIDOnCreate).toBeFalsy()
        expect(await count()).toBe(readJson(out, 'data/statements.json').documents.length)
      })

      it('refuses a damaged archive and leaves the database as it was', async () => {
        const damaged = path.join(temporaryFolder('stopsim-damaged-'), 'archive')
        fs.cpSync(out, damaged, { recursive: true })
        fs.appendFileSync(path.join(damaged, 'data/trusts.json'), ' ')
        const before = await target.payload.count({ collection: 'trusts' })
        const refusal = importArchive(target.payload, {
          from: damaged,
          replace: true,
          progress: silentProgress,
        })
        await expect(refusal).rejects.toThrow(ArchiveError)
        await expect(refusal).rejects.toThrow('data/trusts.json has been altered')
        expect(await target.payload.count({ collection: 'trusts' })).toEqual(before)
      })

      it('puts everything back when an import with --replace fails part way', async () => {
        // A well-formed archive whose last trust no longer passes validation.
        const broken = path.join(temporaryFolder('stopsim-broken-'), 'archive')
        fs.cpSync(out, broken, { recursive: true })
        const trustsFile = path.join(broken, 'data/trusts.json')
        const trusts = JSON.parse(fs.readFileSync(trustsFile, 'utf8'))
        trusts.documents[trusts.documents.length - 1].odsCode = 'not an ODS code'
        fs.writeFileSync(trustsFile, JSON.stringify(trusts))
        fs.rmSync(path.join(broken, 'manifest.json'))
        const { files: _files, ...header } = manifest
        await writeManifest(broken, header, silentProgress)

        // Something only this database has, which --replace deletes before importing.
        const picture = await plainPng(300, 200)
        await target.payload.create({
          collection: 'media',
          data: { alt: 'Only in this database.' },
          file: {
            data: picture,
            mimetype: 'image/png',
            name: 'only-here.png',
            size: picture.length,
          },
        })
        const mediaDir = target.payload.collections.media.config.upload.staticDir!
        const snapshot = () =>
          Object.fromEntries(
            fs
              .readdirSync(mediaDir)
              .map((name) => [name, fs.readFileSync(path.join(mediaDir, name))]),
          )
        const counts = async () =>
          Promise.all(
            (['statements', 'trusts', 'media', 'signatories'] as const).map(
              async (collection) => (await target.payload.count({ collection })).totalDocs,
            ),
          )
        const [filesBefore, countsBefore] = [snapshot(), await counts()]
        await expect(
          importArchive(target.payload, { from: broken, replace: true, progress: silentProgress }),
        ).rejects.toThrow(/^trusts \d+ could not be imported: .*odsCode.*Nothing was imported\.$/)
        expect(await counts()).toEqual(countsBefore)
        expect(snapshot()).toEqual(filesBefore)
        expect(Object.keys(filesBefore)).toContain('only-here.png')
        expect(
          fs.readdirSync(path.dirname(mediaDir)).filter((name) => name.includes('before-import')),
        ).toEqual([])
      })

      it('checks every archived size like an upload, and makes a bad one again from the original', async () => {
        const tampered = path.join(temporaryFolder('stopsim-tampered-'), 'archive')
        fs.cpSync(out, tampered, { recursive: true })
        const size = 'files/media/campaign-banner-400x400.png'
        // A second file hidden after the image: a polyglot, as the upload checks refuse.
        fs.appendFileSync(path.join(tampered, size), Buffer.from('PK\x03\x04hidden', 'latin1'))
        fs.rmSync(path.join(tampered, 'manifest.json'))
        const { files: _files, ...header } = manifest
        await writeManifest(tampered, header, silentProgress)

        const result = await importArchive(target.payload, {
          from: tampered,
          replace: true,
          progress: silentProgress,
        })
        expect(result.warnings).toEqual([
          expect.stringMatching(
            /^media \d+: the archived thumbnail size campaign-banner-400x400\.png was not used \(.*two files in one.*\); it was made again from the original\.$/,
          ),
        ])
        const mediaDir = target.payload.collections.media.config.upload.staticDir!
        const stored = fs.readFileSync(path.join(mediaDir, 'campaign-banner-400x400.png'))
        expect(stored.includes('PK\x03\x04')).toBe(false)
        expect((await sharp(stored).metadata()).width).toBe(400)
      })
    })

    it.skipIf(skip)(
      'stops without leaving a half-written archive when a stored file is missing',
      async () => {
        const folder = source.payload.collections.media.config.upload.staticDir!
        const stored = path.join(folder, 'evening-vigil-800x600.jpg')
        const aside = `${stored}.aside`
        fs.renameSync(stored, aside)
        try {
          const target = path.join(temporaryFolder('stopsim-incomplete-'), 'archive')
          await expect(
            exportArchive(source.payload, { out: target, progress: silentProgress }),
          ).rejects.toThrow(
            /These stored files are missing from MEDIA_DIR, so the archive would be incomplete: .*evening-vigil-800x600\.jpg/,
          )
          expect(fs.existsSync(target)).toBe(false)
          await expect(
            exportArchive(source.payload, { out, progress: silentProgress }),
          ).rejects.toThrow('is not empty. Write the archive into a new or empty folder.')
        } finally {
          fs.renameSync(aside, stored)
        }
      },
    )
  },
)

// The strongest case, as an operator runs it: `npm run` commands only, from SQLite to a new
// PostgreSQL database on what could be another machine.
// Each export starts the production server to draw the static copy, so allow for a busy machine.
describe('from SQLite to PostgreSQL with the npm commands', { timeout: 300_000 }, () => {
  let sqliteDatabase: TestDatabase
  let sqlite: LocalPayload
  let postgres: TestDatabase
  let secrets: Secrets
  let browser: Browser
  const root = temporaryFolder('stopsim-cli-archive-')
  const out = path.join(root, 'archive')
  const sqliteMedia = temporaryFolder('stopsim-cli-media-')
  const postgresMedia = temporaryFolder('stopsim-cli-media-')
  const env = (databaseUrl: string, mediaDir: string) => ({
    DATABASE_URL: databaseUrl,
    MEDIA_DIR: mediaDir,
    PAYLOAD_SECRET: crypto.randomBytes(24).toString('hex'),
  })

  beforeAll(async () => {
    sqliteDatabase = await createTestDatabase('sqlite')
    sqlite = await connectLocalPayload(sqliteDatabase.url, { MEDIA_DIR: sqliteMedia })
    await applyMigrations(sqlite.payload)
    secrets = await makeContent(sqlite.payload, 'cli')
    postgres = await createTestDatabase('postgres')
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await sqlite?.stop()
    await sqliteDatabase?.drop()
    await postgres?.drop()
  })

  it('exports with progress, verifies, and names a file with one altered byte', async () => {
    const exported = await runScript(
      'archive:export',
      ['--out', out],
      env(sqlite.databaseUrl, sqliteMedia),
      240_000,
    )
    expect(exported.code, exported.stderr).toBe(0)
    expect(exported.stdout).toMatch(/^Exported \d+ documents \(5 statements, /m)
    expect(exported.stderr).toMatch(/^copying files: (\d+)\/\1, [\d.]+ KB of [\d.]+ KB \(100%\)$/m)

    const verified = await runScript('archive:verify', [out], {})
    expect(verified.code, verified.stderr).toBe(0)
    expect(verified.stdout).toMatch(/^All \d+ files \([\d.]+ [KM]B\) match the manifest/m)

    const damaged = path.join(root, 'damaged')
    fs.cpSync(out, damaged, { recursive: true })
    const page = path.join(damaged, `site/statements/${LETTER_SLUG}.html`)
    const bytes = fs.readFileSync(page)
    bytes[200] = bytes[200] === 0x41 ? 0x42 : 0x41
    fs.writeFileSync(page, bytes)
    const failed = await runScript('archive:verify', [damaged], {})
    expect(failed.code).toBe(1)
    expect(failed.stdout).toContain(
      `altered: site/statements/${LETTER_SLUG}.html (its SHA-256 checksum differs)`,
    )
    expect(failed.stdout).toContain('does NOT match its manifest: 1 file differs')

    const nothing = await runScript('archive:verify', [path.join(root, 'no-such-folder')], {})
    expect(nothing.code).toBe(1)
    expect(nothing.stderr).toContain('is not a folder')
    const usage = await runScript('archive:verify', [], {})
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('Usage: npm run archive:verify')
  })

  it('imports into an empty PostgreSQL database, which exports the same archive again', async () => {
    const imported = await runScript('archive:import', [out], env(postgres.url, postgresMedia))
    expect(imported.code, imported.stderr).toBe(0)
    expect(imported.stdout).toMatch(/^Imported \d+ documents .* and \d+ files/m)
    expect(imported.stderr).toMatch(/^importing media: 3\/3, [\d.]+ KB of [\d.]+ KB \(100%\)$/m)

    const again = path.join(root, 'again')
    const exported = await runScript(
      'archive:export',
      ['--out', again],
      env(postgres.url, postgresMedia),
      240_000,
    )
    expect(exported.code, exported.stderr).toBe(0)
    const first = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest
    const second = JSON.parse(
      fs.readFileSync(path.join(again, 'manifest.json'), 'utf8'),
    ) as Manifest
    expect(second.files).toEqual(first.files)
    expect(first.source).toMatchObject({ database: 'sqlite' })
    expect(second.source).toMatchObject({ database: 'postgres' })

    const refused = await runScript('archive:import', [out], env(postgres.url, postgresMedia))
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('The import stopped: The database is not empty')
  })

  it('opens the static copy from the file system, with no server and no script', async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 1100, height: 900 },
    })
    const page = await context.newPage()
    const site = path.join(out, 'site')
    await page.goto(`file://${site}/index.html`)
    await page
      .getByRole('link', {
        name: 'Open letter: end police involvement in mental-health crisis care',
      })
      .click()
    expect(page.url()).toBe(`file://${site}/statements/${LETTER_SLUG}.html`)
    // The same page the live site draws, in archive mode: the letter says it has closed.
    expect(await page.locator('.count').innerText()).toBe(
      `${secrets.approvedOnLetter} people have signed`,
    )
    expect(await page.locator('.letter-closed').innerText()).toContain('This letter is closed')
    const names = await page.locator('ol.signatories .name').allInnerTexts()
    expect(names.sort()).toEqual([...secrets.listedNames].sort())
    // Content warnings fold the text away until the reader opens them.
    const warning = page.locator('details.cw').first()
    expect(await warning.getAttribute('open')).toBeNull()
    await warning.locator('summary').click()
    expect(await warning.getAttribute('open')).not.toBeNull()
    await screenshot(page, 'archive-letter')

    await page.goto(`file://${site}/trusts/index.html`)
    const rows = page.locator('#register tbody tr')
    expect(await rows.count()).toBe(readJson(out, 'data/trusts.json').documents.length)
    expect((await page.locator('#register thead th').allInnerTexts()).join(' | ')).toContain(
      'Status',
    )
    await screenshot(page, 'archive-trusts-register')

    // Every image on every page loads from the folder itself.
    for (const file of ['index.html', 'artwork/index.html', 'updates/the-campaign-launches.html']) {
      await page.goto(`file://${site}/${file}`)
      const broken = await page
        .locator('img')
        .evaluateAll((images) =>
          images
            .filter((image) => !(image as HTMLImageElement).naturalWidth)
            .map((image) => (image as HTMLImageElement).src),
        )
      expect(broken, file).toEqual([])
    }
    await screenshot(page, 'archive-update')
    // Every link stays inside the archive or goes to an outside source.
    const html = (await everyFile(site)).filter(({ file }) => file.endsWith('.html'))
    for (const { file, bytes } of html) {
      for (const [, href] of bytes.toString('utf8').matchAll(/(?:href|src)="([^"]*)"/g)) {
        if (/^https?:\/\//.test(href)) continue
        const target = path.resolve(path.dirname(path.join(site, file)), href.replace(/#.*$/, ''))
        expect(target.startsWith(site) && fs.existsSync(target), `${file} → ${href}`).toBe(true)
      }
      expect(bytes.toString('utf8'), file).not.toMatch(/<script/i)
    }
    await context.close()
  })
})
