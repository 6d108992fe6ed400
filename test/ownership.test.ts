import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { tokenHash } from '../src/collections/Signatories/tokens'

import { type Auth, api } from './helpers/api'
import { testDialects } from './helpers/databases'
import { gqlEnum, toGraphQLLiteral } from './helpers/graphqlLiteral'
import { connectLocalPayload, type LocalPayload } from './helpers/localPayload'
import { type RunningServer, startServer } from './helpers/server'
import { createTeam, type Team, TEAM_PASSWORD } from './helpers/team'

// Regression cases for what an outside probe found about who owns what (issue 12): a withdrawn
// signature republished, an artist's work rewritten by moderators, live pages changed through
// an uploader's media, a reviewed flag set by artists, and formulas in the CSV export. Each
// failed on the main branch of 2026-12-02 before it was fixed.

type Id = number | string
type Who = 'anonymous' | 'artist' | 'otherArtist' | 'moderator' | 'contributor' | 'editor' | 'admin'
type Transport = 'REST' | 'GraphQL'
type Doc = Record<string, unknown> & { id: Id }
type GraphqlBody = {
  data?: Record<string, unknown> | null
  errors?: { message: string; extensions?: { statusCode?: number } }[]
}

const TRANSPORTS: Transport[] = ['REST', 'GraphQL']
const SERVER_ENV = { SIGN_RATE_LIMIT_PER_MINUTE: '0', LOGIN_RATE_LIMIT_PER_MINUTE: '0' }
// A 1×1 PNG: enough for an upload, small enough for every test to make its own.
const PNG = (shade: number) =>
  Buffer.from(
    shade % 2
      ? 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=='
      : 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  )

let unique = 0
const mark = (label: string) => `${label}${Date.now().toString(36)}${(unique++).toString(36)}`

