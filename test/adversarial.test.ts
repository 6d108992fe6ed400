/**
 * The adversarial suite: hostile requests generated from the final Payload config (every
 * collection and global, Payload's own included, their REST routes and GraphQL operations),
 * sent by every role and by anonymous visitors to the real production server. It asserts that
 * nothing answers with a 5xx or hangs, that no private value reaches a caller who may not see
 * it, and that a write a role may not make changes nothing in the database.
 *
 * CI runs a fixed seed and a modest number of runs; `npm run fuzz` runs longer
 * (FUZZ_RUNS, FUZZ_SEED). A failing run prints its seed and the smallest request that fails:
 * add that request to the named cases below before fixing it.
 */
import crypto from 'node:crypto'
import http from 'node:http'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { configToSchema } from '@payloadcms/graphql'
import fc from 'fast-check'
import type { GraphQLField, GraphQLNamedType, GraphQLSchema, GraphQLType } from 'graphql'
import { createLocalReq, type FlattenedField, type Payload, type SanitizedConfig } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ROLES, type Role } from '../src/access/roles'
import { PAYLOAD_SERVER_FUNCTIONS } from '../src/requestChecks/serverActionCalls'
import { seed } from '../src/seed'
import { type Auth, api } from './helpers/api'
import { testDialects } from './helpers/databases'
import { phonePhotoWithGps } from './helpers/images'
import { connectLocalPayload, type LocalPayload } from './helpers/localPayload'
import { adminServerActionId, serverActionIdOf, signFormActionId } from './helpers/serverAction'
import { type RunningServer, startServer } from './helpers/server'

const RUNS = Number(process.env.FUZZ_RUNS ?? 30)
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_202)
/** A hang guard, far above any honest answer; not a benchmark. */
const BOUND_MS = 5_000

type Caller = Role | 'anonymous'
const CALLERS: Caller[] = ['anonymous', ...ROLES]

/** Values planted in the database that only some callers may ever see. */
const SECRET = {
  signerEmail: '@leak.example',
  pendingName: 'Pendingname Zqx',
  hiddenName: 'Hiddenname Zqx',
  moderationNote: 'MODNOTE-ZQX',
  draftTitle: 'Draftmark Qvw',
  camera: 'TestPhoneMaker',
} as const

const MAY_SEE_SIGNER_DETAILS: Caller[] = ['admin', 'editor', 'moderator']
const MAY_SEE_DRAFTS: Caller[] = ['admin', 'editor', 'contributor']

/** What in a response body `caller` must never see. */
function leaksIn(body: string, caller: Caller, ownEmail: string | undefined, emails: string[]) {
  const found: string[] = []
  const never = [
    /"(hash|salt|resetPasswordToken|_verificationToken)"\s*:\s*"/,
    /GPSLatitude|GPSLongitude/,
    new RegExp(SECRET.camera),
  ]
  for (const pattern of never) if (pattern.test(body)) found.push(String(pattern))
  // The header of EXIF data in a stored image.
  if (body.includes('Exif\u0000\u0000')) found.push('EXIF block')
  if (!MAY_SEE_SIGNER_DETAILS.includes(caller)) {
    for (const secret of [
      SECRET.signerEmail,
      SECRET.pendingName,
      SECRET.hiddenName,
      SECRET.moderationNote,
    ]) {
      if (body.includes(secret)) found.push(secret)
    }
    if (/"(emailHash|ipHash|confirmTokenHash|withdrawTokenHash|nameKey)"\s*:\s*"/.test(body)) {
      found.push('signatory hashes')
    }
  }
  if (!MAY_SEE_DRAFTS.includes(caller) && body.includes(SECRET.draftTitle)) {
    found.push(SECRET.draftTitle)
  }
  for (const email of emails) {
    if (caller !== 'admin' && email !== ownEmail && body.includes(email)) found.push(email)
  }
  return found
}

// ---------------------------------------------------------------------------------------------
// The model: what the final config says exists.

type Entity = {
  kind: 'collection' | 'global'
  slug: string
  base: string
  fieldPaths: string[]
  fields: readonly FlattenedField[]
  getRoutes: string[]
  versions: boolean
}

function fieldPathsOf(fields: readonly FlattenedField[], prefix = '', depth = 0): string[] {
  const paths: string[] = []
  for (const field of fields) {
    if (!('name' in field)) continue
    const here = `${prefix}${field.name}`
    paths.push(here)
    if (depth < 2 && 'flattenedFields' in field && Array.isArray(field.flattenedFields)) {
      paths.push(...fieldPathsOf(field.flattenedFields, `${here}.`, depth + 1))
    }
  }
  return paths
}

/** Express-style `:param` paths from the config, with placeholders to fill in. */
function modelOf(config: SanitizedConfig): Entity[] {
  const entities: Entity[] = []
  for (const collection of config.collections) {
    const endpoints = Array.isArray(collection.endpoints) ? collection.endpoints : []
    entities.push({
      kind: 'collection',
      slug: collection.slug,
      base: `/api/${collection.slug}`,
      fields: collection.flattenedFields,
      fieldPaths: ['id', ...fieldPathsOf(collection.flattenedFields)],
      getRoutes: [
        '',
        ...endpoints
          .filter((endpoint) => endpoint.method === 'get')
          .map((endpoint) => endpoint.path),
      ],
      versions: Boolean(collection.versions),
    })
  }
  for (const global of config.globals) {
    const endpoints = Array.isArray(global.endpoints) ? global.endpoints : []
    entities.push({
      kind: 'global',
      slug: global.slug,
      base: `/api/globals/${global.slug}`,
      fields: global.flattenedFields,
      fieldPaths: fieldPathsOf(global.flattenedFields),
      getRoutes: [
        '',
        ...endpoints
          .filter((endpoint) => endpoint.method === 'get')
          .map((endpoint) => endpoint.path),
      ],
      versions: Boolean(global.versions),
    })
  }
  return entities
}

