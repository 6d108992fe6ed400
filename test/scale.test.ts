import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import pg from 'pg'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { writeManifest } from '../src/archive/manifest'
import { silentProgress } from '../src/archive/progress'
import { s3ClientConfig } from '../src/uploads/objectStorage'
import { type Auth, api } from './helpers/api'
import { runScript } from './helpers/cli'
import { createTestDatabase, type TestDatabase } from './helpers/databases'
import { phonePhotoWithGps } from './helpers/images'
import { connectLocalPayload, type LocalPayload } from './helpers/localPayload'
import { type RunningServer, startServer } from './helpers/server'
import { createTeam, type Team } from './helpers/team'

// Two instances of the production server on one PostgreSQL database, one S3-compatible server
// (s3rver) and one Redis, all started by scripts/test.mjs: what a second box behind a load
// balancer must not break.

type Doc = { id: number; slug?: string; _status?: string; title?: string }
type UploadDoc = Doc & {
  url: string
  filename: string
  sizes?: Record<string, { url?: string | null; filename?: string | null }>
}

const REDIS_URL = process.env.TEST_REDIS_URL
const S3_ENDPOINT = process.env.TEST_S3_ENDPOINT
const REVIEWED = { contentWarnings: { reviewed: true } }
// The address the load balancer reports for each client (TRUST_PROXY=loopback below), so
// each part of this file has its own rate-limit counters.
const fromAddress = (address: string) => ({ 'x-forwarded-for': address })

