import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Auth, api } from './helpers/api'
import { testDialects } from './helpers/databases'
import { connectLocalPayload, type LocalPayload } from './helpers/localPayload'
import { callServerFunction, type ServerActionAnswer } from './helpers/serverAction'
import { type RunningServer, startServer } from './helpers/server'
import { createTeam, type Team } from './helpers/team'

// The admin panel calls Payload's server functions through one Next.js server action. A
// refusal thrown inside it reached the browser as HTTP 500 with no message (issue 12): these
// post that action to the production server as the admin panel does, and ask for things the
// account may not do. A refusal must be an answer the admin can show, and still a refusal.

type Id = number | string
type Doc = Record<string, unknown> & { id: Id }

const SERVER_ENV = { LOGIN_RATE_LIMIT_PER_MINUTE: '0' }
const inAnHour = () => `$D${new Date(Date.now() + 3_600_000).toISOString()}`

describe.each(testDialects())('admin server functions on $dialect', ({ dialect, skip }) => {
  let server: RunningServer
  let client: ReturnType<typeof api>
  let team: Team
  let local: LocalPayload

  beforeAll(async () => {
    if (skip) return
    server = await startServer(dialect, SERVER_ENV)
    client = api(server.url)
    team = await createTeam(server.url)
    local = await connectLocalPayload(server.database.url, { MEDIA_DIR: server.mediaDir })
  })
  afterAll(async () => {
    await local?.stop()
    await server?.stop()
  })

  const call = (auth: Auth, name: string, args: Record<string, unknown>) =>
    callServerFunction(server.url, auth, name, args)

  /** Answered, not thrown: HTTP 200 with `{ error }` in plain British English. */
  const expectRefusal = (answer: ServerActionAnswer, words: RegExp) => {
    expect(answer.status, answer.body).toBe(200)
    const { error } = (answer.result ?? {}) as { error?: unknown }
    expect(error, answer.body).toMatch(words)
  }

  const draftBy = async (who: 'contributor' | 'editor') => {
    const created = await client.request<{ doc: Doc }>('/api/statements?draft=true', {
      method: 'POST',
      auth: team[who],
      body: { title: `A draft by the ${who}`, contentWarnings: { reviewed: who === 'editor' } },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    return created.body.doc
  }

  const scheduledFor = async (id: Id) =>
    (
      await local.payload.find({
        collection: 'payload-jobs',
        overrideAccess: true,
        limit: 0,
        where: { taskSlug: { equals: 'schedulePublish' } },
      })
    ).docs.filter((job) => {
      const input = job.input as { doc?: { value?: unknown } } | undefined
      return String(input?.doc?.value) === String(id)
    })

  it.skipIf(skip)('an editor schedules a publication through the admin’s action', async () => {
    const draft = await draftBy('editor')
    const answer = await call(team.editor, 'schedule-publish', {
      type: 'publish',
      date: inAnHour(),
      doc: { relationTo: 'statements', value: String(draft.id) },
    })
    expect(answer.status, answer.body).toBe(200)
    expect(answer.result, answer.body).toMatchObject({ message: expect.any(String) })
    expect(await scheduledFor(draft.id)).toHaveLength(1)
  })

  it.skipIf(skip)(
    'a contributor asking to schedule a publication is refused, not a 500',
    async () => {
      const draft = await draftBy('contributor')
      const answer = await call(team.contributor, 'schedule-publish', {
        type: 'publish',
        date: inAnHour(),
        doc: { relationTo: 'statements', value: String(draft.id) },
      })
      expectRefusal(answer, /only an editor or an admin can schedule/i)
      expect(await scheduledFor(draft.id)).toEqual([])
    },
  )

  it.skipIf(skip)('a contributor cannot cancel an editor’s scheduled publication', async () => {
    const draft = await draftBy('editor')
    const job = await local.payload.jobs.queue({
      task: 'schedulePublish',
      input: {
        type: 'publish',
        doc: { relationTo: 'statements', value: draft.id as number },
        user: { relationTo: 'users', value: team.editor.userId as number },
      },
      waitUntil: new Date(Date.now() + 3_600_000),
    })
    const answer = await call(team.contributor, 'schedule-publish', { deleteID: job.id })
    expectRefusal(answer, /only an editor or an admin can .*cancel/i)
    expect((await scheduledFor(draft.id)).map((found) => found.id)).toEqual([job.id])
  })

  it.skipIf(skip)(
    'a contributor asking for the upcoming schedule gets nothing, not a 500',
    async () => {
      const draft = await draftBy('contributor')
      const answer = await call(team.contributor, 'get-upcoming-scheduled-publish', {
        collectionSlug: 'statements',
        id: String(draft.id),
      })
      expect(answer.status, answer.body).toBe(200)
      expect(answer.result, answer.body).toEqual([])
    },
  )

  it.skipIf(skip)('a session that has ended is told to sign in again, not a 500', async () => {
    const draft = await draftBy('editor')
    const answer = await call({ cookie: 'payload-token=not-a-token' }, 'schedule-publish', {
      type: 'publish',
      date: inAnHour(),
      doc: { relationTo: 'statements', value: String(draft.id) },
    })
    expectRefusal(answer, /sign in again/i)
    expect(await scheduledFor(draft.id)).toEqual([])
  })

  it.skipIf(skip)('a document one may not read is not rendered, and not a 500', async () => {
    const hidden = await draftBy('editor')
    const answer = await call(team.artist, 'render-document', {
      collectionSlug: 'statements',
      docID: String(hidden.id),
      drawerSlug: 'doc-drawer',
      redirectAfterDelete: false,
      redirectAfterDuplicate: false,
    })
    expect(answer.status, answer.body).toBe(200)
    expect(answer.body).not.toContain('A draft by the editor')
  })

  it.skipIf(skip)(
    'the form of a document one may not save takes no lock, and is not a 500',
    async () => {
      const letter = await client.request<{ doc: Doc }>('/api/statements', {
        method: 'POST',
        auth: team.editor,
        body: { title: 'Someone’s letter', contentWarnings: { reviewed: true } },
      })
      expect(letter.status).toBe(201)
      const hidden = await draftBy('editor')
      const answer = await call(team.artist, 'form-state', {
        collectionSlug: 'statements',
        id: String(hidden.id),
        operation: 'update',
        schemaPath: 'statements',
        returnLockStatus: true,
        updateLastEdited: true,
      })
      expect(answer.status, answer.body).toBe(200)
      // Nobody who may not save it holds a lock on it.
      const locks = await local.payload.find({
        collection: 'payload-locked-documents',
        overrideAccess: true,
        where: { 'document.value': { equals: String(hidden.id) } },
      })
      expect(locks.docs).toEqual([])
    },
  )
})
