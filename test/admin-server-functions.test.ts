import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { PAYLOAD_SERVER_FUNCTIONS } from '../src/requestChecks/serverActionCalls'

import { type Auth, api } from './helpers/api'
import { testDialects } from './helpers/databases'
import { connectLocalPayload, type LocalPayload } from './helpers/localPayload'
import {
  adminServerActionId,
  callServerFunction,
  type ServerActionAnswer,
  signFormActionId,
} from './helpers/serverAction'
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

  describe('bodies the admin panel and the signing form never send', () => {
    const post = (
      path: string,
      body: BodyInit,
      headers: Record<string, string>,
      auth: Auth | undefined = team.admin,
    ) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        body,
        headers: {
          ...(auth?.cookie ? { cookie: auth.cookie } : {}),
          origin: server.url,
          ...headers,
        },
        redirect: 'manual',
      })

    /** A 400 with a message in JSON, as every other bad request. */
    const expectBadRequest = async (response: Response, what: string) => {
      const text = await response.text()
      expect(response.status, `${what}: ${text.slice(0, 300)}`).toBe(400)
      expect(JSON.parse(text).errors[0].message, what).toEqual(expect.any(String))
    }

    const multipart = (fields: [string, string][]) => {
      const form = new FormData()
      for (const [name, value] of fields) form.append(name, value)
      return form
    }

    it.skipIf(skip)('an admin call that is not one { name, args } is a 400', async () => {
      const bodies = [
        '',
        'not json',
        '[',
        '{}',
        '[]',
        '[1,2,3]',
        '[null]',
        JSON.stringify([{ name: {}, args: 5 }]),
        JSON.stringify([{ name: 'nonexistent', args: {} }]),
        JSON.stringify([{ name: 'render-list', args: {} }]),
        JSON.stringify([{ name: 'render-list', args: { collectionSlug: 'nope' } }]),
        JSON.stringify([{ name: 'render-document', args: { collectionSlug: 'nope', docID: 1 } }]),
        JSON.stringify([{ name: 'render-document-slots', args: {} }]),
        JSON.stringify([{ name: 'render-field', args: {} }]),
        JSON.stringify([{ name: 'copy-data-from-locale', args: {} }]),
        JSON.stringify([{ name: 'slugify', args: {} }]),
        // Found by the adversarial suite: a reference to the body itself, a loop.
        JSON.stringify([{ name: 'render-document', args: { globalSlug: '$0' } }]),
        JSON.stringify([{ name: 'form-state', args: { x: '$0:0' } }]),
        JSON.stringify([{ name: 'slugify', args: { collectionSlug: 'statements' } }]),
        JSON.stringify([{ name: 'form-state', args: '$@1' }]),
        JSON.stringify([{ name: 'form-state', args: { x: '$Q1' } }]),
        JSON.stringify([{ name: 'form-state', args: { x: '$nabc' } }]),
        JSON.stringify([{ name: 'form-state', args: { x: '$5' } }]),
      ]
      for (const body of bodies) {
        await expectBadRequest(
          await post('/admin', body, {
            'content-type': 'text/plain;charset=UTF-8',
            'next-action': adminServerActionId(),
          }),
          body,
        )
      }
    })

    it.skipIf(skip)(
      'a cancellation naming no scheduled publication is refused, not a 500',
      async () => {
        const answer = await call(team.admin, 'schedule-publish', {
          deleteID: { tableAppearance: 0 },
        })
        expectRefusal(answer, /Say which scheduled publication/)
      },
    )

    it.skipIf(skip)('knows every function Payload’s admin panel calls, and no other', () => {
      // handleServerFunctions in @payloadcms/next keeps its list to itself: read it from there,
      // so that an upgrade which adds or drops one fails here rather than in an editor's browser.
      const source = fs.readFileSync(
        path.resolve('node_modules/@payloadcms/next/dist/utilities/handleServerFunctions.js'),
        'utf8',
      )
      const list = /const baseServerFunctions = \{([^}]*)\}/.exec(source)?.[1] ?? ''
      const names = [...list.matchAll(/^\s*'?([a-z-]+)'?\s*:/gm)].map((match) => match[1])
      expect(names.length).toBeGreaterThan(5)
      expect(Object.keys(PAYLOAD_SERVER_FUNCTIONS).sort()).toEqual(names.sort())
    })

    it.skipIf(skip)('a broken multipart body posted to a page or the admin is a 400', async () => {
      for (const path of ['/', '/admin', '/statements/any-letter']) {
        for (const [type, body] of [
          ['multipart/form-data; boundary=zz', '--zz\r\nbad'],
          ['multipart/form-data', 'x'],
        ]) {
          await expectBadRequest(
            await post(path, body, { 'content-type': type }),
            `${path} ${type}`,
          )
        }
      }
    })

    it.skipIf(skip)('a signing form with tampered hidden fields is a 400', async () => {
      const id = signFormActionId()
      const forms: [string, string][][] = [
        [
          ['$ACTION_ID_' + id, ''],
          ['name', 'x'],
        ],
        [
          ['$ACTION_REF_1', ''],
          ['$ACTION_1:0', JSON.stringify({ id, bound: '$@1' })],
          ['$ACTION_1:1', 'notjson'],
        ],
        [
          ['$ACTION_REF_1', ''],
          ['$ACTION_1:0', JSON.stringify({ id, bound: null })],
        ],
        [
          ['$ACTION_REF_1', ''],
          ['$ACTION_1:0', 'garbage'],
        ],
      ]
      for (const fields of forms) {
        await expectBadRequest(
          await post('/statements/any-letter', multipart(fields), {}, undefined),
          JSON.stringify(fields),
        )
      }
      // With script, the form is posted with the action's id.
      for (const fields of [
        [],
        // Found by the adversarial suite: the form's state refers to the body itself.
        [['0', '[{}, "$0"]']],
        [['0', 'garbage']],
        [['0', '["$@5"]']],
        [
          ['0', '["$Q1"]'],
          ['1', 'xx'],
        ],
      ] as [string, string][][]) {
        await expectBadRequest(
          await post('/statements/any-letter', multipart(fields), { 'next-action': id }, undefined),
          JSON.stringify(fields),
        )
      }
    })

    it.skipIf(skip)(
      'the signing form’s own posts still reach it, with and without script',
      async () => {
        const id = signFormActionId()
        const withoutScript = await post(
          '/statements/no-such-letter',
          multipart([
            ['$ACTION_REF_1', ''],
            ['$ACTION_1:0', JSON.stringify({ id, bound: '$@1' })],
            ['$ACTION_1:1', JSON.stringify([{ status: 'ready' }])],
            ['$ACTION_KEY', 'k1'],
            ['letter', 'no-such-letter'],
            ['name', 'A Signer'],
          ]),
          {},
          undefined,
        )
        expect(withoutScript.status).toBeLessThan(500)
        expect(withoutScript.status).not.toBe(400)
        const withScript = await post(
          '/statements/no-such-letter',
          multipart([
            ['0', JSON.stringify([{ status: 'ready', values: { name: '$undefined' } }, '$K1'])],
            ['1_letter', 'no-such-letter'],
            ['1_name', 'A Signer'],
          ]),
          { 'next-action': id, accept: 'text/x-component' },
          undefined,
        )
        const answer = await withScript.text()
        expect(withScript.status, answer).toBe(200)
        expect(answer).toContain('"status":')
      },
    )
  })
})