// ---------------------------------------------------------------------------------------------
// Hostile values.

const ODD_STRINGS = [
  '',
  'null',
  'true',
  'false',
  '0',
  '-1',
  '1.5',
  '1e308',
  '99999999999999999999',
  'NaN',
  'Infinity',
  '2025-03-31',
  'notadate',
  '%',
  '%zz',
  '%00',
  '\u0000',
  '🙂',
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '{"a":1}',
  '[1,2]',
  '__proto__',
  'constructor',
  '../../etc/passwd',
  ',,,',
  '1,2,3',
  'a'.repeat(3000),
]

const scalar = fc.oneof(
  fc.constantFrom(...ODD_STRINGS),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -10, max: 10 }),
  fc.constantFrom(2 ** 31, 2 ** 53, -(2 ** 31), 1e300),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
)

const nested: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('equals', 'in', 'like', 'a', '0', 'and', 'or'), tie('value'), {
      maxKeys: 3,
    }),
  ),
})).value

const huge = fc.constantFrom<unknown>(
  Array.from({ length: 3000 }, (_, index) => index),
  Array.from({ length: 600 }, (_, index) => String(index)).join(','),
  JSON.parse(`${'{"a":'.repeat(60)}1${'}'.repeat(60)}`),
  Array.from({ length: 300 }, (_, index) => ({ id: { equals: index } })),
)

const hostile = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 3, arbitrary: nested },
  { weight: 1, arbitrary: huge },
)

const OPERATORS = [
  'equals',
  'not_equals',
  'in',
  'not_in',
  'all',
  'exists',
  'greater_than',
  'greater_than_equal',
  'less_than',
  'less_than_equal',
  'like',
  'not_like',
  'contains',
  'near',
  'within',
  'intersects',
  'bogus',
]

const BOGUS_PATHS = [
  'hash',
  'salt',
  'password',
  'email',
  'nope',
  'a.b.c',
  'version.title',
  '__proto__',
  '_status',
  'createdAt',
]

function whereFor(entity: Entity): fc.Arbitrary<unknown> {
  const path = fc.constantFrom(...entity.fieldPaths, ...BOGUS_PATHS)
  const condition = fc
    .tuple(path, fc.constantFrom(...OPERATORS), hostile)
    .map(([field, operator, value]) => ({ [field]: { [operator]: value } }))
  return fc.letrec((tie) => ({
    where: fc.oneof(
      { depthSize: 'small' },
      condition,
      fc.record({ or: fc.array(tie('where'), { maxLength: 3 }) }),
      fc.record({ and: fc.array(tie('where'), { maxLength: 3 }) }),
      hostile,
    ),
  })).where
}

function queryFor(entity: Entity): fc.Arbitrary<Record<string, unknown>> {
  const name = fc.constantFrom(...entity.fieldPaths, ...BOGUS_PATHS)
  return fc.record(
    {
      where: whereFor(entity),
      sort: fc.oneof(
        name,
        name.map((field) => `-${field}`),
        hostile,
      ),
      select: fc.oneof(
        fc.dictionary(name, fc.oneof(fc.boolean(), hostile), { maxKeys: 3 }),
        hostile,
      ),
      populate: fc.oneof(
        fc.dictionary(fc.constantFrom('media', 'trusts', 'statements', 'users', 'x'), hostile, {
          maxKeys: 2,
        }),
        hostile,
      ),
      joins: fc.oneof(
        fc.dictionary(
          name,
          fc.record({ limit: hostile, sort: hostile, where: hostile }, { requiredKeys: [] }),
          { maxKeys: 2 },
        ),
        hostile,
      ),
      depth: fc.oneof(fc.integer({ min: -2, max: 12 }), hostile),
      limit: fc.oneof(fc.integer({ min: -2, max: 120 }), hostile),
      page: fc.oneof(fc.integer({ min: -2, max: 5 }), hostile),
      draft: fc.oneof(fc.constantFrom('true', 'false'), hostile),
      pagination: fc.oneof(fc.constantFrom('true', 'false'), hostile),
      trash: fc.oneof(fc.constant('true'), hostile),
      locale: hostile,
      data: hostile,
    },
    { requiredKeys: [] },
  )
}

/**
 * A query string as browsers and clients spell it, in several array styles, encoded or not. Own
 * code rather than qs, which cannot write the `__proto__` keys a hostile client sends.
 */
const queryString = (query: Record<string, unknown>, style: number) => {
  const encode = style % 3 === 0 ? (text: string) => text : encodeURIComponent
  const pairs: string[] = []
  const walk = (key: string, value: unknown) => {
    if (Array.isArray(value)) {
      if (style % 4 === 3 && value.every((item) => typeof item !== 'object' || item === null)) {
        pairs.push(`${encode(key)}=${encode(value.join(','))}`)
        return
      }
      value.forEach((item, index) =>
        walk(style % 4 === 1 ? `${key}[]` : style % 4 === 2 ? key : `${key}[${index}]`, item),
      )
    } else if (typeof value === 'object' && value !== null) {
      for (const [inner, child] of Object.entries(value)) {
        walk(style % 5 === 0 ? `${key}.${inner}` : `${key}[${inner}]`, child)
      }
    } else {
      pairs.push(`${encode(key)}=${encode(value === null ? '' : String(value))}`)
    }
  }
  for (const [key, value] of Object.entries(query)) walk(key, value)
  return pairs.length ? `?${pairs.join('&')}` : ''
}

