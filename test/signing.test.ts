import http from 'node:http'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { CONSENT_NOTICE } from '../src/collections/Signatories/options'
import { EMAIL_PROBLEM } from '../src/collections/Signatories/rules'
import { type Auth, api } from './helpers/api'
import { testDialects } from './helpers/databases'
import { connectLocalPayload, type LocalPayload } from './helpers/localPayload'
import { type RunningServer, startServer } from './helpers/server'
import { DOUBTFUL_EMAILS } from './helpers/signatures'
import { createTeam, type Team } from './helpers/team'

type Doc = { id: number | string; slug?: string }
type Signatory = Record<string, unknown> & { id: number | string }
type ErrorBody = { errors?: { message: string; data?: { errors?: { field: string }[] } }[] }

const RECEIVED = /Thank you\. Your signature has been received/

describe.each(testDialects())('signing an open letter on $dialect', ({ dialect, skip }) => {
  let server: RunningServer
  let client: ReturnType<typeof api>
  let team: Team
  let editor: Auth
  let moderator: Auth
  let letter: Doc
  const emails: string[] = []

  const sign = (body: Record<string, unknown>) =>
    client.request<{ message?: string } & ErrorBody>('/api/signatories/sign', {
      method: 'POST',
      body,
    })
  const signature = (overrides: Record<string, unknown> = {}) => {
    const email = `signer-${emails.length}-${dialect}@example.org`
    emails.push(email)
    return {
      letter: letter.slug,
      name: `Signer ${emails.length}`,
      role: 'Mental health nurse',
      organisation: 'A community team',
      email,
      display: 'full',
      consent: true,
      website: '',
      ...overrides,
    }
  }
  const stored = async (where: string) => {
    const response = await client.request<{ docs: Signatory[]; totalDocs: number }>(
      `/api/signatories?pagination=false&depth=0&${where}`,
      { auth: moderator },
    )
    expect(response.status).toBe(200)
    return response.body
  }
  const createStatement = async (data: Record<string, unknown>) => {
    const response = await client.request<{ doc: Doc }>('/api/statements', {
      method: 'POST',
      auth: editor,
      body: { _status: 'published', contentWarnings: { reviewed: true }, ...data },
    })
    expect(response.status).toBe(201)
    return response.body.doc
  }

  beforeAll(async () => {
    if (skip) return
    server = await startServer(dialect, {
      SIGN_RATE_LIMIT_PER_MINUTE: '0',
      LOGIN_RATE_LIMIT_PER_MINUTE: '0',
    })
    client = api(server.url)
    team = await createTeam(server.url)
    editor = { token: team.editor.token }
    moderator = { token: team.moderator.token }
    letter = await createStatement({
      title: 'Open letter on crisis care',
      kind: 'open_letter',
      signing: { open: true },
    })
  })
  afterAll(async () => {
    await server?.stop()
  })

  it.skipIf(skip)('refuses bad input with a clear 4xx naming what is wrong', async () => {
    const fields = async (body: Record<string, unknown>) => {
      const response = await sign(body)
      expect(response.status).toBe(400)
      return response.body.errors?.[0]?.data?.errors?.map((error) => error.field)
    }
    expect(await fields(signature({ consent: false }))).toEqual(['consent'])
    expect(await fields(signature({ email: 'not-an-email' }))).toEqual(['email'])
    expect(await fields(signature({ email: undefined }))).toEqual(['email'])
    expect(await fields(signature({ name: 'x'.repeat(121) }))).toEqual(['name'])
    expect(await fields(signature({ organisation: 'o'.repeat(161) }))).toEqual(['organisation'])
    expect(await fields(signature({ display: 'famous' }))).toEqual(['display'])
    expect(await fields(signature({ name: '', consent: 'yes' }))).toEqual(['name', 'consent'])
    // The form answers these as the import and the admin do (test/signing-rules.test.ts).
    for (const email of DOUBTFUL_EMAILS) {
      const response = await sign(signature({ email }))
      expect(response.status, email).toBe(400)
      expect(response.body.errors?.[0]?.data?.errors, email).toEqual([
        { field: 'email', message: EMAIL_PROBLEM },
      ])
    }

    const notJson = await client.request<ErrorBody>('/api/signatories/sign', {
      method: 'POST',
      body: undefined,
      headers: { 'content-type': 'application/json' },
    })
    expect(notJson.status).toBe(400)

    const unknown = await sign(signature({ letter: 'no-such-letter' }))
    expect(unknown.status).toBe(404)
    expect(unknown.body.errors?.[0]?.message).toContain('no-such-letter')

    const statement = await createStatement({ title: 'Not a letter', kind: 'statement' })
    const notALetter = await sign(signature({ letter: statement.id }))
    expect(notALetter.status).toBe(400)
    expect(notALetter.body.errors?.[0]?.message).toContain('not an open letter')

    const closed = await createStatement({
      title: 'Closed letter',
      kind: 'open_letter',
      signing: { open: true, closesAt: '2024-03-01T12:00:00.000Z' },
    })
    const late = await sign(signature({ letter: closed.id }))
    expect(late.status).toBe(410)
    expect(late.body.errors?.[0]?.message).toBe(
      'This letter closed on 1 March 2024 and no longer accepts signatures.',
    )
    const paused = await createStatement({
      title: 'Paused letter',
      kind: 'open_letter',
      signing: { open: false },
    })
    expect((await sign(signature({ letter: paused.slug }))).status).toBe(410)
    expect((await stored('')).totalDocs).toBe(0)
  })

  it.skipIf(skip)('stores a signature once per email, answering the same either way', async () => {
    const first = signature({ name: 'Robin Ash' })
    const accepted = await sign(first)
    expect(accepted.status).toBe(202)
    expect(accepted.body.message).toMatch(RECEIVED)
    const again = await sign({
      ...first,
      email: `  ${String(first.email).toUpperCase()} `,
      name: 'Robin A.',
    })
    expect(again.status).toBe(202)
    expect(again.body).toEqual(accepted.body)

    const { docs } = await stored(`where[email][equals]=${first.email}`)
    expect(docs).toHaveLength(1)
    expect(docs[0]).toMatchObject({ name: 'Robin Ash', status: 'pending', source: 'form' })
    expect(docs[0].consent).toMatchObject({ notice: CONSENT_NOTICE })
    expect(typeof docs[0].ipHash).toBe('string')
    expect(JSON.stringify(docs)).not.toContain('127.0.0.1')
  })

  it.skipIf(skip)('stores exactly one of 200 identical signatures sent at once', async () => {
    const body = signature({ name: 'Sam Parallel' })
    const responses = await Promise.all(Array.from({ length: 200 }, () => sign(body)))
    expect(responses.map((response) => response.status)).toEqual(Array(200).fill(202))
    expect((await stored(`where[email][equals]=${body.email}`)).totalDocs).toBe(1)
  })

  it.skipIf(skip)('keeps honeypot submissions out without telling the bot', async () => {
    const body = signature({ website: 'https://spam.example' })
    const response = await sign(body)
    expect(response.status).toBe(202)
    expect(response.body.message).toMatch(RECEIVED)
    expect((await stored(`where[email][equals]=${body.email}`)).totalDocs).toBe(0)
  })

  it.skipIf(skip)('flags the same name under another email as a possible duplicate', async () => {
    await sign(signature({ name: "Dr. Zoë O'Brien" }))
    await sign(signature({ name: 'zoe   obrien' }))
    const { docs } = await stored('where[nameKey][equals]=zoe obrien&sort=createdAt')
    expect(docs).toHaveLength(2)
    expect(docs[0].possibleDuplicateOf ?? null).toBeNull()
    expect(docs[1].possibleDuplicateOf).toBe(docs[0].id)
  })

  it.skipIf(skip)('flags near-duplicates signed together, and not different people', async () => {
    const bodies = [
      signature({ name: 'Louisa Harvey', role: 'Crisis team nurse' }),
      signature({ name: 'Louise Harvey', role: 'Nurse, crisis team' }),
      signature({ name: 'Sam Harvey', role: 'Crisis team nurse' }),
    ]
    // Sent at once, so they share a batch: the second is flagged against the first all the same.
    const answers = await Promise.all(bodies.map((body) => sign(body)))
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202])
    const { docs } = await stored('where[nameBlockKey][in]=harvey l,harvey s&sort=createdAt')
    const byName = Object.fromEntries(docs.map((doc) => [doc.name, doc]))
    const [first, second] = [byName['Louisa Harvey'], byName['Louise Harvey']].sort(
      (a, b) =>
        String(a.createdAt).localeCompare(String(b.createdAt)) || Number(a.id) - Number(b.id),
    )
    expect(second.possibleDuplicateOf).toBe(first.id)
    expect(first.possibleDuplicateOf ?? null).toBeNull()
    expect(byName['Sam Harvey'].possibleDuplicateOf ?? null).toBeNull()
  })

  it.skipIf(skip)(
    'shows the public only approved signatories, as each chose, and never their private data',
    async () => {
      const people = {
        full: signature({ name: 'Alex Fullname', display: 'full', organisation: 'Shown Org' }),
        name_only: signature({
          name: 'Bea Nameonly',
          display: 'name_only',
          organisation: 'Hidden Org One',
        }),
        anonymous: signature({
          name: 'Cass Secret',
          display: 'anonymous',
          role: 'Psychiatrist',
          organisation: 'Hidden Org Two',
        }),
        counted_only: signature({
          name: 'Dee Counted',
          display: 'counted_only',
          organisation: 'Hidden Org Three',
        }),
        pending: signature({ name: 'Eli Pending', display: 'full' }),
      }
      for (const body of Object.values(people)) expect((await sign(body)).status).toBe(202)
      const all = await stored(`where[letter][equals]=${letter.id}`)
      const toApprove = [people.full, people.name_only, people.anonymous, people.counted_only].map(
        (person) => person.email,
      )
      for (const doc of all.docs) {
        if (!toApprove.includes(doc.email as string)) continue
        const approved = await client.request(`/api/signatories/${doc.id}`, {
          method: 'PATCH',
          auth: moderator,
          body: { status: 'approved' },
        })
        expect(approved.status).toBe(200)
      }
      const secrets = [
        ...emails,
        ...all.docs.flatMap((doc) => [doc.emailHash, doc.ipHash, doc.nameKey]).filter(Boolean),
        CONSENT_NOTICE.slice(0, 40),
        'Hidden Org One',
        'Cass Secret',
        'Hidden Org Two',
        'Dee Counted',
        'Eli Pending',
      ] as string[]

      const publicList = await client.request<{ docs: Signatory[] }>(
        `/api/signatories?limit=100&where[letter][equals]=${letter.id}`,
      )
      const byName = Object.fromEntries(publicList.body.docs.map((doc) => [doc.publicName, doc]))
      expect(byName['Alex Fullname']).toMatchObject({
        publicRole: 'Mental health nurse',
        publicOrganisation: 'Shown Org',
      })
      expect(byName['Bea Nameonly']).toMatchObject({ publicRole: null, publicOrganisation: null })
      expect(byName.Anonymous).toMatchObject({
        publicRole: 'Psychiatrist',
        publicOrganisation: null,
      })
      expect(publicList.body.docs).toHaveLength(3)

      const tally = await client.request<{ approved: number }>(
        `/api/signatories/tally?letter=${letter.slug}`,
      )
      expect(tally.body.approved).toBeGreaterThanOrEqual(4)
      const approvedCount = (
        await stored(`where[letter][equals]=${letter.id}&where[status][equals]=approved`)
      ).totalDocs
      expect(tally.body.approved).toBe(approvedCount)

      const someId = JSON.stringify(publicList.body.docs[0].id)
      for (const auth of [
        undefined,
        { token: team.artist.token },
        { token: team.contributor.token },
      ]) {
        const bodies: string[] = []
        for (const route of [
          `/api/signatories?limit=100&depth=2`,
          `/api/signatories?select[email]=true&select[name]=true&select[consent]=true&select[ipHash]=true`,
          `/api/signatories/${publicList.body.docs[0].id}?depth=2`,
          `/api/statements/${letter.id}?depth=2`,
          `/api/statements?depth=1&limit=50`,
          `/api/signatories/tally?letter=${letter.id}`,
        ]) {
          const response = await client.request(route, { auth })
          expect(response.status, route).toBeLessThan(500)
          bodies.push(JSON.stringify(response.body))
        }
        for (const query of [
          '{ Signatories(limit: 100) { docs { id publicName publicRole publicOrganisation display onBehalfOfOrganisation letter { title } } } }',
          `{ Signatory(id: ${someId}) { publicName } }`,
          `{ Statement(id: ${JSON.stringify(letter.id)}) { signatories { docs { publicName publicRole } } } }`,
        ]) {
          const response = await client.graphql(query, {}, auth)
          expect(response.body.errors, query).toBeUndefined()
          bodies.push(JSON.stringify(response.body))
        }
        const everything = bodies.join('\n')
        for (const secret of secrets) expect(everything, secret).not.toContain(secret)
        expect(everything).toContain('Alex Fullname')

        // Asking for private fields, or filtering and sorting on them, is refused.
        const graphqlEmail = await client.graphql('{ Signatories { docs { email } } }', {}, auth)
        expect(JSON.stringify(graphqlEmail.body)).not.toContain('@example.org')
        for (const probe of [
          `where[email][equals]=${people.anonymous.email}`,
          'where[name][like]=Cass',
          'where[emailHash][exists]=true',
          'where[status][equals]=pending',
          'sort=email',
          'sort=name',
        ]) {
          const response = await client.request<{ docs?: unknown[] }>(`/api/signatories?${probe}`, {
            auth,
          })
          expect([400, 403], probe).toContain(response.status)
        }
      }
    },
  )

  it.skipIf(skip)(
    'exports a letter’s signatures as CSV: public fields for moderators, all for admins',
    async () => {
      const exportAs = (auth: Auth | undefined, query = '') =>
        fetch(`${server.url}/api/signatories/export?letter=${letter.slug}${query}`, {
          headers: auth?.token ? { authorization: `JWT ${auth.token}` } : {},
        })
      const publicCsv = await exportAs(moderator)
      expect(publicCsv.status).toBe(200)
      expect(publicCsv.headers.get('content-type')).toContain('text/csv')
      const text = await publicCsv.text()
      expect(text.split('\n')[0]).toBe(
        'publicName,publicRole,publicOrganisation,onBehalfOfOrganisation,display,status,createdAt',
      )
      expect(text).toContain('Alex Fullname')
      for (const email of emails) expect(text).not.toContain(email)

      const allCsv = await (await exportAs({ token: team.admin.token }, '&fields=all')).text()
      expect(allCsv.split('\n')[0]).toContain('email')
      expect(allCsv).toContain('Robin Ash')
      expect(allCsv).toMatch(/@example\.org/)
      expect(allCsv).not.toMatch(/[a-f0-9]{64}/)

      expect((await exportAs(editor, '&fields=all')).status).toBe(403)
      expect((await exportAs({ token: team.artist.token })).status).toBe(403)
      expect((await exportAs(undefined)).status).toBe(403)
    },
  )

  it.skipIf(skip)('lets a moderator review in bulk, as the admin list does', async () => {
    const response = await client.request<{ docs: Signatory[] }>(
      `/api/signatories?where[nameKey][equals]=zoe obrien&where[letter][equals]=${letter.id}`,
      { method: 'PATCH', auth: moderator, body: { status: 'duplicate' } },
    )
    expect(response.status).toBe(200)
    expect(response.body.docs.map((doc) => doc.status)).toEqual(['duplicate', 'duplicate'])
    const before = await stored(`where[letter][equals]=${letter.id}&sort=id`)
    const statuses = (docs: Signatory[]) => docs.map((doc) => [doc.id, doc.status])
    // Roles that may not moderate are refused the same bulk change, signed in or not, by the
    // admin list's filter or by a selection of ids; nothing of the letter changes.
    const ids = before.docs.map((doc) => doc.id).join(',')
    for (const who of ['contributor', 'artist', 'anonymous'] as const) {
      for (const where of [`where[letter][equals]=${letter.id}`, `where[id][in]=${ids}`]) {
        const refused = await client.request<ErrorBody>(`/api/signatories?${where}`, {
          method: 'PATCH',
          auth: who === 'anonymous' ? undefined : { token: team[who].token },
          body: { status: 'approved' },
        })
        expect(refused.status, `${who} ${where}`).toBe(403)
        expect(refused.body.errors?.[0]?.message, who).toBeTruthy()
      }
    }
    const after = await stored(`where[letter][equals]=${letter.id}&sort=id`)
    expect(statuses(after.docs)).toEqual(statuses(before.docs))
  })

  it.skipIf(skip)(
    'lets an admin export and erase everything held for an email address',
    async () => {
      const [robin] = (await stored('where[name][equals]=Robin Ash')).docs
      const email = robin.email as string
      const personalData = (method: string, auth: Auth | undefined) =>
        client.request<{ signatures?: Signatory[]; erased?: number } & ErrorBody>(
          `/api/signatories/personal-data?email=${encodeURIComponent(email.toUpperCase())}`,
          { method, auth },
        )
      expect((await personalData('GET', moderator)).status).toBe(403)
      expect((await personalData('DELETE', editor)).status).toBe(403)
      expect((await personalData('GET', undefined)).status).toBe(403)

      const admin = { token: team.admin.token }
      const exported = await personalData('GET', admin)
      expect(exported.status).toBe(200)
      expect(exported.body.signatures?.[0]).toMatchObject({ email })
      expect(JSON.stringify(exported.body)).not.toMatch(/TokenHash|emailHash/)

      const erased = await personalData('DELETE', admin)
      expect(erased.body.erased).toBe(exported.body.signatures?.length)
      expect((await personalData('GET', admin)).body.signatures).toEqual([])
    },
  )
})

