import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Role } from '../src/access/roles'
import { type Auth, api } from './helpers/api'
import { SCREENSHOT_DIR } from './helpers/browser'
import { testDialects } from './helpers/databases'
import { gqlEnum, toGraphQLLiteral } from './helpers/graphqlLiteral'
import { type RunningServer, startServer } from './helpers/server'
import { createTeam, type Team } from './helpers/team'

type Who = 'anonymous' | Role
type Transport = 'REST' | 'GraphQL'
type Operation =
  | 'create'
  | 'read'
  | 'read draft'
  | 'update'
  | 'publish'
  | 'delete'
  | 'read versions'
  | 'edit own draft'
  | 'publish own draft'
  | 'read own versions'

const WHO: Who[] = ['anonymous', 'artist', 'moderator', 'contributor', 'editor', 'admin']
const OPERATIONS: Operation[] = [
  'create',
  'read',
  'read draft',
  'update',
  'publish',
  'delete',
  'read versions',
  'edit own draft',
  'publish own draft',
  'read own versions',
]

type CollectionUnderTest = {
  slug: 'statements' | 'updates' | 'pages' | 'trusts'
  single: string
  plural: string
  newDoc: (label: string) => Record<string, unknown>
  change: Record<string, unknown>
  /** GraphQL input types mark fields that have defaults as required. */
  graphqlRequired?: Record<string, unknown>
}

let odsCounter = 100
const nextOdsCode = () => `Q${odsCounter++}`

const COLLECTIONS: CollectionUnderTest[] = [
  {
    slug: 'statements',
    single: 'Statement',
    plural: 'Statements',
    newDoc: (label) => ({ title: label }),
    change: { summary: 'A changed summary.' },
    graphqlRequired: { kind: gqlEnum('statement') },
  },
  {
    slug: 'updates',
    single: 'Update',
    plural: 'Updates',
    newDoc: (label) => ({ title: label }),
    change: { summary: 'A changed summary.' },
    graphqlRequired: { category: gqlEnum('news'), date: '2024-05-01T00:00:00.000Z' },
  },
  {
    slug: 'pages',
    single: 'Page',
    plural: 'Pages',
    newDoc: (label) => ({ title: label }),
    change: { title: 'A changed title' },
  },
  {
    slug: 'trusts',
    single: 'Trust',
    plural: 'Trusts',
    newDoc: (label) => ({ name: label, odsCode: nextOdsCode() }),
    // Contributors may add evidence; every other trust field is for editors.
    change: { evidence: [{ kind: 'report', summary: 'A new report about the scheme.' }] },
    graphqlRequired: { simStatus: gqlEnum('under_review') },
  },
]

const REVIEWED = { contentWarnings: { reviewed: true } }

// Who may do what, as the design says. '—' where the operation does not apply.
function expected(
  who: Who,
  slug: CollectionUnderTest['slug'],
  operation: Operation,
): boolean | '—' {
  // Only contributors are limited to their own drafts; for everyone else "update" says it all.
  if (operation.includes('own')) {
    return who === 'contributor' && slug !== 'trusts' ? operation !== 'publish own draft' : '—'
  }
  if (who === 'editor' || who === 'admin') return true
  if (who !== 'contributor') return operation === 'read'
  if (slug === 'trusts') {
    // Contributors draft evidence on any trust, but neither create, publish nor delete trusts.
    return ['read', 'read draft', 'update', 'read versions'].includes(operation)
  }
  // Statements, updates, pages: others' drafts stay out of reach.
  return operation === 'create' || operation === 'read'
}

