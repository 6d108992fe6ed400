import type { Browser } from 'playwright-core'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ARCHIVED_MESSAGE } from '../src/archive/archiveMode'
import { ARCHIVED_LETTER_MESSAGE } from '../src/collections/Signatories/endpoints/findOpenLetter'
import { type Auth, api } from './helpers/api'
import { launchBrowser, screenshot, watchForProblems } from './helpers/browser'
import { testDialects } from './helpers/databases'
import { plainPng } from './helpers/images'
import { connectLocalPayload } from './helpers/localPayload'
import { type RunningServer, startServer } from './helpers/server'
import { createTeam, TEAM_PASSWORD, type Team } from './helpers/team'

type Doc = { id: number | string; slug?: string }
type ErrorBody = { errors?: { message: string }[] }
type Who = 'anonymous' | 'editor' | 'contributor' | 'moderator' | 'artist'

const NOT_ADMINS: Who[] = ['anonymous', 'editor', 'contributor', 'moderator', 'artist']
const SERVER_ENV = { SIGN_RATE_LIMIT_PER_MINUTE: '0', LOGIN_RATE_LIMIT_PER_MINUTE: '0' }

function clientFor(server: RunningServer, team: Team) {
  const client = api(server.url)
  const auth = (who: Who | 'admin'): Auth | undefined =>
    who === 'anonymous' ? undefined : team[who]
  const upload = async (collection: string, data: Record<string, unknown>, who: Who | 'admin') => {
    const form = new FormData()
    const bytes = await plainPng(300, 200)
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'picture.png')
    form.append('_payload', JSON.stringify(data))
    const token = auth(who)?.token
    const response = await fetch(`${server.url}/api/${collection}`, {
      method: 'POST',
      body: form,
      headers: token ? { authorization: `JWT ${token}` } : {},
    })
    return { status: response.status, body: (await response.json()) as ErrorBody & { doc?: Doc } }
  }
  return { ...client, auth, upload }
}

const signature = (letter: Doc, email: string, extra: Record<string, unknown> = {}) => ({
  letter: letter.slug,
  name: 'Sam Example',
  role: 'Nurse',
  email,
  display: 'full',
  consent: true,
  website: '',
  ...extra,
})