describe('signing and login rate limits', () => {
  let server: RunningServer
  let client: ReturnType<typeof api>

  beforeAll(async () => {
    // Express counts per address before Payload is involved, the same on any database.
    server = await startServer('sqlite', {
      SIGN_RATE_LIMIT_PER_MINUTE: '3',
      LOGIN_RATE_LIMIT_PER_MINUTE: '3',
    })
    client = api(server.url)
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('answers 429 with Retry-After once an address passes the limit', async () => {
    for (const [path, body] of [
      [
        '/api/signatories/sign',
        { letter: 'none', name: 'x', email: 'x@example.org', consent: true },
      ],
      ['/api/users/login', { email: 'x@example.org', password: 'wrong' }],
    ] as const) {
      const statuses: number[] = []
      let last: Awaited<ReturnType<typeof client.request<ErrorBody>>> | undefined
      for (let attempt = 0; attempt < 4; attempt++) {
        last = await client.request<ErrorBody>(path, { method: 'POST', body })
        statuses.push(last.status)
      }
      expect(
        statuses.slice(0, 3).every((status) => status !== 429),
        path,
      ).toBe(true)
      expect(statuses[3], path).toBe(429)
      expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(last?.body.errors?.[0]?.message).toMatch(/Please wait a minute/)
    }
  })

  it('counts GraphQL logins too, so the mutation is no way around the limit', async () => {
    // The REST attempts above used up this address's logins for the minute.
    const response = await client.graphql(
      'mutation { loginUser(email: "x@example.org", password: "wrong") { token } }',
    )
    expect(response.status).toBeLessThan(500)
    expect(response.body.errors?.[0]?.message).toBe(
      'Too many login attempts from your connection. Please wait a minute and try again.',
    )
    expect(response.body.errors?.[0]?.extensions?.statusCode).toBe(429)
  })

  it('applies the signing limit to the route Payload runs, however its path is spelt', async () => {
    // Once this address has used up its signatures for the minute, every spelling that
    // reaches the sign endpoint must meet the same limit, and store nothing.
    const local: LocalPayload = await connectLocalPayload(server.database.url)
    try {
      for (let attempt = 0; attempt < 4; attempt += 1) {
        const plain = await client.request('/api/signatories/sign', {
          method: 'POST',
          body: { letter: 'none', name: 'x', email: 'x@example.org', consent: true },
        })
        if (plain.status === 429) break
      }
      const letter = await local.payload.create({
        collection: 'statements',
        data: {
          title: 'Letter signed by odd spellings',
          kind: 'open_letter',
          signing: { open: true },
          _status: 'published',
          contentWarnings: { reviewed: true },
        },
      })
      const spellings = [
        '/api/signatories/%73ign',
        '/api/%73ignatories/sign',
        '/api/signatories/./sign',
        '/x/../api/signatories/sign',
        '/api/signatories/%2e/sign',
        '/%61pi/signatories/sign',
        '/api//signatories/sign',
        '/api/signatories/sign/',
      ]
      for (const [index, spelling] of spellings.entries()) {
        const response = await rawRequest(server.url, 'POST', spelling, {
          letter: letter.slug,
          name: `Odd Spelling ${index}`,
          email: `odd-${index}@example.org`,
          consent: true,
          display: 'full',
        })
        expect(response.status, spelling).toBe(429)
        expect(response.body, spelling).toMatch(/Please wait a minute/)
      }
      const stored = await local.payload.find({
        collection: 'signatories',
        where: { letter: { equals: letter.id } },
        overrideAccess: true,
      })
      expect(stored.totalDocs, 'signatures stored past the limit').toBe(0)
    } finally {
      await local.stop()
    }
  })

  it('applies the anonymous query limits however the API path is spelt', async () => {
    for (const spelling of [
      '/%61pi/statements?limit=0',
      '/api/%73tatements?limit=0',
      '/x/%2e%2e/api/statements?limit=0',
      '/api/./statements?limit=0',
    ]) {
      const response = await rawRequest(server.url, 'GET', spelling)
      expect(response.status, spelling).toBe(400)
    }
  })
})

/** A request with the path exactly as given (fetch would resolve its dot segments first). */
function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(baseUrl)
  const payload = body === undefined ? undefined : JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        hostname,
        port,
        path,
        method,
        headers: payload
          ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
          : {},
      },
      (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (text += chunk))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }))
      },
    )
    request.on('error', reject)
    request.end(payload)
  })
}