/** The same path spelt oddly: percent-encoded letters, dot segments, doubled slashes, a stray %. */
function oddPath(pathname: string, style: number): string {
  switch (style % 7) {
    case 1:
      return pathname.replace(/[a-z]/, (letter) => `%${letter.charCodeAt(0).toString(16)}`)
    case 2:
      return pathname.replace('/api/', '/api/./')
    case 3:
      return `${pathname}/`
    case 4:
      return pathname.replace('/api/', '/api//')
    case 5:
      return `${pathname}%`
    case 6:
      return `/x/..${pathname}`
    default:
      return pathname
  }
}

const fillParams = (route: string, value: string) =>
  route.replace(/:[A-Za-z]+\??/g, encodeURIComponent(value))

// ---------------------------------------------------------------------------------------------

type World = {
  server: RunningServer
  local: LocalPayload
  client: ReturnType<typeof api>
  callers: Record<Caller, Auth & { email?: string; userId?: number | string }>
  emails: string[]
  entities: Entity[]
  schema: GraphQLSchema
  ids: Record<string, string>
}

async function buildWorld(dialect: 'sqlite' | 'postgres'): Promise<World> {
  const server = await startServer(dialect, {
    SIGN_RATE_LIMIT_PER_MINUTE: '0',
    LOGIN_RATE_LIMIT_PER_MINUTE: '0',
  })
  const local = await connectLocalPayload(server.database.url, { MEDIA_DIR: server.mediaDir })
  const payload = local.payload
  const passwordFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stopsim-fuzz-')), 'a.json')
  const { accounts } = await seed(payload, { passwordFile })
  const client = api(server.url)
  const callers = { anonymous: {} } as World['callers']
  for (const account of accounts) {
    const auth = await loginWithRetry(client, account.email, account.password, server)
    callers[account.role] = { token: auth.token, userId: auth.userId, email: account.email }
  }
  await plantSecrets(payload, server.url, callers)
  const schema = configToSchema(payload.config).schema
  const ids: Record<string, string> = {}
  for (const collection of payload.config.collections) {
    const { docs } = await payload.find({
      collection: collection.slug,
      limit: 1,
      depth: 0,
      overrideAccess: true,
      pagination: false,
    })
    if (docs[0]) ids[collection.slug] = String(docs[0].id)
  }
  return {
    server,
    local,
    client,
    callers,
    emails: accounts.map((account) => account.email),
    entities: modelOf(payload.config),
    schema,
    ids,
  }
}

/**
 * The seed wrote through another process; on SQLite the server's first write after that can
 * meet the other connection's lock, which the write-serialisation work of issue 12 addresses.
 */
async function loginWithRetry(
  client: ReturnType<typeof api>,
  email: string,
  password: string,
  server: RunningServer,
) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.login(email, password)
    } catch (error) {
      if (attempt === 3) {
        throw new Error(`${String(error)}\n${server.output().slice(-3000)}`, { cause: error })
      }
      await new Promise((resolve) => setTimeout(resolve, 1000))
    }
  }
}

async function plantSecrets(payload: Payload, serverUrl: string, callers: World['callers']) {
  const {
    docs: [letter],
  } = await payload.find({
    collection: 'statements',
    where: { kind: { equals: 'open_letter' }, _status: { equals: 'published' } },
    limit: 1,
    overrideAccess: true,
    depth: 0,
  })
  if (!letter) throw new Error('the seed has no published open letter')
  const signers = [
    { name: SECRET.pendingName, status: 'pending', display: 'full' },
    { name: SECRET.hiddenName, status: 'approved', display: 'counted_only' },
  ] as const
  for (const [index, signer] of signers.entries()) {
    await payload.create({
      collection: 'signatories',
      overrideAccess: true,
      data: {
        letter: letter.id,
        name: signer.name,
        display: signer.display,
        status: signer.status,
        email: `signer${index}${SECRET.signerEmail}`,
        moderationNote: SECRET.moderationNote,
        source: 'admin',
      },
    })
  }
  const {
    docs: [published],
  } = await payload.find({
    collection: 'statements',
    where: { _status: { equals: 'published' } },
    limit: 1,
    overrideAccess: true,
    depth: 0,
  })
  await payload.update({
    collection: 'statements',
    id: published.id,
    draft: true,
    overrideAccess: true,
    data: { title: `${SECRET.draftTitle} (unpublished change)` },
  })
  // An artist's photo with the camera and place in its metadata, waiting for review.
  const form = new FormData()
  form.append(
    'file',
    new Blob([new Uint8Array(await phonePhotoWithGps(400, 300))], { type: 'image/jpeg' }),
    'photo.jpg',
  )
  form.append(
    '_payload',
    JSON.stringify({ title: 'A photo', alt: 'A green field under a grey sky.' }),
  )
  const uploaded = await fetch(`${serverUrl}/api/artwork`, {
    method: 'POST',
    body: form,
    headers: { authorization: `JWT ${callers.artist.token}` },
  })
  if (uploaded.status !== 201) throw new Error(`artwork upload failed: ${await uploaded.text()}`)
}

// ---------------------------------------------------------------------------------------------
// Properties.

/** Generated objects have no prototype; requests carry plain JSON values. */
const plain = (value: unknown): unknown =>
  value === undefined ? undefined : JSON.parse(JSON.stringify(value))