describe.each(testDialects())('who owns what on $dialect', ({ dialect, skip }) => {
  let server: RunningServer
  let client: ReturnType<typeof api>
  let team: Team
  let otherArtist: Auth & { userId: Id }
  let local: LocalPayload

  beforeAll(async () => {
    if (skip) return
    server = await startServer(dialect, SERVER_ENV)
    client = api(server.url)
    team = await createTeam(server.url)
    const created = await client.request('/api/users', {
      method: 'POST',
      auth: team.admin,
      body: {
        email: 'other-artist@team.example',
        password: TEAM_PASSWORD,
        name: 'Other artist',
        roles: ['artist'],
      },
    })
    expect(created.status).toBe(201)
    otherArtist = await client.login('other-artist@team.example', TEAM_PASSWORD)
    local = await connectLocalPayload(server.database.url, { MEDIA_DIR: server.mediaDir })
  })
  afterAll(async () => {
    await local?.stop()
    await server?.stop()
  })

  const auth = (who: Who): Auth | undefined =>
    who === 'anonymous' ? undefined : who === 'otherArtist' ? otherArtist : team[who]

  const rest = async <T = Doc>(who: Who, path: string, method = 'GET', body?: unknown) => {
    const response = await client.request<T>(path, { method, auth: auth(who), body })
    expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBeLessThan(500)
    return response
  }

  const gql = async (who: Who, query: string) => {
    const response = await client.graphql(query, {}, auth(who))
    const body = response.body as GraphqlBody
    expect(response.status, JSON.stringify(body)).toBeLessThan(500)
    for (const error of body.errors ?? []) {
      expect(error.message).toBeTruthy()
      expect(error.extensions?.statusCode ?? 400, error.message).toBeLessThan(500)
    }
    return body
  }

  /** A refusal with a message, on either transport. */
  const expectRefused = (
    result: { status: number; body: unknown } | GraphqlBody,
    status: number,
    words?: RegExp,
  ) => {
    if ('status' in result) {
      expect(result.status, JSON.stringify(result.body)).toBe(status)
      const body = result.body as { errors?: { message: string }[] }
      if (words) expect(body.errors?.[0]?.message).toMatch(words)
    } else {
      expect(result.errors?.length, JSON.stringify(result)).toBeTruthy()
      expect(result.errors?.[0]?.extensions?.statusCode, JSON.stringify(result)).toBe(status)
      if (words) expect(result.errors?.[0]?.message).toMatch(words)
    }
  }

  const upload = async (
    collection: 'artwork' | 'media',
    who: Who,
    data: Record<string, unknown>,
    { method = 'POST', id, shade = 0 }: { method?: string; id?: Id; shade?: number } = {},
  ) => {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(PNG(shade))], { type: 'image/png' }), 'a.png')
    form.append('_payload', JSON.stringify(data))
    const token = auth(who)?.token
    const response = await fetch(`${server.url}/api/${collection}${id ? `/${id}` : ''}`, {
      method,
      body: form,
      headers: token ? { authorization: `JWT ${token}` } : {},
    })
    const text = await response.text()
    expect(response.status, text).toBeLessThan(500)
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : {}) as { doc?: Doc; errors?: { message: string }[] },
    }
  }

  const createLetter = async () => {
    const response = await rest<{ doc: Doc }>('editor', '/api/statements', 'POST', {
      title: mark('Letter '),
      kind: 'open_letter',
      contentWarnings: { reviewed: true },
      _status: 'published',
    })
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    return response.body.doc
  }

  const addSignature = async (letter: Id, data: Record<string, unknown>) => {
    const response = await rest<{ doc: Doc }>('editor', '/api/signatories', 'POST', {
      letter,
      role: 'Nurse',
      organisation: 'A ward',
      email: `${mark('signer')}@example.com`,
      display: 'full',
      status: 'approved',
      ...data,
    })
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    return response.body.doc
  }

  const stored = (collection: 'signatories' | 'artwork' | 'media' | 'updates', id: Id) =>
    local.payload.findByID({
      collection,
      id,
      depth: 0,
      overrideAccess: true,
    }) as unknown as Promise<Doc>

  describe('a withdrawn signature stays withdrawn (H1)', () => {
    /** Signed, then withdrawn with the link from the confirmation email. */
    const withdrawnWithLink = async (letter: Id, name: string) => {
      const signature = await addSignature(letter, { name })
      const token = mark('withdraw-token-')
      await local.payload.update({
        collection: 'signatories',
        id: signature.id,
        data: { withdrawTokenHash: tokenHash(token) },
        overrideAccess: true,
      })
      const withdrawn = await client.request('/api/signatories/withdraw', {
        method: 'POST',
        rawBody: new URLSearchParams({ token }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
      expect(withdrawn.status).toBe(200)
      return signature.id
    }

    /** As the seed stores one: withdrawn from the start. */
    const seededWithdrawn = async (letter: Id, name: string) => {
      const doc = await local.payload.create({
        collection: 'signatories',
        data: { letter: letter as number, name, display: 'full', status: 'withdrawn' },
        overrideAccess: true,
      })
      return doc.id
    }

    for (const transport of TRANSPORTS) {
      for (const [how, withdraw] of [
        ['with the emailed link', withdrawnWithLink],
        ['as seeded', seededWithdrawn],
      ] as const) {
        it.skipIf(skip)(`nobody republishes one withdrawn ${how} (${transport})`, async () => {
          const letter = await createLetter()
          const name = mark('Withdrawn Signer ')
          const id = await withdraw(letter.id, name)
          for (const who of ['moderator', 'editor', 'admin'] as const) {
            for (const status of ['approved', 'verified', 'pending']) {
              const result =
                transport === 'REST'
                  ? await rest(who, `/api/signatories/${id}`, 'PATCH', { status })
                  : await gql(
                      who,
                      `mutation { updateSignatory(id: ${JSON.stringify(id)}, data: { status: ${status} }) { id } }`,
                    )
              expectRefused(result, 403, /withdr(ew|awn)/i)
            }
          }
          const doc = await stored('signatories', id)
          expect(doc.status).toBe('withdrawn')
          // Nothing left to show if anything ever did put it back.
          expect([
            doc.publicName ?? null,
            doc.publicRole ?? null,
            doc.publicOrganisation ?? null,
          ]).toEqual([null, null, null])
          const listed = await client.request<{ docs: Doc[] }>(
            `/api/signatories?limit=100&where[letter][equals]=${letter.id}`,
          )
          expect(JSON.stringify(listed.body)).not.toContain(name)
          const tally = await client.request<{ count?: number; total?: number }>(
            `/api/signatories/tally?letter=${letter.id}`,
          )
          expect(JSON.stringify(tally.body)).not.toContain(name)
          // Moderators still keep their notes on it.
          const noted = await rest('moderator', `/api/signatories/${id}`, 'PATCH', {
            moderationNote: 'Withdrawn on request.',
          })
          expect(noted.status).toBe(200)
        })
      }
    }
  })

  describe('an artist’s work is the artist’s (H2, L3)', () => {
    const uploadArtwork = async (who: Who, extra: Record<string, unknown> = {}) => {
      const response = await upload('artwork', who, {
        title: mark('Artwork '),
        alt: 'A green square with a yellow circle.',
        description: 'Made for the campaign.',
        artistCredit: 'R. Painter',
        licence: 'campaign_only',
        consentToPublish: true,
        ...extra,
      })
      expect(response.status, JSON.stringify(response.body)).toBe(201)
      return response.body.doc as Doc
    }

    const approve = async (id: Id) => {
      const response = await rest('moderator', `/api/artwork/${id}`, 'PATCH', {
        moderationStatus: 'approved',
        contentWarnings: { reviewed: true },
      })
      expect(response.status, JSON.stringify(response.body)).toBe(200)
    }

    const ARTISTS_OWN: Record<string, unknown>[] = [
      { artistCredit: 'Someone else' },
      { licence: 'cc0' },
      { description: 'Rewritten by someone else.' },
      { title: 'A new title' },
      { alt: 'Other words.' },
      { consentToPublish: false },
    ]

    for (const transport of TRANSPORTS) {
      it.skipIf(skip)(
        `moderators and editors review; they cannot rewrite or take over (${transport})`,
        async () => {
          const work = await uploadArtwork('artist')
          await approve(work.id)
          const before = await stored('artwork', work.id)
          const attempts = [...ARTISTS_OWN, { artist: otherArtist.userId }, { artist: null }]
          for (const who of ['moderator', 'editor'] as const) {
            for (const data of attempts) {
              const result =
                transport === 'REST'
                  ? await rest(who, `/api/artwork/${work.id}`, 'PATCH', data)
                  : await gql(
                      who,
                      `mutation { updateArtwork(id: ${JSON.stringify(work.id)}, data: ${toGraphQLLiteral(
                        'licence' in data ? { licence: gqlEnum(String(data.licence)) } : data,
                      )}) { id } }`,
                    )
              expectRefused(result, 403, /artist/i)
            }
          }
          const after = await stored('artwork', work.id)
          for (const field of [
            'title',
            'alt',
            'description',
            'artistCredit',
            'licence',
            'consentToPublish',
            'artist',
            'filename',
          ]) {
            expect(after[field], field).toEqual(before[field])
          }
          // What reviewing needs still works, including a save of the whole unchanged form.
          const reviewed = await rest('moderator', `/api/artwork/${work.id}`, 'PATCH', {
            ...Object.fromEntries(
              ['title', 'alt', 'description', 'artistCredit', 'licence', 'consentToPublish'].map(
                (field) => [field, before[field]],
              ),
            ),
            artist: before.artist,
            moderationStatus: 'rejected',
            moderationNote: 'Please add a content warning.',
            contentWarnings: { reviewed: true, categories: ['police'] },
          })
          expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200)
        },
      )
    }

    it.skipIf(skip)('a moderator cannot forge consent on work still awaiting it', async () => {
      const work = await uploadArtwork('artist', { consentToPublish: false })
      const forged = await rest('moderator', `/api/artwork/${work.id}`, 'PATCH', {
        consentToPublish: true,
        moderationStatus: 'approved',
        contentWarnings: { reviewed: true },
      })
      expectRefused(forged, 403, /artist/i)
      expect((await stored('artwork', work.id)).consentToPublish).toBe(false)
    })

    it.skipIf(skip)('only the artist replaces the image', async () => {
      const work = await uploadArtwork('artist')
      await approve(work.id)
      const before = await stored('artwork', work.id)
      for (const who of ['moderator', 'editor'] as const) {
        const replaced = await upload(
          'artwork',
          who,
          { alt: before.alt },
          { method: 'PATCH', id: work.id, shade: 1 },
        )
        expectRefused(replaced, 403, /artist/i)
      }
      const after = await stored('artwork', work.id)
      expect([after.filename, after.filesize, after.artist]).toEqual([
        before.filename,
        before.filesize,
        before.artist,
      ])
    })

    for (const transport of TRANSPORTS) {
      it.skipIf(skip)(
        `artists do not mark their own warnings reviewed (${transport})`,
        async () => {
          const refused = await upload('artwork', 'artist', {
            title: mark('Self-reviewed '),
            alt: 'A square.',
            consentToPublish: true,
            contentWarnings: { reviewed: true },
          })
          expectRefused(refused, 403, /moderator/i)
          const work = await uploadArtwork('artist')
          const result =
            transport === 'REST'
              ? await rest('artist', `/api/artwork/${work.id}`, 'PATCH', {
                  contentWarnings: { reviewed: true },
                })
              : await gql(
                  'artist',
                  `mutation { updateArtwork(id: ${JSON.stringify(work.id)}, data: { contentWarnings: { reviewed: true } }) { id } }`,
                )
          expectRefused(result, 403, /moderator/i)
          const doc = await stored('artwork', work.id)
          expect((doc.contentWarnings as { reviewed?: boolean }).reviewed).toBe(false)
          // The artist still tends their own work.
          const own = await rest('artist', `/api/artwork/${work.id}`, 'PATCH', {
            description: 'Better words.',
            contentWarnings: { categories: ['police'], reviewed: false },
          })
          expect(own.status, JSON.stringify(own.body)).toBe(200)
        },
      )
    }

    for (const transport of TRANSPORTS) {
      it.skipIf(skip)(
        `nobody uploads artwork in another account’s name (${transport})`,
        async () => {
          const count = async () =>
            (await local.payload.count({ collection: 'artwork', overrideAccess: true })).totalDocs
          const before = await count()
          // An editor would put the artist's name, and their consent, to work they never sent.
          // (An artist's own upload is credited to them whatever they send: uploads.test.ts.)
          for (const who of ['editor', 'admin'] as const) {
            const title = mark('In another name ')
            const result =
              transport === 'REST'
                ? await upload('artwork', who, {
                    title,
                    alt: 'A square.',
                    consentToPublish: true,
                    artist: team.artist.userId,
                  })
                : await gql(
                    who,
                    `mutation { createArtwork(data: ${toGraphQLLiteral({
                      title,
                      alt: 'A square.',
                      licence: gqlEnum('campaign_only'),
                      moderationStatus: gqlEnum('pending'),
                      consentToPublish: true,
                      artist: team.artist.userId,
                    })}) { id } }`,
                  )
            expectRefused(result, 403, /artist’s account \(artist\)/)
          }
          expect(await count()).toBe(before)
          // Uploading as oneself, or as the team with no artist's account, still works.
          const own = await uploadArtwork('editor', { artist: team.editor.userId })
          expect(own.artist).toEqual(team.editor.userId)
          const teams = await uploadArtwork('editor')
          expect(teams.artist ?? null).toBeNull()
        },
      )
    }

    it.skipIf(skip)('nobody duplicates artwork (REST and GraphQL)', async () => {
      const work = await uploadArtwork('artist')
      await approve(work.id)
      const count = async () =>
        (await local.payload.count({ collection: 'artwork', overrideAccess: true })).totalDocs
      const before = await count()
      for (const who of ['otherArtist', 'artist', 'moderator', 'editor'] as const) {
        const response = await rest(who, `/api/artwork/${work.id}/duplicate`, 'POST', {})
        expect(response.status, `${who}: ${JSON.stringify(response.body)}`).toBeGreaterThanOrEqual(
          400,
        )
        const body = await gql(
          who,
          `mutation { duplicateArtwork(id: ${JSON.stringify(work.id)}) { id } }`,
        )
        expect(body.errors?.length, JSON.stringify(body)).toBeTruthy()
      }
      expect(await count()).toBe(before)
    })
  })

  describe('media that published content uses (M1)', () => {
    const contributorsMediaOnLivePage = async () => {
      const media = await upload('media', 'contributor', { alt: 'A protest banner.' })
      expect(media.status, JSON.stringify(media.body)).toBe(201)
      const mediaId = (media.body.doc as Doc).id
      const update = await rest<{ doc: Doc }>('editor', '/api/updates', 'POST', {
        title: mark('Live update '),
        heroImage: mediaId,
        contentWarnings: { reviewed: true },
        _status: 'published',
      })
      expect(update.status, JSON.stringify(update.body)).toBe(201)
      return { mediaId, updateId: update.body.doc.id }
    }

    for (const transport of TRANSPORTS) {
      it.skipIf(skip)(
        `an uploader cannot change media once published content uses it (${transport})`,
        async () => {
          const { mediaId } = await contributorsMediaOnLivePage()
          const before = await stored('media', mediaId)
          if (transport === 'REST') {
            const replaced = await upload(
              'media',
              'contributor',
              { alt: 'Something else.' },
              { method: 'PATCH', id: mediaId, shade: 1 },
            )
            expect(replaced.status, JSON.stringify(replaced.body)).toBe(403)
            const patched = await rest('contributor', `/api/media/${mediaId}`, 'PATCH', {
              alt: 'Something else.',
            })
            expect(patched.status).toBe(403)
          } else {
            const body = await gql(
              'contributor',
              `mutation { updateMediaItem(id: ${JSON.stringify(mediaId)}, data: { alt: "Something else." }) { id } }`,
            )
            expectRefused(body, 403)
          }
          const after = await stored('media', mediaId)
          expect([after.alt, after.filename, after.filesize]).toEqual([
            before.alt,
            before.filename,
            before.filesize,
          ])
          // Editors still can.
          const edited = await rest('editor', `/api/media/${mediaId}`, 'PATCH', {
            alt: 'A protest banner outside a hospital.',
          })
          expect(edited.status).toBe(200)
        },
      )

      it.skipIf(skip)(
        `deleting media that content uses is refused, naming where (${transport})`,
        async () => {
          const { mediaId, updateId } = await contributorsMediaOnLivePage()
          for (const who of ['contributor', 'editor'] as const) {
            const result =
              transport === 'REST'
                ? await rest(who, `/api/media/${mediaId}`, 'DELETE')
                : await gql(
                    who,
                    `mutation { deleteMediaItem(id: ${JSON.stringify(mediaId)}) { id } }`,
                  )
            if (who === 'contributor') {
              expectRefused(result, 403)
            } else {
              expectRefused(result, 409, /updates|campaign update/i)
            }
          }
          expect((await stored('media', mediaId)).id).toEqual(mediaId)
          expect((await stored('updates', updateId)).heroImage).toEqual(mediaId)
          // Media nothing uses can still go.
          const unused = await upload('media', 'contributor', { alt: 'Unused.' })
          const gone = await rest(
            'contributor',
            `/api/media/${(unused.body.doc as Doc).id}`,
            'DELETE',
          )
          expect(gone.status).toBe(200)
          // Once the page uses another picture, the first can go (a takedown must be possible),
          // on both databases, though earlier versions of the page used it.
          const other = await upload('media', 'editor', { alt: 'Another banner.' }, { shade: 1 })
          const otherId = (other.body.doc as Doc).id
          const swapped = await rest('editor', `/api/updates/${updateId}`, 'PATCH', {
            heroImage: otherId,
          })
          expect(swapped.status).toBe(200)
          const takenDown = await rest('editor', `/api/media/${mediaId}`, 'DELETE')
          expect(takenDown.status, JSON.stringify(takenDown.body)).toBe(200)
          expect((await stored('updates', updateId)).heroImage).toEqual(otherId)
          const versions = await local.payload.findVersions({
            collection: 'updates',
            where: { parent: { equals: updateId } },
            depth: 0,
            overrideAccess: true,
          })
          expect(versions.docs.length).toBeGreaterThan(1)
          for (const version of versions.docs) {
            expect(version.version.heroImage ?? null).not.toEqual(mediaId)
          }
        },
      )
    }
  })

  describe('the CSV export cannot carry formulas (M3)', () => {
    const HOSTILE = {
      name: '=HYPERLINK("http://evil.example","x")',
      role: "=cmd|' /C calc'!A0",
      organisation: '@SUM(1+1)',
    }
    const DANGEROUS = /^[=+\-@\t\r]/

    for (const transport of TRANSPORTS) {
      it.skipIf(skip)(`no exported cell starts a formula (${transport})`, async () => {
        const letter = await createLetter()
        await addSignature(letter.id, HOSTILE)
        await addSignature(letter.id, { name: '+1+2', role: '-3+4', organisation: 'Plain Ward' })
        for (const [who, all] of [
          ['admin', true],
          ['moderator', false],
        ] as const) {
          let csv: string
          if (transport === 'REST') {
            const response = await client.request<string>(
              `/api/signatories/export?letter=${letter.id}${all ? '&fields=all' : ''}`,
              { auth: auth(who) },
            )
            expect(response.status).toBe(200)
            csv = response.body
          } else {
            const body = await gql(
              who,
              `{ SignatoryExport(letter: ${JSON.stringify(String(letter.id))}, allFields: ${all}) { csv } }`,
            )
            csv = (body.data?.SignatoryExport as { csv: string }).csv
          }
          const rows = parse(csv) as string[][]
          expect(rows.length).toBe(3)
          for (const cell of rows.flat()) expect(cell, cell).not.toMatch(DANGEROUS)
          const cells = rows.flat()
          for (const value of [HOSTILE.name, HOSTILE.role, HOSTILE.organisation, '+1+2', '-3+4']) {
            expect(cells, value).toContain(`'${value}`)
          }
          expect(cells).toContain('Plain Ward')
        }
      })
    }
  })
})