describe.each(testDialects())('content access matrix on $dialect', ({ dialect, skip }) => {
  let server: RunningServer
  let client: ReturnType<typeof api>
  let team: Team
  const results: Record<string, Record<string, Record<Operation, boolean | '—'>>> = {}

  beforeAll(async () => {
    if (skip) return
    server = await startServer(dialect)
    client = api(server.url)
    team = await createTeam(server.url)
  })
  afterAll(async () => {
    if (!skip && Object.keys(results).length) writeMatrix(dialect, results)
    await server?.stop()
  })

  const authOf = (who: Who): Auth | undefined =>
    who === 'anonymous' ? undefined : { token: team[who].token }

  async function adminCreates(collection: CollectionUnderTest, publish: boolean) {
    const response = await client.request<{ doc: { id: number | string } }>(
      `/api/${collection.slug}${publish ? '' : '?draft=true'}`,
      {
        method: 'POST',
        auth: team.admin,
        body: {
          ...collection.newDoc(`Fixture ${Math.random().toString(36).slice(2)}`),
          ...(publish ? { ...REVIEWED, _status: 'published' } : {}),
        },
      },
    )
    if (response.status !== 201) throw new Error(`fixture: ${JSON.stringify(response.body)}`)
    return response.body.doc.id
  }

  type Attempt = (
    who: Who,
    collection: CollectionUnderTest,
    id?: number | string,
  ) => Promise<boolean>

  const rest: Record<
    Exclude<Operation, 'edit own draft' | 'publish own draft' | 'read own versions'>,
    Attempt
  > & {
    createdId?: number | string
  } = {
    create: async (who, c) => {
      const r = await client.request<{ doc?: { id: number | string } }>(
        `/api/${c.slug}?draft=true`,
        {
          method: 'POST',
          auth: authOf(who),
          body: c.newDoc(`Created by ${who}`),
        },
      )
      expectRefusalStatus(r.status, [201])
      rest.createdId = r.body.doc?.id
      return r.status === 201
    },
    read: async (who, c, id) => {
      const r = await client.request<{ id?: unknown }>(`/api/${c.slug}/${id}`, {
        auth: authOf(who),
      })
      expectRefusalStatus(r.status, [200])
      return r.status === 200 && r.body.id === id
    },
    'read draft': async (who, c, id) => {
      const r = await client.request<{ _status?: string }>(`/api/${c.slug}/${id}?draft=true`, {
        auth: authOf(who),
      })
      expectRefusalStatus(r.status, [200])
      return r.status === 200 && r.body._status === 'draft'
    },
    update: async (who, c, id) => {
      const r = await client.request(`/api/${c.slug}/${id}?draft=true`, {
        method: 'PATCH',
        auth: authOf(who),
        body: c.change,
      })
      expectRefusalStatus(r.status, [200])
      return r.status === 200
    },
    publish: async (who, c, id) => {
      const r = await client.request<{ doc?: { _status?: string } }>(`/api/${c.slug}/${id}`, {
        method: 'PATCH',
        auth: authOf(who),
        body: { ...REVIEWED, _status: 'published' },
      })
      expectRefusalStatus(r.status, [200])
      return r.status === 200 && r.body.doc?._status === 'published'
    },
    delete: async (who, c, id) => {
      const r = await client.request(`/api/${c.slug}/${id}`, {
        method: 'DELETE',
        auth: authOf(who),
      })
      expectRefusalStatus(r.status, [200])
      return r.status === 200
    },
    'read versions': async (who, c, id) => {
      const r = await client.request<{ docs?: unknown[] }>(
        `/api/${c.slug}/versions?where[parent][equals]=${id}`,
        { auth: authOf(who) },
      )
      expectRefusalStatus(r.status, [200])
      return r.status === 200 && (r.body.docs?.length ?? 0) > 0
    },
  }

  const gql = async (who: Who, query: string) => {
    const r = await client.graphql<Record<string, Record<string, unknown> | null>>(
      query,
      {},
      authOf(who),
    )
    for (const error of r.body.errors ?? []) {
      // A refusal is a 4xx-class error with a message, never a crash.
      expect(error.message).toBeTruthy()
      expect(error.extensions?.statusCode ?? 400).toBeLessThan(500)
    }
    return r.body.data ?? {}
  }

  const graphql: Record<
    Exclude<Operation, 'edit own draft' | 'publish own draft' | 'read own versions'>,
    Attempt
  > & {
    createdId?: number | string
  } = {
    create: async (who, c) => {
      const data = await gql(
        who,
        `mutation { create${c.single}(data: ${toGraphQLLiteral({ ...c.newDoc(`GraphQL ${who}`), ...c.graphqlRequired })}, draft: true) { id } }`,
      )
      graphql.createdId = data[`create${c.single}`]?.id as number | string | undefined
      return graphql.createdId !== undefined
    },
    read: async (who, c, id) => {
      const data = await gql(who, `{ ${c.single}(id: ${JSON.stringify(id)}) { id } }`)
      return data[c.single]?.id === id
    },
    'read draft': async (who, c, id) => {
      const data = await gql(
        who,
        `{ ${c.single}(id: ${JSON.stringify(id)}, draft: true) { _status } }`,
      )
      return data[c.single]?._status === 'draft'
    },
    update: async (who, c, id) => {
      const change = toGraphQLLiteral(
        c.slug === 'trusts'
          ? { evidence: [{ kind: gqlEnum('report'), summary: 'A new report about the scheme.' }] }
          : c.change,
      )
      const data = await gql(
        who,
        `mutation { update${c.single}(id: ${JSON.stringify(id)}, data: ${change}, draft: true) { id } }`,
      )
      return data[`update${c.single}`]?.id === id
    },
    publish: async (who, c, id) => {
      const change = toGraphQLLiteral({ ...REVIEWED, _status: gqlEnum('published') })
      const data = await gql(
        who,
        `mutation { update${c.single}(id: ${JSON.stringify(id)}, data: ${change}) { _status } }`,
      )
      return data[`update${c.single}`]?._status === 'published'
    },
    delete: async (who, c, id) => {
      const data = await gql(
        who,
        `mutation { delete${c.single}(id: ${JSON.stringify(id)}) { id } }`,
      )
      return data[`delete${c.single}`]?.id === id
    },
    'read versions': async (who, c, id) => {
      const data = await gql(
        who,
        `{ versions${c.plural}(where: { parent: { equals: ${JSON.stringify(id)} } }) { docs { id } } }`,
      )
      return ((data[`versions${c.plural}`]?.docs as unknown[] | undefined)?.length ?? 0) > 0
    },
  }

  for (const collection of COLLECTIONS) {
    for (const transport of ['REST', 'GraphQL'] as Transport[]) {
      it.skipIf(skip)(`${collection.slug} over ${transport}`, async () => {
        const attempts = transport === 'REST' ? rest : graphql
        const published = await adminCreates(collection, true)
        const draft = await adminCreates(collection, false)
        const mismatches: string[] = []
        for (const who of WHO) {
          const row = {} as Record<Operation, boolean | '—'>
          row.create = await attempts.create(who, collection)
          const ownDraft = attempts.createdId
          row.read = await attempts.read(who, collection, published)
          row['read draft'] = await attempts['read draft'](who, collection, draft)
          row.update = await attempts.update(who, collection, await adminCreates(collection, false))
          row.publish = await attempts.publish(
            who,
            collection,
            await adminCreates(collection, false),
          )
          row.delete = await attempts.delete(who, collection, await adminCreates(collection, true))
          row['read versions'] = await attempts['read versions'](who, collection, published)
          const ownApplies = expected(who, collection.slug, 'edit own draft') !== '—'
          expect(!ownApplies || ownDraft !== undefined, `${who} could not create a draft`).toBe(
            true,
          )
          row['edit own draft'] = ownApplies
            ? await attempts.update(who, collection, ownDraft)
            : '—'
          row['publish own draft'] = ownApplies
            ? await attempts.publish(who, collection, ownDraft)
            : '—'
          row['read own versions'] = ownApplies
            ? await attempts['read versions'](who, collection, ownDraft)
            : '—'
          for (const operation of OPERATIONS) {
            const want = expected(who, collection.slug, operation)
            if (row[operation] !== want) {
              mismatches.push(`${who} ${operation}: got ${row[operation]}, expected ${want}`)
            }
          }
          results[`${collection.slug} (${transport})`] ??= {}
          results[`${collection.slug} (${transport})`][who] = row
        }
        expect(mismatches).toEqual([])
      })
    }
  }
})

function expectRefusalStatus(status: number, allowed: number[]) {
  if (allowed.includes(status)) return
  // Refused means a 4xx with a reason: 401/403 for "not allowed", 404 when the document is
  // invisible to this reader. Never a 500.
  expect([400, 401, 403, 404]).toContain(status)
}

function writeMatrix(
  dialect: string,
  results: Record<string, Record<string, Record<Operation, boolean | '—'>>>,
) {
  const mark = (value: boolean | '—') => (value === '—' ? '—' : value ? 'yes' : 'no')
  const lines = [`# Who can do what (${dialect})`, '']
  for (const [table, rows] of Object.entries(results)) {
    lines.push(
      `## ${table}`,
      '',
      `| who | ${OPERATIONS.join(' | ')} |`,
      `|---|${OPERATIONS.map(() => '---').join('|')}|`,
    )
    for (const [who, row] of Object.entries(rows)) {
      lines.push(`| ${who} | ${OPERATIONS.map((operation) => mark(row[operation])).join(' | ')} |`)
    }
    lines.push('')
  }
  const text = lines.join('\n')
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
  fs.writeFileSync(path.join(SCREENSHOT_DIR, `access-matrix-${dialect}.md`), text)
  console.log(text)
}