type Sent = { status: number; ms: number; body: string }

/**
 * One request over node:http, which (unlike fetch) takes the long Location header Next.js sends
 * when it redirects a long URL, and any body: FormData is serialised as fetch would send it.
 */
async function send(
  world: World,
  caller: Caller,
  pathname: string,
  init: { method?: string; body?: BodyInit; headers?: Record<string, string> } = {},
): Promise<Sent> {
  const auth = world.callers[caller]
  const headers: Record<string, string> = {
    ...(auth.token ? { authorization: `JWT ${auth.token}` } : {}),
    ...init.headers,
  }
  let body: Buffer | undefined
  if (init.body !== undefined) {
    const encoded = new Response(init.body)
    body = Buffer.from(await encoded.arrayBuffer())
    const type = encoded.headers.get('content-type')
    if (type && !headers['content-type']) headers['content-type'] = type
  }
  if (body) headers['content-length'] = String(body.length)
  const started = Date.now()
  return new Promise<Sent>((resolve, reject) => {
    const request = http.request(
      `${world.server.url}${pathname}`,
      { method: init.method ?? 'GET', headers, maxHeaderSize: 256 * 1024 },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            ms: Date.now() - started,
            body: Buffer.concat(chunks).toString('latin1'),
          }),
        )
        response.on('error', reject)
      },
    )
    request.on('error', (error) => {
      // Node refuses request headers over 16 KiB itself (431) and drops the connection, which
      // the client may see as a reset while it is still sending them.
      if (pathname.length > 16 * 1024 && (error as NodeJS.ErrnoException).code === 'ECONNRESET') {
        resolve({ status: 431, ms: Date.now() - started, body: '' })
      } else reject(error)
    })
    request.end(body)
  })
}

function checkAnswer(world: World, caller: Caller, sent: Sent, what: string) {
  const summary = `${caller} ${what} → ${sent.status} in ${sent.ms} ms: ${sent.body.slice(0, 300)}`
  expect(sent.status, summary).toBeLessThan(500)
  expect(sent.ms, summary).toBeLessThan(BOUND_MS)
  const leaks = leaksIn(sent.body, caller, world.callers[caller].email, world.emails)
  expect(leaks, summary).toEqual([])
  // GraphQL reports a failed resolver inside a 200.
  expect(sent.body, summary).not.toMatch(/"statusCode":5\d\d/)
}

/** A fingerprint of everything stored for an entity, read past access control. */
async function fingerprint(payload: Payload, entity: Entity): Promise<string> {
  if (entity.kind === 'global') {
    const doc = await payload.findGlobal({
      slug: entity.slug as 'site-settings',
      depth: 0,
      overrideAccess: true,
      draft: true,
    })
    if (entity.slug === 'payload-jobs-stats') {
      // The server's own job runner notes each scheduled run here while the suite runs.
      const { stats, updatedAt: _updatedAt, ...rest } = doc as unknown as Record<string, unknown>
      const { scheduledRuns: _scheduledRuns, ...ownStats } = (stats ?? {}) as Record<
        string,
        unknown
      >
      return JSON.stringify({ ...rest, stats: ownStats })
    }
    return JSON.stringify(doc)
  }
  const { docs } = await payload.find({
    collection: entity.slug as 'statements',
    depth: 0,
    pagination: false,
    overrideAccess: true,
    draft: true,
    trash: true,
  })
  let versions = 0
  if (entity.versions) {
    versions = (
      await payload.countVersions({ collection: entity.slug as 'statements', overrideAccess: true })
    ).totalDocs
  }
  return crypto
    .createHash('sha256')
    .update(JSON.stringify([docs, versions]))
    .digest('hex')
}

/** Whether the config's own access rule refuses `operation` to `caller` outright. */
async function refuses(
  payload: Payload,
  entity: Entity,
  operation: 'create' | 'update' | 'delete',
  world: World,
  caller: Caller,
): Promise<boolean> {
  const config =
    entity.kind === 'collection'
      ? payload.collections[entity.slug as 'statements'].config
      : payload.config.globals.find((global) => global.slug === entity.slug)
  const rule = (config?.access as Record<string, unknown> | undefined)?.[operation]
  if (typeof rule !== 'function') return false
  const userId = world.callers[caller].userId
  const user = userId
    ? {
        ...(await payload.findByID({
          collection: 'users',
          id: userId,
          overrideAccess: true,
          depth: 0,
        })),
        collection: 'users',
      }
    : undefined
  const req = await createLocalReq({ user: user as never }, payload)
  return (await (rule as (args: { req: unknown }) => unknown)({ req })) === false
}

const BODY_STYLES = [
  'json',
  'bad-json',
  'form',
  'text',
  'multipart',
  'empty',
  'json-array',
] as const

function encodeBody(
  style: (typeof BODY_STYLES)[number],
  data: unknown,
): { body?: BodyInit; headers: Record<string, string> } {
  switch (style) {
    case 'json':
      return { body: JSON.stringify(data), headers: { 'content-type': 'application/json' } }
    case 'bad-json':
      return { body: '{"title": ', headers: { 'content-type': 'application/json' } }
    case 'form':
      return {
        body: queryString({ data }, 1).slice(1),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }
    case 'text':
      return { body: 'hello', headers: { 'content-type': 'text/plain' } }
    case 'multipart': {
      const form = new FormData()
      form.append('_payload', typeof data === 'string' ? data : JSON.stringify(data))
      return { body: form, headers: {} }
    }
    case 'empty':
      return { headers: { 'content-type': 'application/json' } }
    case 'json-array':
      return { body: JSON.stringify([data]), headers: { 'content-type': 'application/json' } }
  }
}