describe.each(testDialects())('archive mode on $dialect', ({ dialect, skip }) => {
  let server: RunningServer
  let team: Team
  let client: ReturnType<typeof clientFor>
  let letter: Doc
  let draft: Doc
  let pending: Doc
  let artwork: Doc

  const expectArchivedRefusal = (
    response: { status: number; body: unknown },
    what: string,
  ): void => {
    expect(response.status, `${what}: ${JSON.stringify(response.body)}`).toBe(403)
    expect((response.body as ErrorBody).errors?.[0]?.message, what).toBe(ARCHIVED_MESSAGE)
  }
  const setArchiveMode = async (on: boolean) => {
    const response = await client.request<{ result?: { archiveMode?: boolean } }>(
      '/api/globals/site-settings',
      { method: 'POST', auth: team.admin, body: { archiveMode: on } },
    )
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    expect(response.body.result?.archiveMode).toBe(on)
  }
  const signatoryCount = async () => {
    const response = await client.request<{ totalDocs: number }>('/api/signatories?limit=1', {
      auth: team.moderator,
    })
    expect(response.status).toBe(200)
    return response.body.totalDocs
  }

  beforeAll(async () => {
    if (skip) return
    server = await startServer(dialect, SERVER_ENV)
    team = await createTeam(server.url)
    client = clientFor(server, team)
    const created = await client.request<{ doc: Doc }>('/api/statements', {
      method: 'POST',
      auth: team.editor,
      body: {
        title: 'Open letter to the health secretary',
        kind: 'open_letter',
        signing: { open: true },
        contentWarnings: { reviewed: true },
        _status: 'published',
      },
    })
    expect(created.status).toBe(201)
    letter = created.body.doc
    const drafted = await client.request<{ doc: Doc }>('/api/statements?draft=true', {
      method: 'POST',
      auth: team.contributor,
      body: { title: 'A contributor’s draft' },
    })
    expect(drafted.status).toBe(201)
    draft = drafted.body.doc
    // Everything below is allowed before the switch; the same requests are refused after it.
    const signed = await client.request('/api/signatories/sign', {
      method: 'POST',
      body: signature(letter, 'before-archive@example.org'),
    })
    expect(signed.status).toBe(202)
    const waiting = await client.request<{ docs: Doc[] }>('/api/signatories?limit=1', {
      auth: team.moderator,
    })
    pending = waiting.body.docs[0]
    const uploaded = await client.upload(
      'artwork',
      { title: 'Before the archive', alt: 'A green field with a red corner.' },
      'artist',
    )
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201)
    artwork = uploaded.body.doc!

    await setArchiveMode(true)
  })
  afterAll(async () => {
    await server?.stop()
  })

  it.skipIf(skip)('refuses every REST write by anyone but an admin, saying why', async () => {
    for (const who of NOT_ADMINS) {
      const auth = client.auth(who)
      expectArchivedRefusal(
        await client.request('/api/statements', {
          method: 'POST',
          auth,
          body: { title: `New by ${who}` },
        }),
        `${who} creates a statement`,
      )
      expectArchivedRefusal(
        await client.request(`/api/statements/${letter.id}`, {
          method: 'PATCH',
          auth,
          body: { title: `Changed by ${who}` },
        }),
        `${who} changes the letter`,
      )
      expectArchivedRefusal(
        await client.request(`/api/statements/${letter.id}`, { method: 'DELETE', auth }),
        `${who} deletes the letter`,
      )
      expectArchivedRefusal(
        await client.upload('media', { alt: 'A picture.' }, who),
        `${who} uploads media`,
      )
    }
    expectArchivedRefusal(
      await client.request(`/api/statements/${draft.id}?draft=true`, {
        method: 'PATCH',
        auth: team.contributor,
        body: { title: 'My own draft, changed' },
      }),
      'contributor changes their own draft',
    )
    expectArchivedRefusal(
      await client.request(`/api/signatories/${pending.id}`, {
        method: 'PATCH',
        auth: team.moderator,
        body: { status: 'approved' },
      }),
      'moderator approves a signature',
    )
    expectArchivedRefusal(
      await client.request(`/api/artwork/${artwork.id}`, {
        method: 'PATCH',
        auth: team.artist,
        body: { title: 'Renamed while waiting' },
      }),
      'artist changes their own waiting artwork',
    )
    expectArchivedRefusal(
      await client.request(`/api/users/${team.editor.userId}`, {
        method: 'PATCH',
        auth: team.editor,
        body: { name: 'A new name' },
      }),
      'editor changes their own account',
    )
    expect(
      (
        await client.request('/api/globals/site-settings', {
          method: 'POST',
          auth: team.editor,
          body: { archiveMode: false },
        })
      ).status,
    ).toBe(403)
  })

  it.skipIf(skip)('refuses the same writes over GraphQL', async () => {
    const mutations = [
      `mutation { createStatement(data: { title: "By GraphQL", kind: statement }) { id } }`,
      `mutation { updateStatement(id: ${JSON.stringify(letter.id)}, data: { title: "Changed" }) { id } }`,
      `mutation { deleteStatement(id: ${JSON.stringify(letter.id)}) { id } }`,
      `mutation { updateSignatory(id: ${JSON.stringify(pending.id)}, data: { status: approved }) { id } }`,
    ]
    for (const who of NOT_ADMINS) {
      for (const mutation of mutations) {
        const response = await client.graphql(mutation, {}, client.auth(who))
        expect(response.status, mutation).toBeLessThan(500)
        const error = response.body.errors?.[0]
        expect(error?.message, `${who}: ${mutation}`).toBe(ARCHIVED_MESSAGE)
        expect(error?.extensions?.statusCode).toBe(403)
        expect(Object.values(response.body.data ?? {}).every((value) => value === null)).toBe(true)
      }
    }
  })

  it.skipIf(skip)('closes signing with 410 and stores nothing', async () => {
    const before = await signatoryCount()
    const responses = [
      signature(letter, 'after-archive@example.org'),
      signature(letter, 'not-an-email', { consent: false }),
      { letter: 'no-such-letter' },
    ].map((body) => client.request<ErrorBody>('/api/signatories/sign', { method: 'POST', body }))
    for (const response of await Promise.all(responses)) {
      expect(response.status).toBe(410)
      expect(response.body.errors?.[0]?.message).toBe(ARCHIVED_LETTER_MESSAGE)
    }
    expect(await signatoryCount()).toBe(before)
  })

  it.skipIf(skip)('keeps every read working', async () => {
    const list = await client.request<{ docs: Doc[] }>('/api/statements')
    expect(list.status).toBe(200)
    expect(list.body.docs.map((doc) => doc.id)).toContain(letter.id)
    const query = await client.graphql<{ Statements: { docs: { title: string }[] } }>(
      '{ Statements { docs { title } } }',
    )
    expect(query.body.data?.Statements.docs.map((doc) => doc.title)).toContain(
      'Open letter to the health secretary',
    )
    const tally = await client.request<{ awaitingReview: number }>(
      `/api/signatories/tally?letter=${letter.slug}`,
    )
    expect(tally.status).toBe(200)
    const ownDraft = await client.request<{ title: string }>(
      `/api/statements/${draft.id}?draft=true`,
      { auth: team.contributor },
    )
    expect(ownDraft.body.title).toBe('A contributor’s draft')
    // Logging in writes to the account behind the scenes; it must keep working.
    await client.login('editor@team.example', TEAM_PASSWORD)
  })

  it.skipIf(skip)('tells the admin panel that non-admins may only read', async () => {
    // Payload's summary of permissions: what is allowed is `true`, the rest is left out.
    type Permissions = {
      collections: Record<string, Record<string, unknown>>
      globals: Record<string, Record<string, unknown>>
    }
    const editor = await client.request<Permissions>('/api/access', { auth: team.editor })
    const statements = editor.body.collections.statements
    expect(statements.read).toBe(true)
    for (const operation of ['create', 'update', 'delete']) {
      expect(statements[operation], operation).toBeUndefined()
    }
    // So the editor shows every field read-only.
    expect(statements.fields).toMatchObject({ title: { read: true } })
    expect(JSON.stringify(statements.fields)).not.toMatch(/"(create|update)"/)
    const admin = await client.request<Permissions>('/api/access', { auth: team.admin })
    expect(admin.body.collections.statements).toMatchObject({ create: true, update: true })
    expect(admin.body.globals['site-settings']).toMatchObject({ update: true })
  })

  it.skipIf(skip)(
    'publishes on schedule only what an admin scheduled; a non-admin’s schedule is refused',
    async () => {
      const schedulers = ['admin', 'editor'] as const
      const drafts = {} as Record<(typeof schedulers)[number], Doc>
      for (const who of schedulers) {
        const created = await client.request<{ doc: Doc }>('/api/statements?draft=true', {
          method: 'POST',
          auth: team.admin,
          body: { title: `Scheduled by the ${who}`, contentWarnings: { reviewed: true } },
        })
        expect(created.status, JSON.stringify(created.body)).toBe(201)
        drafts[who] = created.body.doc
      }
      // A schedule runs as the account that set it, so the archive's rule holds at run time,
      // even for a publication an editor planned before the site was archived.
      const local = await connectLocalPayload(server.database.url)
      try {
        const jobs = {} as Record<(typeof schedulers)[number], number | string>
        for (const who of schedulers) {
          const job = await local.payload.jobs.queue({
            task: 'schedulePublish',
            input: {
              type: 'publish',
              // Typed as SQL's numeric ids; Payload turns each back into the adapter's own id type.
              doc: { relationTo: 'statements', value: drafts[who].id as number },
              user: { relationTo: 'users', value: team[who].userId as number },
            },
            waitUntil: new Date(),
          })
          jobs[who] = job.id
        }
        await local.payload.jobs.run({ queue: 'default' })

        const status = async (doc: Doc) =>
          (
            await client.request<{ _status: string }>(`/api/statements/${doc.id}?draft=true`, {
              auth: team.admin,
            })
          ).body._status
        expect(await status(drafts.admin)).toBe('published')
        expect(await status(drafts.editor)).toBe('draft')
        const refused = await local.payload.findByID({
          collection: 'payload-jobs',
          id: jobs.editor,
        })
        expect(refused.hasError).toBe(true)
        expect(JSON.stringify(refused.log ?? refused.error)).toContain(ARCHIVED_MESSAGE)
      } finally {
        await local.stop()
      }
    },
  )

  it.skipIf(skip)('lets admins write, and ends when an admin switches it off', async () => {
    const byAdmin = await client.request('/api/statements', {
      method: 'POST',
      auth: team.admin,
      body: { title: 'Written by an admin in the archive' },
    })
    expect(byAdmin.status).toBe(201)
    await setArchiveMode(false)
    const byEditor = await client.request('/api/statements', {
      method: 'POST',
      auth: team.editor,
      body: { title: 'Written once the archive is open again' },
    })
    expect(byEditor.status).toBe(201)
    const signed = await client.request('/api/signatories/sign', {
      method: 'POST',
      body: signature(letter, 'reopened@example.org'),
    })
    expect(signed.status).toBe(202)
    await setArchiveMode(true)
  })
})