describe('two instances on PostgreSQL, S3-compatible storage and Redis', () => {
  let database: TestDatabase
  let environment: Record<string, string>
  let a: RunningServer
  let b: RunningServer
  let team: Team
  let editor: Auth
  let local: LocalPayload
  let s3: S3Client
  let bucket: string

  const serversByName = () => ({ A: a, B: b })

  /** An artist's phone photo (with GPS in its EXIF), uploaded to instance A. */
  const uploadPhoto = async (title: string, filename: string) => {
    const form = new FormData()
    const photo = await phonePhotoWithGps()
    form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), filename)
    form.append(
      '_payload',
      JSON.stringify({
        title,
        alt: 'A test picture with a red corner and a yellow circle on green.',
        consentToPublish: true,
        contentWarnings: { categories: ['police'] },
      }),
    )
    const uploaded = await fetch(`${a.url}/api/artwork`, {
      method: 'POST',
      body: form,
      headers: { authorization: `JWT ${team.artist.token}` },
    })
    const body = (await uploaded.json()) as { doc: UploadDoc }
    expect(uploaded.status, JSON.stringify(body)).toBe(201)
    return body.doc
  }

  // Each instance names its database sessions, so the test can tell whose session is whose.
  const startInstance = (name: 'A' | 'B') =>
    startServer(
      'postgres',
      { ...environment, DATABASE_URL: `${database.url}?application_name=stopsim-${name}` },
      { database },
    )

  beforeAll(async () => {
    if (!REDIS_URL || !S3_ENDPOINT) {
      throw new Error(
        'TEST_REDIS_URL and TEST_S3_ENDPOINT are not set: run the suite with `npm test`, which starts Redis and s3rver.',
      )
    }
    bucket = `stopsim-${crypto.randomBytes(4).toString('hex')}`
    const s3Settings = {
      bucket,
      endpoint: S3_ENDPOINT,
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    }
    s3 = new S3Client(s3ClientConfig(s3Settings))
    await s3.send(new CreateBucketCommand({ Bucket: bucket }))

    database = await createTestDatabase('postgres')
    environment = {
      // Every instance signs sessions and keys signatures' email hashes with the same secret.
      PAYLOAD_SECRET: crypto.randomBytes(32).toString('hex'),
      REDIS_URL,
      REDIS_KEY_PREFIX: `stopsim-test-${crypto.randomBytes(4).toString('hex')}:`,
      S3_BUCKET: bucket,
      S3_ENDPOINT,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
      JOBS_CRON: '* * * * * *',
      SIGN_RATE_LIMIT_PER_MINUTE: '3',
      TRUST_PROXY: 'loopback',
      // A minute: only invalidation can make B show a write straight away.
      API_CACHE_SECONDS: '60',
    }
    // Started together: they take turns at the migrations.
    ;[a, b] = await Promise.all([startInstance('A'), startInstance('B')])
    team = await createTeam(a.url)
    editor = { token: team.editor.token }
    local = await connectLocalPayload(database.url)
  })

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()])
    await local?.payload.destroy().catch(() => {})
    await database?.drop()
    s3?.destroy()
  })

  it('shows on B, at once, what was published on A', async () => {
    const clientA = api(a.url)
    const clientB = api(b.url)
    const draft = await clientA.request<{ doc: Doc }>('/api/statements?draft=true', {
      method: 'POST',
      auth: editor,
      body: { title: 'Published on one, read on the other', ...REVIEWED },
    })
    expect(draft.status, JSON.stringify(draft.body)).toBe(201)
    const listing = `/api/statements?where[id][equals]=${draft.body.doc.id}&depth=0`
    // B answers from its cache from now on, for up to API_CACHE_SECONDS.
    const before = await clientB.request<{ docs: Doc[] }>(listing)
    expect(before.body.docs).toHaveLength(0)
    const cached = await clientB.request<{ docs: Doc[] }>(listing)
    expect(cached.headers.get('x-cache')).toBe('HIT')

    const published = await clientA.request(`/api/statements/${draft.body.doc.id}`, {
      method: 'PATCH',
      auth: editor,
      body: { _status: 'published' },
    })
    expect(published.status).toBe(200)
    const publishedAt = Date.now()
    // On a loaded machine a read can take longer than 100 ms by itself: what counts is that a
    // read B began within 100 ms of the publication already shows it.
    let seen: { docs: Doc[] } | undefined
    let reads = 0
    let lastBegan: number
    do {
      lastBegan = Date.now()
      reads += 1
      seen = (await clientB.request<{ docs: Doc[] }>(listing)).body
    } while (seen.docs.length === 0 && Date.now() - publishedAt < 100)
    expect(
      seen.docs.map((doc) => doc.id),
      'B shows it within 100 ms',
    ).toEqual([draft.body.doc.id])
    expect(lastBegan - publishedAt).toBeLessThanOrEqual(100)
    console.log(
      `[scale] B showed A's publication on read ${reads}, begun ${lastBegan - publishedAt} ms after it`,
    )
  })

  it('keeps artwork in the bucket without EXIF, private on both while pending, served by B once approved', async () => {
    const artwork = await uploadPhoto('Across two servers', 'me.jpg')
    const urls = [
      artwork.url,
      ...Object.values(artwork.sizes ?? {}).flatMap((size) => (size.url ? [size.url] : [])),
    ]
    // /api/artwork/file/<name>?prefix=artwork: the object's key is artwork/<name>.
    const keyOf = (url: string) =>
      `artwork/${decodeURIComponent(new URL(url, a.url).pathname.split('/').pop()!)}`
    expect(urls).toHaveLength(7)

    // In the bucket, under the collection's prefix; nothing on either server's disk.
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'artwork/' }))
    const keys = (listed.Contents ?? []).map((object) => object.Key!).sort()
    expect(keys).toEqual(urls.map(keyOf).sort())
    for (const key of keys) {
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
      const bytes = Buffer.from(await object.Body!.transformToByteArray())
      const metadata = await sharp(bytes).metadata()
      expect(metadata.exif, key).toBeUndefined()
      expect(metadata.xmp, key).toBeUndefined()
      for (const trace of ['GPS', 'TestPhoneMaker', 'xmpmeta', 'Exif']) {
        expect(bytes.includes(trace), `${key} contains ${trace}`).toBe(false)
      }
    }
    for (const server of [a, b]) {
      expect(fs.readdirSync(server.mediaDir), 'no files on disk').toEqual([])
    }

    for (const [name, server] of Object.entries(serversByName())) {
      for (const url of urls) {
        const file = await fetch(new URL(url, server.url))
        expect(file.status, `${name} ${url} while pending`).toBe(403)
        expect(Buffer.from(await file.arrayBuffer()).includes('JFIF')).toBe(false)
      }
      const withArtist = await fetch(new URL(artwork.url, server.url), {
        headers: { authorization: `JWT ${team.artist.token}` },
      })
      expect(withArtist.status, `${name}: the artist sees their own`).toBe(200)
    }

    const approved = await api(a.url).request(`/api/artwork/${artwork.id}`, {
      method: 'PATCH',
      auth: team.moderator,
      body: { moderationStatus: 'approved', contentWarnings: { reviewed: true } },
    })
    expect(approved.status, JSON.stringify(approved.body)).toBe(200)
    for (const url of urls) {
      const file = await fetch(new URL(url, b.url))
      expect(file.status, `B ${url} once approved`).toBe(200)
      const key = keyOf(url)
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
      expect(Buffer.from(await file.arrayBuffer())).toEqual(
        Buffer.from(await object.Body!.transformToByteArray()),
      )
    }
  })

  it('answers HEAD of a file in the bucket as GET does, and an object missing from it with 404 and a message', async () => {
    const doc = await uploadPhoto('Lost from the bucket', 'lost.jpg')
    const approved = await api(a.url).request(`/api/artwork/${doc.id}`, {
      method: 'PATCH',
      auth: team.moderator,
      body: { moderationStatus: 'approved', contentWarnings: { reviewed: true } },
    })
    expect(approved.status, JSON.stringify(approved.body)).toBe(200)
    const url = new URL(doc.url, b.url)
    const got = await fetch(url)
    const bytes = Buffer.from(await got.arrayBuffer())
    expect(got.status).toBe(200)
    const headed = await fetch(url, { method: 'HEAD' })
    expect(headed.status, 'HEAD (probe: 404)').toBe(200)
    expect(headed.headers.get('content-type')).toBe(got.headers.get('content-type'))
    expect(headed.headers.get('content-length')).toBe(String(bytes.length))

    const Key = `artwork/${doc.filename}`
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key }))
    try {
      const logged = b.output().length
      for (const [who, auth] of [
        ['anonymous', undefined],
        ['moderator', team.moderator],
      ] as const) {
        const headers: Record<string, string> = auth ? { authorization: `JWT ${auth.token}` } : {}
        const missing = await fetch(url, { headers })
        expect(missing.status, who).toBe(404)
        const body = (await missing.json()) as { errors?: { message: string }[] }
        expect(body.errors?.[0]?.message, who).toMatch(/no such file/i)
        expect((await fetch(url, { method: 'HEAD', headers })).status, `HEAD, ${who}`).toBe(404)
      }
      expect(b.output().slice(logged)).not.toMatch(/"level":"error"|"stack"/)
    } finally {
      // The archive and backups below read every public file.
      await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key, Body: bytes, ContentType: 'image/jpeg' }),
      )
    }
  })

  // Three command-line runs, each starting Payload: slow on a busy machine.
  it(
    'backs up, restores and exports the bucket’s objects with the database, and puts them back when a replacing import or restore fails',
    { timeout: 600_000 },
    async () => {
      const bucketFiles = async (Bucket: string) => {
        const listed = await s3.send(new ListObjectsV2Command({ Bucket }))
        const files = new Map<string, Buffer>()
        for (const { Key } of listed.Contents ?? []) {
          const object = await s3.send(new GetObjectCommand({ Bucket, Key }))
          files.set(Key!, Buffer.from(await object.Body!.transformToByteArray()))
        }
        return files
      }
      // A published statement, which the archive holds whichever tests ran before.
      const statement = await api(a.url).request('/api/statements', {
        method: 'POST',
        auth: editor,
        body: { title: 'In the backup and the archive', _status: 'published', ...REVIEWED },
      })
      expect(statement.status, JSON.stringify(statement.body)).toBe(201)
      const stored = await bucketFiles(bucket)
      expect(stored.size).toBeGreaterThan(0)
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'stopsim-scale-backup-'))
      const target = await createTestDatabase('postgres')
      const targetBucket = `${bucket}-restored`
      await s3.send(new CreateBucketCommand({ Bucket: targetBucket }))
      const s3Env = (Bucket: string) => ({
        S3_BUCKET: Bucket,
        S3_ENDPOINT: environment.S3_ENDPOINT!,
        S3_ACCESS_KEY_ID: 'S3RVER',
        S3_SECRET_ACCESS_KEY: 'S3RVER',
        PAYLOAD_SECRET: environment.PAYLOAD_SECRET!,
        // Nothing on disk: a file found there would not be from the bucket.
        MEDIA_DIR: path.join(folder, 'no-media'),
      })
      try {
        const backedUp = await runScript('backup', ['--out', path.join(folder, 'backup')], {
          DATABASE_URL: database.url,
          ...s3Env(bucket),
        })
        expect(backedUp.code, backedUp.stderr).toBe(0)
        for (const [key, bytes] of stored) {
          expect(fs.readFileSync(path.join(folder, 'backup/media', key)), key).toEqual(bytes)
        }

        const restored = await runScript('restore', [path.join(folder, 'backup')], {
          DATABASE_URL: target.url,
          ...s3Env(targetBucket),
        })
        expect(restored.code, restored.stderr).toBe(0)
        expect(await bucketFiles(targetBucket)).toEqual(stored)

        const exported = await runScript(
          'archive:export',
          ['--out', path.join(folder, 'archive')],
          {
            DATABASE_URL: database.url,
            ...s3Env(bucket),
          },
        )
        expect(exported.code, exported.stderr).toBe(0)
        // The approved artwork is public, so its files are in the archive, as in the bucket.
        const artworkKeys = [...stored.keys()].filter((key) => key.startsWith('artwork/'))
        expect(artworkKeys.length).toBeGreaterThan(0)
        for (const key of artworkKeys) {
          expect(fs.readFileSync(path.join(folder, 'archive/files', key)), key).toEqual(
            stored.get(key),
          )
        }
        expect(fs.existsSync(path.join(folder, 'no-media'))).toBe(false)

        // Replacing what the restored copy holds, with an import or a restore that fails part
        // way, leaves its bucket as it was: objects Payload deleted with their documents, or
        // overwrote, are put back, and no copy is left behind.
        const targetEnv = { DATABASE_URL: target.url, ...s3Env(targetBucket) }
        const statementsIn = async () => {
          const client = new pg.Client({ connectionString: target.url })
          client.on('error', () => {})
          await client.connect()
          try {
            return (await client.query('select id, title from statements order by id')).rows
          } finally {
            await client.end()
          }
        }
        const statementsBefore = await statementsIn()
        const withNewManifest = async (copy: string) => {
          const manifestFile = path.join(copy, 'manifest.json')
          const { files: _files, ...header } = JSON.parse(fs.readFileSync(manifestFile, 'utf8'))
          fs.rmSync(manifestFile)
          await writeManifest(copy, header, silentProgress)
        }
        // An archive whose artwork original is another picture, and whose last statement no
        // longer passes validation.
        const brokenArchive = path.join(folder, 'broken-archive')
        fs.cpSync(path.join(folder, 'archive'), brokenArchive, { recursive: true })
        const [originalName] = JSON.parse(
          fs.readFileSync(path.join(brokenArchive, 'data/artwork.json'), 'utf8'),
        ).documents.map((doc: { filename: string }) => doc.filename)
        const originalFile = path.join(brokenArchive, 'files/artwork', originalName)
        fs.writeFileSync(
          originalFile,
          await sharp(fs.readFileSync(originalFile)).jpeg({ quality: 20 }).toBuffer(),
        )
        const statementsFile = path.join(brokenArchive, 'data/statements.json')
        const archivedStatements = JSON.parse(fs.readFileSync(statementsFile, 'utf8'))
        archivedStatements.documents.at(-1).title = ''
        fs.writeFileSync(statementsFile, JSON.stringify(archivedStatements))
        await withNewManifest(brokenArchive)
        const failedImport = await runScript(
          'archive:import',
          ['--replace', brokenArchive],
          targetEnv,
        )
        expect(failedImport.code, failedImport.stdout).not.toBe(0)
        expect(failedImport.stderr).toMatch(/statements \d+ could not be imported/)
        expect(await bucketFiles(targetBucket), 'the bucket after a failed import').toEqual(stored)
        expect(await statementsIn()).toEqual(statementsBefore)

        // A backup holding a file that cannot be copied into the bucket, standing in for the
        // storage service failing half way: one over the 2 GiB Node reads in one go (sparse,
        // so it takes no room on disk).
        const brokenBackup = path.join(folder, 'broken-backup')
        fs.cpSync(path.join(folder, 'backup'), brokenBackup, { recursive: true })
        const unreadable = path.join(brokenBackup, 'media/artwork/unreadable.png')
        fs.writeFileSync(unreadable, '')
        fs.truncateSync(unreadable, 2 ** 31 + 1)
        await withNewManifest(brokenBackup)
        // Something only the target's bucket holds: only putting back brings it back.
        await s3.send(
          new PutObjectCommand({
            Bucket: targetBucket,
            Key: 'media/only-in-this-bucket.txt',
            Body: 'not in the backup',
          }),
        )
        const beforeRestore = await bucketFiles(targetBucket)
        const failedRestore = await runScript('restore', ['--replace', brokenBackup], targetEnv)
        // What was there is backed up first, beside the project's SQLite data.
        const keptIn = /backing up what is there to (\S+)/.exec(
          failedRestore.stdout + failedRestore.stderr,
        )?.[1]
        if (keptIn) fs.rmSync(keptIn, { recursive: true, force: true })
        expect(failedRestore.code, failedRestore.stdout).not.toBe(0)
        expect(keptIn).toBeDefined()
        expect(failedRestore.stderr).toMatch(/greater than 2 GiB/)
        expect(await bucketFiles(targetBucket), 'the bucket after a failed restore').toEqual(
          beforeRestore,
        )
        expect(await statementsIn()).toEqual(statementsBefore)

        // And an import that succeeds leaves the archive's files and no copy.
        const imported = await runScript(
          'archive:import',
          ['--replace', path.join(folder, 'archive')],
          targetEnv,
        )
        expect(imported.code, imported.stderr).toBe(0)
        const afterImport = await bucketFiles(targetBucket)
        expect([...afterImport.keys()].filter((key) => !/^(artwork|media)\//.test(key))).toEqual([])
        for (const key of artworkKeys) expect(afterImport.get(key), key).toEqual(stored.get(key))
      } finally {
        await target.drop()
        fs.rmSync(folder, { recursive: true, force: true })
      }
    },
  )

  describe('signing an open letter on both', () => {
    let letter: Doc

    beforeAll(async () => {
      const created = await api(a.url).request<{ doc: Doc }>('/api/statements', {
        method: 'POST',
        auth: editor,
        body: {
          title: 'Open letter signed on two servers',
          kind: 'open_letter',
          signing: { open: true },
          _status: 'published',
          ...REVIEWED,
        },
      })
      expect(created.status, JSON.stringify(created.body)).toBe(201)
      letter = created.body.doc
    })

    const signature = (email: string) => ({
      letter: letter.slug,
      name: 'Sam Twice',
      role: 'Peer support worker',
      email,
      display: 'full',
      consent: true,
      website: '',
    })
    const sign = (server: RunningServer, body: unknown, address: string) =>
      api(server.url).request('/api/signatories/sign', {
        method: 'POST',
        body,
        headers: fromAddress(address),
      })

    it('stores one signature when the same one reaches A and B at once', async () => {
      const email = 'sam.twice@example.org'
      const answers = await Promise.all([
        sign(a, signature(email), '198.51.100.1'),
        sign(b, signature(email), '198.51.100.2'),
      ])
      for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBe(202)
      const stored = await api(a.url).request<{ totalDocs: number }>(
        `/api/signatories?depth=0&where[letter][equals]=${letter.id}&where[name][equals]=Sam%20Twice`,
        { auth: team.moderator },
      )
      expect(stored.body.totalDocs).toBe(1)
    })

    it('counts the limit of 3 signatures a minute across both instances', async () => {
      const address = '198.51.100.9'
      const statuses: number[] = []
      for (const [index, server] of [a, b, a, b].entries()) {
        statuses.push((await sign(server, signature(`limit-${index}@example.org`), address)).status)
      }
      expect(statuses).toEqual([202, 202, 202, 429])
    })
  })

  it(
    'counts login attempts across both instances, through REST and GraphQL alike',
    { timeout: 120_000 },
    async () => {
      const address = fromAddress('198.51.100.77')
      // An address with no account: no account is locked out for the tests that follow.
      const wrong = { email: 'nobody@team.example', password: 'not the password at all' }
      // LOGIN_RATE_LIMIT_PER_MINUTE is 20 by default: the attempts alternate between A and B.
      for (let attempt = 0; attempt < 20; attempt++) {
        const answer = await api((attempt % 2 ? b : a).url).request('/api/users/login', {
          method: 'POST',
          body: wrong,
          headers: address,
        })
        expect(answer.status, `attempt ${attempt + 1}`).toBe(401)
      }
      // The count inside Payload, which GraphQL's login meets, is shared too.
      const viaGraphql = await api(b.url).graphql(
        `mutation { loginUser(email: "${wrong.email}", password: "${wrong.password}") { token } }`,
        {},
        undefined,
        address,
      )
      expect(viaGraphql.body.errors?.[0]?.message).toMatch(/Too many login attempts/)
      const viaRest = await api(a.url).request('/api/users/login', {
        method: 'POST',
        body: wrong,
        headers: address,
      })
      expect(viaRest.status).toBe(429)
    },
  )

  describe('jobs', () => {
    const publishedVersions = async (id: number) =>
      (
        await local.payload.findVersions({
          collection: 'statements',
          where: {
            and: [{ parent: { equals: id } }, { 'version._status': { equals: 'published' } }],
          },
          depth: 0,
          limit: 0,
        })
      ).totalDocs
    const draftStatement = async (title: string) => {
      const created = await api(a.url).request<{ doc: Doc }>('/api/statements?draft=true', {
        method: 'POST',
        auth: editor,
        body: { title, ...REVIEWED },
      })
      expect(created.status, JSON.stringify(created.body)).toBe(201)
      return created.body.doc
    }
    const schedulePublication = (id: number, at: Date) =>
      local.payload.jobs.queue({
        task: 'schedulePublish',
        input: {
          type: 'publish',
          doc: { relationTo: 'statements', value: id },
          user: { relationTo: 'users', value: team.editor.userId as number },
        },
        waitUntil: at,
      })
    const waitFor = async (check: () => Promise<boolean>, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs
      while (Date.now() < deadline) {
        if (await check()) return true
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
      return false
    }
    const isPublished = async (id: number) =>
      (await api(b.url).request<Doc>(`/api/statements/${id}?depth=0`)).body._status === 'published'

    it(
      'carries out scheduled publications once while both instances run',
      { timeout: 120_000 },
      async () => {
        const drafts = await Promise.all(
          Array.from({ length: 5 }, (_, index) => draftStatement(`Scheduled ${index}`)),
        )
        const due = new Date(Date.now() + 1_000)
        const jobs = []
        for (const draft of drafts) jobs.push(await schedulePublication(draft.id, due))
        // A slow moment in the database: the test holds the due jobs' rows for a few seconds,
        // so that every instance that polls meanwhile finds them due and waits to claim them.
        const holder = new pg.Client({ connectionString: database.url })
        holder.on('error', () => {})
        await holder.connect()
        try {
          await holder.query('begin')
          await holder.query('select id from payload_jobs where id = any($1::int[]) for update', [
            jobs.map((job) => job.id),
          ])
          await new Promise((resolve) => setTimeout(resolve, due.getTime() - Date.now() + 3_000))
        } finally {
          await holder.query('commit').catch(() => {})
          await holder.end().catch(() => {})
        }
        const done = await waitFor(
          async () => (await Promise.all(drafts.map((d) => isPublished(d.id)))).every(Boolean),
          60_000,
        )
        expect(done, 'published within a minute').toBe(true)
        // Give a second runner, if there were one, time to publish again.
        await new Promise((resolve) => setTimeout(resolve, 3_000))
        for (const draft of drafts) expect(await publishedVersions(draft.id), draft.title).toBe(1)
        expect(
          a.output().includes('now the job runner') && b.output().includes('now the job runner'),
          'only one instance became the job runner',
        ).toBe(false)
      },
    )

    it(
      'finishes a job on the other instance when the one running it is killed',
      { timeout: 180_000 },
      async () => {
        const draft = await draftStatement('Published after a crash')
        // The test holds the statement's row, so the publication waits in mid-job.
        const holder = new pg.Client({ connectionString: database.url })
        holder.on('error', () => {})
        await holder.connect()
        let runnerName: 'A' | 'B' | undefined
        try {
          await holder.query('begin')
          await holder.query('select id from statements where id = $1 for update', [draft.id])
          await schedulePublication(draft.id, new Date())
          // Whose session waits for the row: that instance is running the job.
          await waitFor(async () => {
            const { rows } = await holder.query<{ name: string }>(
              `select application_name as name from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock'
                and application_name like 'stopsim-%'`,
            )
            runnerName = rows[0]?.name.replace('stopsim-', '') as 'A' | 'B' | undefined
            return Boolean(runnerName)
          }, 30_000)
          expect(runnerName, 'an instance is running the job').toBeDefined()
          expect(await serversByName()[runnerName!].signal('SIGKILL')).toBeNull()
        } finally {
          await holder.query('rollback').catch(() => {})
          await holder.end().catch(() => {})
        }
        const survivor = runnerName === 'A' ? b : a
        const finished = await waitFor(() => isPublishedOn(survivor, draft.id), 30_000)
        expect(finished, 'the other instance published it').toBe(true)
        expect(survivor.output()).toContain('took over 1 job(s)')
        await new Promise((resolve) => setTimeout(resolve, 2_000))
        expect(await publishedVersions(draft.id)).toBe(1)

        // Back to two, for what follows.
        const restarted = await startInstance(runnerName!)
        if (runnerName === 'A') a = restarted
        else b = restarted
      },
    )

    const isPublishedOn = async (server: RunningServer, id: number) =>
      (await api(server.url).request<Doc>(`/api/statements/${id}?depth=0`)).body._status ===
      'published'
  })

  it(
    'loses no request when A is stopped under load (a rolling restart)',
    { timeout: 120_000 },
    async () => {
      const paths = [
        '/api/statements?limit=10&depth=0',
        '/api/statements?limit=5&depth=1',
        '/api/artwork?limit=10',
        '/healthz',
      ]
      const aUrl = a.url
      let aDown = false
      let sent = 0
      let viaB = 0
      const failures: string[] = []
      // A load balancer: round robin over A and B, sending to B alone once A refuses
      // connections, and retrying on B a GET that A closed without answering.
      const balanced = async (path: string, turn: number) => {
        const first = !aDown && turn % 2 === 0 ? aUrl : b.url
        try {
          const response = await fetch(`${first}${path}`)
          await response.arrayBuffer()
          return response.status
        } catch {
          if (first === b.url) throw new Error(`B did not answer ${path}`)
          aDown = true
          viaB += 1
          const response = await fetch(`${b.url}${path}`)
          await response.arrayBuffer()
          return response.status
        }
      }
      const stopAt = Date.now() + 6_000
      let stopped: Promise<number | null> | undefined
      const worker = async (id: number) => {
        let turn = id
        while (Date.now() < stopAt) {
          turn += 1
          sent += 1
          if (!stopped && sent >= 100) stopped = a.signal('SIGTERM')
          const path = paths[turn % paths.length]!
          try {
            const status = await balanced(path, turn)
            if (status !== 200) failures.push(`${path}: ${status}`)
          } catch (error) {
            failures.push(`${path}: ${(error as Error).message}`)
          }
        }
      }
      await Promise.all(Array.from({ length: 8 }, (_, id) => worker(id)))
      expect(stopped, 'A was stopped during the run').toBeDefined()
      expect(await stopped).toBe(0)
      expect(a.output()).toContain('stopped cleanly')
      console.log(`[scale] ${sent} requests, ${viaB} retried on B after A closed, 0 lost`)
      expect(failures).toEqual([])
      expect(viaB).toBeGreaterThan(0)
    },
  )
})