// ---------------------------------------------------------------------------------------------
// Server actions: the admin panel's calls to Payload and the site's signing form, posted to
// pages as Next.js encodes them (React's reply format), and everything near them.

/** Strings React's reply decoder reads as more than text. */
const REPLY_STRINGS = [
  '$@1',
  '$Q1',
  '$W1',
  '$K1',
  '$1',
  '$0',
  '$0:0',
  '$1:a:b',
  '$nabc',
  '$n12',
  '$D2020-01-01',
  '$Dnot a date',
  '$undefined',
  '$T',
  '$h1',
  '$B1',
  '$i1',
  '$$x',
  '$-0',
  '$I',
  '$N',
  '$',
  '$F1',
]

const replyValue = fc.oneof(
  { weight: 3, arbitrary: hostile },
  { weight: 2, arbitrary: fc.constantFrom(...REPLY_STRINGS) },
  {
    weight: 2,
    arbitrary: fc.dictionary(
      fc.constantFrom(
        'collectionSlug',
        'globalSlug',
        'docID',
        'schemaPath',
        'path',
        'deleteID',
        'status',
      ),
      fc.oneof(hostile, fc.constantFrom(...REPLY_STRINGS, 'statements', 'site-settings', 'nope')),
      { maxKeys: 4 },
    ),
  },
)

const serverFunctionNames = [...Object.keys(PAYLOAD_SERVER_FUNCTIONS), 'nonexistent', '__proto__']

/** The arguments of a call: as the admin panel and the form shape them, or anything. */
const actionArguments = fc.oneof(
  fc
    .record({ name: fc.constantFrom(...serverFunctionNames), args: replyValue })
    .map((call) => [call]),
  fc.tuple(replyValue, fc.constantFrom('$K1', '$K2', ...REPLY_STRINGS)),
  fc.array(replyValue, { maxLength: 3 }),
  replyValue,
)

type ActionPost = {
  encoding: 'text' | 'multipart' | 'form' | 'broken'
  action: 'admin' | 'sign' | 'language' | 'unknown' | 'none'
  args: unknown
  extraRow: unknown
  bound: unknown
}

const actionPost = fc.record<ActionPost>({
  encoding: fc.constantFrom('text', 'multipart', 'form', 'broken'),
  action: fc.constantFrom('admin', 'sign', 'language', 'unknown', 'none'),
  args: actionArguments,
  extraRow: fc.oneof(fc.constant(undefined), replyValue, fc.constant('not json')),
  bound: fc.constantFrom(null, '$@1', '$@2', 'x', 5),
})

/** The request a server action post becomes, with its `Next-Action` header where it has one. */
function encodeActionPost(post: ActionPost, ids: Record<string, string>) {
  const id = ids[post.action]
  const row = (value: unknown) =>
    typeof value === 'string' && value === 'not json' ? value : JSON.stringify(value)
  const headers: Record<string, string> =
    id && post.encoding !== 'form' ? { 'next-action': id } : {}
  switch (post.encoding) {
    case 'text':
      return {
        body: row(post.args),
        headers: { ...headers, 'content-type': 'text/plain;charset=UTF-8' },
      }
    case 'broken':
      return {
        body: '--zz\r\nContent-Disposition: form-data; name="0"\r\n\r\n[',
        headers: { ...headers, 'content-type': 'multipart/form-data; boundary=zz' },
      }
    case 'multipart': {
      const form = new FormData()
      form.append('0', row(post.args))
      if (post.extraRow !== undefined) form.append('1', row(post.extraRow))
      form.append('1_name', 'A Signer')
      return { body: form, headers }
    }
    case 'form': {
      const form = new FormData()
      form.append('$ACTION_REF_1', '')
      form.append('$ACTION_1:0', JSON.stringify({ id: id ?? 'ab', bound: post.bound }))
      if (post.extraRow !== undefined) form.append('$ACTION_1:1', row(post.extraRow))
      form.append('$ACTION_KEY', 'k1')
      form.append('name', 'A Signer')
      return { body: form, headers }
    }
  }
}

// ---------------------------------------------------------------------------------------------