// The setting cannot be switched off from the admin panel when the server forces it.
describe('ARCHIVE_MODE=true', () => {
  let server: RunningServer
  let team: Team
  let client: ReturnType<typeof clientFor>
  let browser: Browser

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([
      startServer('sqlite', { ...SERVER_ENV, ARCHIVE_MODE: 'true' }),
      launchBrowser(),
    ])
    team = await createTeam(server.url)
    client = clientFor(server, team)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('is archived whatever site settings say, for everyone but admins', async () => {
    const settings = await client.request<{ archiveMode?: boolean }>('/api/globals/site-settings')
    expect(settings.body.archiveMode).toBe(false)
    expectArchived(
      await client.request('/api/statements', {
        method: 'POST',
        auth: team.editor,
        body: { title: 'Refused' },
      }),
    )
    const byAdmin = await client.request<{ doc: Doc }>('/api/statements', {
      method: 'POST',
      auth: team.admin,
      body: {
        title: 'Letter in a forced archive',
        kind: 'open_letter',
        contentWarnings: { reviewed: true },
        _status: 'published',
      },
    })
    expect(byAdmin.status).toBe(201)
    const signed = await client.request<ErrorBody>('/api/signatories/sign', {
      method: 'POST',
      body: signature(byAdmin.body.doc, 'forced@example.org'),
    })
    expect(signed.status).toBe(410)
    expect(signed.body.errors?.[0]?.message).toBe(ARCHIVED_LETTER_MESSAGE)
  })

  it('shows a banner across the admin panel', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const problems = watchForProblems(page)
    await page.goto(`${server.url}/admin/login`)
    await page.fill('#field-email', 'editor@team.example')
    await page.fill('#field-password', TEAM_PASSWORD)
    await page.click('button[type="submit"]')
    await page.waitForURL((url) => url.pathname === '/admin')
    const banner = page.locator('[data-archive-banner]')
    await banner.waitFor()
    expect(await banner.innerText()).toContain('This site is archived and read-only.')
    expect(await banner.innerText()).toContain('ARCHIVE_MODE')
    await screenshot(page, 'admin-archive-banner')
    // No "create new" on the statements list for an editor in an archive.
    await page.goto(`${server.url}/admin/collections/statements`)
    await banner.waitFor()
    expect(await page.locator('a[href="/admin/collections/statements/create"]').count()).toBe(0)
    expect(problems).toEqual([])
  })
})

function expectArchived(response: { status: number; body: unknown }) {
  expect(response.status, JSON.stringify(response.body)).toBe(403)
  expect((response.body as ErrorBody).errors?.[0]?.message).toBe(ARCHIVED_MESSAGE)
}