describe.each(testDialects().filter(({ dialect }) => dialect !== 'mongodb'))(
  'the adversarial suite on $dialect',
  ({ dialect }) => {
    let world: World
    const params = () => ({
      seed: SEED + (dialect === 'sqlite' ? 0 : 1),
      numRuns: RUNS,
      endOnFailure: true,
    })

    beforeAll(async () => {
      world = await buildWorld(dialect as 'sqlite' | 'postgres')
    }, 300_000)
    afterAll(async () => {
      await world?.local.stop()
      await world?.server.stop()
    })

    it('finds every collection and global of the final config, Payload’s own included', () => {
      const slugs = world.entities.map((entity) => entity.slug)
      for (const slug of [
        'statements',
        'signatories',
        'users',
        'payload-locked-documents',
        'payload-preferences',
        'payload-migrations',
        'payload-jobs',
        'site-settings',
      ]) {
        expect(slugs).toContain(slug)
      }
    })

    it('answers any read by anyone without a 5xx, in good time, leaking nothing', async () => {
      const entity = fc.constantFrom(...world.entities)
      const request = entity.chain((chosen) =>
        fc.record({
          entity: fc.constant(chosen),
          caller: fc.constantFrom(...CALLERS),
          route: fc.constantFrom(...chosen.getRoutes),
          param: fc.oneof(
            fc.constantFrom(
              world.ids[chosen.slug] ?? '1',
              'abc',
              '0',
              '-1',
              '1.5',
              '99999999999',
              'count',
              'versions',
              'me',
            ),
            fc.string({ maxLength: 8 }),
          ),
          query: queryFor(chosen),
          style: fc.nat(20),
        }),
      )
      await fc.assert(
        fc.asyncProperty(
          request,
          async ({ entity: chosen, caller, route, param, query, style }) => {
            const pathname = oddPath(
              `${chosen.base}${fillParams(route === '/' ? '' : route, param)}`,
              style,
            )
            const url = `${pathname}${queryString(query, style)}`
            checkAnswer(world, caller, await send(world, caller, url), `GET ${url.slice(0, 500)}`)
          },
        ),
        params(),
      )
    })

    it('changes nothing for a write the config refuses the caller, whatever the request looks like', async () => {
      const payload = world.local.payload
      const forbidden: {
        entity: Entity
        caller: Caller
        operation: 'create' | 'update' | 'delete'
      }[] = []
      for (const entity of world.entities) {
        for (const caller of CALLERS) {
          for (const operation of ['create', 'update', 'delete'] as const) {
            if (entity.kind === 'global' && operation !== 'update') continue
            if (isKnownIssue({ entity: entity.slug, caller, operation })) continue
            if (await refuses(payload, entity, operation, world, caller)) {
              forbidden.push({ entity, caller, operation })
            }
          }
        }
      }
      expect(forbidden.length).toBeGreaterThan(20)
      const request = fc.constantFrom(...forbidden).chain((target) =>
        fc.record({
          target: fc.constant(target),
          data: fc.oneof(
            fc.dictionary(
              fc.constantFrom(...target.entity.fieldPaths, '_status', 'roles', 'id'),
              hostile,
              { maxKeys: 4 },
            ),
            hostile,
          ),
          bodyStyle: fc.constantFrom(...BODY_STYLES),
          bulk: fc.boolean(),
          style: fc.nat(20),
        }),
      )
      await fc.assert(
        fc.asyncProperty(request, async ({ target, data: raw, bodyStyle, bulk, style }) => {
          const data = plain(raw)
          const { entity, caller, operation } = target
          const id = world.ids[entity.slug] ?? '1'
          const method =
            entity.kind === 'global' || operation === 'create'
              ? 'POST'
              : operation === 'update'
                ? 'PATCH'
                : 'DELETE'
          const where = bulk ? queryString({ where: { id: { exists: 'true' } } }, 0) : ''
          const pathname =
            entity.kind === 'global' || operation === 'create'
              ? entity.base
              : bulk
                ? `${entity.base}${where}`
                : `${entity.base}/${id}`
          const before = await fingerprint(payload, entity)
          const sent = await send(world, caller, oddPath(pathname, style), {
            method,
            ...encodeBody(bodyStyle, data),
          })
          checkAnswer(world, caller, sent, `${method} ${pathname} (${bodyStyle})`)
          expect(
            sent.status,
            `${caller} ${method} ${pathname}: ${sent.body.slice(0, 300)}`,
          ).not.toBe(201)
          expect(
            await fingerprint(payload, entity),
            `${caller} ${method} ${pathname} changed ${entity.slug}`,
          ).toBe(before)
        }),
        params(),
      )
    })

    it('answers any GraphQL operation of the schema by anyone without a 5xx, leaking nothing', async () => {
      const operations = graphqlOperations(world.schema).filter(
        (operation) => !KNOWN_ISSUE_OPERATIONS.has(operation.name),
      )
      expect(operations.length).toBeGreaterThan(30)
      const request = fc.constantFrom(...operations).chain((operation) =>
        fc.record({
          operation: fc.constant(operation),
          caller: fc.constantFrom(...CALLERS),
          args: fc.subarray(operation.args),
          values: fc.array(fc.oneof(hostile, whereFor(world.entities[0])), {
            minLength: 8,
            maxLength: 8,
          }),
        }),
      )
      await fc.assert(
        fc.asyncProperty(request, async ({ operation, caller, args, values }) => {
          const variables: Record<string, unknown> = {}
          args.forEach((arg, index) => (variables[arg.name] = plain(values[index % values.length])))
          const definitions = args.map((arg) => `$${arg.name}: ${arg.type}`).join(', ')
          const passing = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ')
          const query = `${operation.kind}${definitions ? `(${definitions})` : ''} { ${operation.name}${passing ? `(${passing})` : ''}${operation.selection} }`
          const sent = await send(world, caller, '/api/graphql', {
            method: 'POST',
            body: JSON.stringify({ query, variables }),
            headers: { 'content-type': 'application/json' },
          })
          checkAnswer(world, caller, sent, `${query} ${JSON.stringify(variables).slice(0, 300)}`)
        }),
        params(),
      )
    })

    it('answers any server action post, by anyone, without a 5xx, leaking nothing', async () => {
      const {
        docs: [letter],
      } = await world.local.payload.find({
        collection: 'statements',
        where: { kind: { equals: 'open_letter' } },
        limit: 1,
        overrideAccess: true,
        depth: 0,
      })
      const ids = {
        admin: adminServerActionId(),
        sign: signFormActionId(),
        language: serverActionIdOf('node_modules/@payloadcms/next/dist/layouts/Root/index.js'),
        unknown: 'ab'.repeat(21),
      }
      const request = fc.record({
        caller: fc.constantFrom(...CALLERS),
        path: fc.constantFrom(
          '/admin',
          `/statements/${letter.slug}`,
          '/',
          '/admin/collections/statements',
        ),
        post: actionPost,
      })
      await fc.assert(
        fc.asyncProperty(request, async ({ caller, path, post }) => {
          const sent = await send(world, caller, path, {
            method: 'POST',
            ...encodeActionPost(post, ids),
          })
          checkAnswer(world, caller, sent, `POST ${path} ${JSON.stringify(post).slice(0, 400)}`)
        }),
        params(),
      )
    })

    // Counterexamples this suite found, kept as named cases.
    it('answers GraphQL email verification, which accounts here do not use, with a 400', async () => {
      const sent = await send(world, 'moderator', '/api/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation { verifyEmailUser(token: "x") }' }),
      })
      expect(sent.status, sent.body).toBe(400)
      expect(sent.body).toContain('nothing to verify')
    })

    it('answers the access query of every global, for anyone, without a 5xx', async () => {
      for (const name of ['docAccessSiteSetting', 'docAccessPayloadJobsStat']) {
        for (const caller of ['anonymous', 'admin'] as const) {
          const sent = await send(world, caller, '/api/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: `{ ${name} { read { permission } } }` }),
          })
          checkAnswer(world, caller, sent, name)
          expect(sent.status, sent.body).toBe(200)
          expect(typeof JSON.parse(sent.body).data[name].read.permission).toBe('boolean')
        }
      }
    })

    it('answers where, select and sort spelt with __proto__ and constructor keys without a 5xx', async () => {
      for (const query of [
        '?where[__proto__][equals]=1',
        '?where[constructor][prototype][equals]=1',
        '?select[__proto__]=true',
        '?sort=__proto__',
        '?where[or][0][__proto__][in]=1,2',
      ]) {
        checkAnswer(
          world,
          'anonymous',
          await send(world, 'anonymous', `/api/statements${query}`),
          query,
        )
        checkAnswer(world, 'editor', await send(world, 'editor', `/api/signatories${query}`), query)
      }
    })

    it('answers the Access query for a collection with read-only drafts without a 5xx', async () => {
      for (const caller of ['editor', 'artist', 'contributor', 'anonymous'] as const) {
        const sent = await send(world, caller, '/api/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query:
              '{ Access { statements { create { permission where } update { permission where } delete { permission where } read { permission where } } } }',
          }),
        })
        checkAnswer(world, caller, sent, `Access as ${caller}`)
        expect(sent.status, sent.body).toBe(200)
        const { statements } = JSON.parse(sent.body).data.Access
        expect(statements.read.permission, caller).toBe(true)
        // The same answer as REST's, whatever earlier generated requests changed (an admin's
        // may have archived the site, which leaves deleting to admins).
        const rest = JSON.parse((await send(world, caller, '/api/access')).body)
        const restDelete = rest.collections.statements.delete
        expect(statements.delete.permission, caller).toBe(
          restDelete === true || restDelete?.permission === true,
        )
      }
      for (const caller of CALLERS) {
        const sent = await send(world, caller, '/api/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query: `{ Access { canAccessAdmin } docAccessStatement(id: ${world.ids.statements}) { update { permission } fields { title { read { permission } update { permission } } } } }`,
          }),
        })
        checkAnswer(world, caller, sent, `docAccessStatement as ${caller}`)
        expect(sent.status, sent.body).toBe(200)
        // As REST answers it: earlier generated requests by an admin may have changed accounts.
        const rest = JSON.parse((await send(world, caller, '/api/access')).body)
        expect(JSON.parse(sent.body).data.Access.canAccessAdmin, caller).toBe(
          rest.canAccessAdmin === true,
        )
      }
    })

    it('answers a document read with a negative id and odd parameters without a 5xx', async () => {
      const url =
        '/api/pages/-1/?sort=a.b.c&populate.x=9007199254740992&depth=4&page=-2&draft=true&pagination=false&trash=false&locale=1.797693134862315e%2B308&data=-6'
      for (const caller of ['artist', 'anonymous', 'editor'] as const) {
        checkAnswer(world, caller, await send(world, caller, url), `${caller} GET ${url}`)
      }
    })

    it('never answers a read with the document the client sent in data', async () => {
      const statement = world.ids.statements
      const spoofs = [
        `/api/statements/${statement}?data[title]=SPOOFED`,
        `/api/pages/999999?data[title]=SPOOFED`,
        `/api/globals/site-settings?data=${encodeURIComponent('{"siteName":"SPOOFED"}')}`,
      ]
      for (const caller of ['anonymous', 'editor'] as const) {
        for (const url of spoofs) {
          const sent = await send(world, caller, url)
          checkAnswer(world, caller, sent, url)
          expect(sent.status, `${caller} ${url}: ${sent.body}`).toBe(400)
          expect(sent.body).not.toContain('SPOOFED')
        }
        const overridden = await send(world, caller, `/api/statements/${statement}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-http-method-override': 'GET' },
          body: JSON.stringify({ data: { title: 'SPOOFED' } }),
        })
        expect(overridden.body).not.toContain('SPOOFED')
        expect(overridden.status).toBeLessThan(500)
      }
    })

    // Found by the probe of issue 12 and fixed on the access branch (issue-12-access).
    it('refuses an artist’s document lock in someone else’s name (issue-12-access)', async () => {
      const statement = world.ids.statements
      const admin = world.callers.admin.userId
      const payload = world.local.payload
      const before = await payload.count({
        collection: 'payload-locked-documents',
        overrideAccess: true,
      })
      const sent = await send(world, 'artist', '/api/payload-locked-documents', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          document: { relationTo: 'statements', value: Number(statement) },
          user: { relationTo: 'users', value: admin },
        }),
      })
      expect(sent.status).toBe(403)
      const after = await payload.count({
        collection: 'payload-locked-documents',
        overrideAccess: true,
      })
      expect(after.totalDocs).toBe(before.totalDocs)
    })

    it('refuses to run the job queue for an artist (issue-12-access)', async () => {
      const sent = await send(world, 'artist', '/api/payload-jobs/run')
      expect([401, 403]).toContain(sent.status)
    })

    it('refuses a contributor’s version restore, as a draft or not, on REST and GraphQL (probe: 200 with draft=true)', async () => {
      const payload = world.local.payload
      const singular = {
        statements: 'Statement',
        updates: 'Update',
        pages: 'Page',
        trusts: 'Trust',
      }
      for (const collection of ['statements', 'updates', 'pages', 'trusts'] as const) {
        const versions = await payload.findVersions({ collection, limit: 1, sort: '-updatedAt' })
        const version = versions.docs[0]
        expect(version, `a version of ${collection}`).toBeDefined()
        const before = await payload.countVersions({ collection })
        for (const query of ['?draft=true', '']) {
          const sent = await send(
            world,
            'contributor',
            `/api/${collection}/versions/${version.id}${query}`,
            {
              method: 'POST',
            },
          )
          expect(sent.status, `${collection}${query}: ${sent.body.slice(0, 200)}`).toBe(403)
        }
        const name = `restoreVersion${singular[collection]}`
        const graphql = await world.client.graphql(
          `mutation { ${name}(id: ${JSON.stringify(version.id)}) { id } }`,
          {},
          world.callers.contributor,
        )
        expect(JSON.stringify(graphql.body), name).toMatch(/not allowed|forbidden/i)
        expect((await payload.countVersions({ collection })).totalDocs).toBe(before.totalDocs)
      }
    })

    it('refuses a _status that is neither draft nor published (issue-12-access)', async () => {
      const sent = await send(world, 'contributor', '/api/statements?draft=true', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'A contributor’s odd status', _status: 'anything' }),
      })
      expect(sent.status).toBe(400)
    })
  },
)

type GraphqlOperation = {
  kind: 'query' | 'mutation'
  name: string
  args: { name: string; type: string }[]
  selection: string
}

// Payload builds its schema with its own copy of graphql, so graphql's instanceof-based
// predicates refuse its types here: they are told apart by shape instead.
const getNamedType = (type: GraphQLType): GraphQLNamedType => {
  let current: unknown = type
  while (current && typeof current === 'object' && 'ofType' in current && current.ofType) {
    current = current.ofType
  }
  return current as GraphQLNamedType
}
const isObjectType = (
  type: unknown,
): type is { getFields: () => Record<string, GraphQLField<unknown, unknown>> } =>
  typeof type === 'object' &&
  type !== null &&
  'getFields' in type &&
  !('getValues' in type) &&
  type.constructor.name === 'GraphQLObjectType'
const isLeafType = (type: unknown) =>
  typeof type === 'object' &&
  type !== null &&
  ['GraphQLScalarType', 'GraphQLEnumType'].includes(type.constructor.name)

/** Every query and mutation of the schema Payload builds from the config, with a selection of its scalar fields. */
function graphqlOperations(schema: GraphQLSchema): GraphqlOperation[] {
  const operations: GraphqlOperation[] = []
  const selectionOf = (type: unknown, depth: number): string => {
    if (!isObjectType(type)) return ''
    const parts: string[] = []
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      if (field.args.some((arg) => String(arg.type).endsWith('!'))) continue
      const named = getNamedType(field.type)
      if (isLeafType(named)) parts.push(field.name)
      else if (depth < 2 && isObjectType(named)) {
        const inner = selectionOf(named, depth + 1)
        if (inner) parts.push(`${field.name}${inner}`)
      }
      if (parts.length > 40) break
    }
    return parts.length ? ` { ${parts.join(' ')} }` : ''
  }
  for (const [kind, root] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    if (!root) continue
    for (const field of Object.values(root.getFields())) {
      if (field.name.startsWith('__')) continue
      const named = getNamedType(field.type)
      operations.push({
        kind,
        name: field.name,
        args: field.args.map((arg) => ({ name: arg.name, type: String(arg.type) })),
        selection: isObjectType(named) ? selectionOf(named, 0) || ' { __typename }' : '',
      })
    }
  }
  return operations
}

// ---------------------------------------------------------------------------------------------
// Known issues owned by other branches of issue 12 and 13, left out of the properties above.
// A known issue that a request can show without harming the rest of the run gets a named case
// marked `it.fails` (when its fix lands that case fails: turn it into `it` and drop the entry
// here). Forgot-password has none: while it is broken it stalls every write for 15 seconds.

type KnownIssue = {
  entity: string
  caller?: Caller
  operation?: string
  owner: string
  why: string
}

// Empty since the write-path fix: forgot-password is sent like everything else (and soon meets
// its per-address limit, a 429).
const KNOWN_ISSUES: KnownIssue[] = []

/** GraphQL operations left out of the suite for the known issues above. */
const KNOWN_ISSUE_OPERATIONS = new Set<string>()

function isKnownIssue(target: { entity: string; caller: Caller; operation: string }): boolean {
  return KNOWN_ISSUES.some(
    (issue) =>
      issue.entity === target.entity &&
      (!issue.caller || issue.caller === target.caller) &&
      (!issue.operation || issue.operation === target.operation),
  )
}
