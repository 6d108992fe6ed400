import crypto from 'node:crypto'

import type { Payload, PayloadRequest, SanitizedConfig } from 'payload'

import { parse } from 'graphql'
import { SignJWT } from 'jose'

import { beforeAll, describe, expect, it, vi } from 'vitest'

import { readEnvironment } from '../src/environment'
import { createConfig } from '../src/payload.config'
import { seenByAnonymous } from '../src/readCache/anonymousView'
import { SegmentedLru } from '../src/server/anonymousReadCache'
import { parseQuery, Questions } from '../src/server/apiQuestion'
import { canonicalUrl } from '../src/server/canonicalPath'
import { Credentials } from '../src/server/credentials'

// The rules the anonymous read cache follows, on the project's real (sanitised) config: which
// requests are one question, and what each answer shows.
describe('the anonymous read cache’s rules', () => {
  let config: SanitizedConfig
  let questions: Questions

  beforeAll(async () => {
    config = await createConfig(
      readEnvironment({
        NODE_ENV: 'test',
        PAYLOAD_SECRET: crypto.randomBytes(24).toString('hex'),
        DATABASE_URL: 'file:./unused.db',
      }),
    )
    questions = new Questions(config)
  })

  it('spells every path one way, as Next.js routes it', () => {
    const sign = '/api/signatories/sign'
    for (const spelling of [
      '/api/signatories/%73ign',
      '/api/%73ignatories/sign',
      '/api/signatories/./sign',
      '/x/../api/signatories/sign',
      '/x/%2e%2e/api/signatories/sign',
      '/%61pi/signatories/sign',
      '/api//signatories/sign/',
      'http://cms.example/api/signatories/sign',
    ]) {
      expect(canonicalUrl(spelling), spelling).toBe(sign)
    }
    expect(canonicalUrl('/api/statements?where[title][like]=a%20b')).toBe(
      '/api/statements?where[title][like]=a%20b',
    )
    expect(canonicalUrl('/statements/caf%C3%A9')).toBe('/statements/caf%C3%A9')
    expect(canonicalUrl('/statements/café')).toBe('/statements/caf%C3%A9')
    expect(canonicalUrl('/_next/static/chunks/[root]__x.js')).toBe(
      '/_next/static/chunks/[root]__x.js',
    )
    for (const unroutable of ['/api/%', '/api/%zz/x', '/api/a%2fb', '/api/a%5cb', '/api/a%00']) {
      expect(canonicalUrl(unroutable), unroutable).toBeUndefined()
    }
  })

  it('gives equal questions one key, whatever the order, spelling or ignored parameters', () => {
    const key = (search: string, path = '/api/statements') =>
      questions.of(path, parseQuery(search)).key
    const asked = key('?limit=10&depth=1')
    for (const same of [
      '?depth=1&limit=10',
      '?depth=1&limit=10&bust=17',
      '?depth=01&limit=10.0',
      '?depth=1',
      '?depth=1&page=1&pagination=true&draft=false',
      '?%64epth=1&limit=%31%30',
    ]) {
      expect(key(same), same).toBe(asked)
    }
    expect(key('?depth=2')).toBe(key(''))
    expect(key('?where[title][equals]=a&sort=title')).toBe(
      key('?sort=title&where=%7B%22title%22%3A%7B%22equals%22%3A%22a%22%7D%7D'),
    )
    for (const other of [
      '?depth=0',
      '?limit=5&depth=1',
      '?page=2&depth=1',
      '?draft=true&depth=1',
    ]) {
      expect(key(other), other).not.toBe(asked)
    }
    // A custom endpoint may read any parameter: all of them count, in any order.
    const tally = (search: string) => key(search, '/api/signatories/tally')
    expect(tally('?letter=a&x=1')).toBe(tally('?x=1&letter=a'))
    expect(tally('?letter=a')).not.toBe(tally('?letter=b'))
  })

  it('tags each answer with what it shows, through relationships, uploads, joins and rich text', () => {
    const tags = (path: string, search = '') =>
      [...questions.of(path, parseQuery(search)).tags].sort()
    // Statements list the letter's signatures (a join) at any depth; at depth 0 the ids of their
    // trusts and attachments, which list only what the reader may read, so depend on them too.
    expect(tags('/api/statements', '?depth=0')).toEqual([
      'media',
      'signatories',
      'statements',
      'trusts',
    ])
    const deep = tags('/api/statements', '?depth=1')
    expect(deep).toEqual(expect.arrayContaining(['trusts', 'media', 'statements']))
    expect(deep).not.toContain('site-settings')
    // Trusts list the statements and updates that mention them.
    expect(tags('/api/trusts', '?depth=0')).toEqual(['media', 'statements', 'trusts', 'updates'])
    // Media is public once public content uses it.
    expect(tags('/api/media/3', '?depth=0')).toEqual(
      expect.arrayContaining(['media', 'statements', 'updates']),
    )
    expect(tags('/api/globals/site-settings', '?depth=0')).toEqual(['media', 'site-settings'])
    expect(tags('/api/signatories/tally', '?letter=x')).toContain('signatories')
    expect(tags('/api/something-unknown')).toEqual(['*'])
  })

  it('tags a GraphQL answer with what its query selects, not with everything', () => {
    const tags = (query: string, variables: Record<string, unknown> = {}) =>
      [...questions.graphqlTags(parse(query), undefined, variables)].sort()
    expect(tags('{ Pages(limit: 3) { docs { title slug } totalDocs } }')).toEqual(['pages'])
    // Trusts list the statements and updates that mention them, as over REST.
    expect(tags('{ Trusts { docs { name } } }')).toEqual(['statements', 'trusts', 'updates'])
    // A relationship counts only when it is selected.
    expect(tags('{ Updates { docs { title } } }')).toEqual(['updates'])
    const related = tags('{ Updates { docs { title relatedTrusts { name } } } }')
    expect(related).toEqual(expect.arrayContaining(['trusts', 'updates']))
    expect(related).not.toContain('media')
    // The same through a fragment, and an upload's collection through the documents using it.
    expect(
      tags('{ Updates { docs { ...hero } } } fragment hero on Update { heroImage { alt } }'),
    ).toEqual(expect.arrayContaining(['media', 'statements', 'updates']))
    // Rich text links to any collection.
    expect(tags('{ Pages { docs { body } } }')).toEqual(expect.arrayContaining(['media', 'trusts']))
    // A filter through a relationship depends on what it reaches; one on the document's own
    // fields (a group's included) does not.
    expect(
      tags('query ($where: Update_where) { Updates(where: $where) { docs { title } } }', {
        where: { relatedTrusts__name: { equals: 'x' } },
      }),
    ).toContain('trusts')
    // So does one on the relationship itself: it matches only the related documents the reader
    // may read, so publishing one changes the answer (smalls: stale for API_CACHE_SECONDS).
    expect(
      tags('{ Updates(where: { relatedTrusts: { equals: 1 } }) { docs { title } } }'),
    ).toContain('trusts')
    expect(
      tags('{ Updates(where: { or: [{ heroImage: { exists: true } }] }) { docs { title } } }'),
    ).toContain('media')
    expect(
      tags(
        '{ Updates(where: { contentWarnings__categories: { not_in: [police] } }) { docs { title } } }',
      ),
    ).toEqual(['updates'])
    expect(tags('{ SiteSetting { siteName } }')).toEqual(['site-settings'])
    // What cannot be placed shows everything.
    expect(tags('{ SignatoryTally(letter: "x") { count } }')).toEqual(['*'])
    expect(tags('{ Pages { totalDocs } SignatoryTally(letter: "x") { count } }')).toEqual(['*'])
  })

  it('counts a write only when an anonymous reader could see the document before or after', async () => {
    const req = { user: null, payload: {} } as unknown as PayloadRequest
    const collection = (slug: string) => config.collections.find((c) => c.slug === slug)!
    const seen = (slug: string, ...docs: Record<string, unknown>[]) =>
      seenByAnonymous(collection(slug).access.read, collection(slug).custom, req, docs)

    expect(await seen('signatories', { status: 'pending' })).toBe(false)
    expect(await seen('signatories', { status: 'pending' }, { status: 'rejected' })).toBe(false)
    expect(await seen('signatories', { status: 'pending' }, { status: 'verified' })).toBe(true)
    expect(await seen('signatories', { status: 'approved', display: 'counted_only' })).toBe(true)
    expect(await seen('signatories', { status: 'approved' }, { status: 'withdrawn' })).toBe(true)
    expect(await seen('statements', { _status: 'draft' })).toBe(false)
    expect(await seen('statements', { _status: 'draft' }, { _status: 'published' })).toBe(true)
    expect(await seen('statements', { _status: 'published' }, { _status: 'draft' })).toBe(true)
    expect(await seen('users', { email: 'someone@example.org' })).toBe(false)
    expect(await seen('artwork', { moderationStatus: 'pending' })).toBe(false)
    expect(await seen('artwork', { moderationStatus: 'approved' })).toBe(true)
  })

  it('refuses to start with an auth strategy it cannot recognise', () => {
    const payloadWith = (names: string[], autoLogin?: object) =>
      ({
        authStrategies: names.map((name) => ({ name, authenticate: async () => ({ user: null }) })),
        config: { admin: { autoLogin }, cookiePrefix: 'payload' },
        secret: 'x',
      }) as unknown as Payload
    expect(() => new Credentials(payloadWith(['local-jwt', 'users-api-key']))).not.toThrow()
    expect(() => new Credentials(payloadWith(['local-jwt', 'magic-link']))).toThrow(
      /auth strategy "magic-link"/,
    )
    expect(() => new Credentials(payloadWith(['local-jwt'], { email: 'a@b.c' }))).toThrow(
      /autoLogin/,
    )
    const credentials = new Credentials(payloadWith(['local-jwt', 'users-api-key']))
    expect(credentials.carried({})).toBe(false)
    expect(credentials.carried({ cookie: 'theme=dark; payload-token=abc' })).toBe(true)
    expect(credentials.carried({ authorization: 'users API-Key abc' })).toBe(true)
    expect(credentials.carried({ cookie: 'payload-tokenish=abc' })).toBe(false)
  })

  it('takes a token for genuine while it is signed with this server’s secret and unexpired', async () => {
    const credentials = new Credentials({
      authStrategies: [{ name: 'local-jwt', authenticate: async () => ({ user: null }) }],
      config: { admin: {}, cookiePrefix: 'payload' },
      secret: 'this-server',
    } as unknown as Payload)
    const now = Math.floor(Date.now() / 1000)
    const tokenSigned = (secret: string, expires: number) =>
      new SignJWT({ id: 1, collection: 'users' })
        .setProtectedHeader({ alg: 'HS256' })
        .setExpirationTime(expires)
        .sign(new TextEncoder().encode(secret))
    const sent = (token: string) => ({ authorization: `JWT ${token}` })
    const token = await tokenSigned('this-server', now + 60)
    expect(await credentials.plausible(sent(token))).toBe(true)
    // Asked again (the answer is remembered): still genuine.
    expect(await credentials.plausible({ cookie: `payload-token=${token}` })).toBe(true)
    expect(await credentials.plausible(sent(await tokenSigned('another', now + 60)))).toBe(false)
    expect(await credentials.plausible(sent(await tokenSigned('this-server', now - 1)))).toBe(false)
    expect(await credentials.plausible(sent(`${token.slice(0, -2)}xx`))).toBe(false)
    vi.useFakeTimers({ now: (now + 61) * 1000, toFake: ['Date'] })
    try {
      // Remembered or not, a token is not genuine past its expiry.
      expect(await credentials.plausible(sent(token))).toBe(false)
    } finally {
      vi.useRealTimers()
    }
  })
})

// The store behind both the cached answers and the remembered spellings of each request.
describe('the read cache’s store', () => {
  it('keeps what is asked for often while a flood of one-off keys comes and goes', () => {
    const spellings = new SegmentedLru<string>({ max: 100 })
    for (let reader = 0; reader < 10; reader += 1) {
      spellings.set(`GET /popular-${reader}`, `key-${reader}`)
      expect(spellings.get(`GET /popular-${reader}`)).toBe(`key-${reader}`)
    }
    for (let attack = 0; attack < 10_000; attack += 1) {
      spellings.set(`GET /bust-${attack}`, `bust-${attack}`)
    }
    for (let reader = 0; reader < 10; reader += 1) {
      expect(spellings.get(`GET /popular-${reader}`)).toBe(`key-${reader}`)
    }
    // The newest one-off keys are still there, for a second asking to find.
    expect(spellings.get('GET /bust-9999')).toBe('bust-9999')
  })

  it('moves the least recently used of the often-asked back to probation, not out', () => {
    const store = new SegmentedLru<string>({ max: 10 })
    for (let key = 0; key < 9; key += 1) {
      store.set(`k${key}`, `v${key}`)
      store.get(`k${key}`)
    }
    // The protected segment holds 8: the oldest of the 9 was moved back to probation.
    expect(store.get('k0')).toBe('v0')
    expect([...store.entries()].map(([key]) => key).sort()).toEqual(
      Array.from({ length: 9 }, (_, key) => `k${key}`).sort(),
    )
  })

  it('puts an often-asked answer that a write dropped straight back among the protected', () => {
    const store = new SegmentedLru<string>({ max: 10 })
    store.set('hot', 'old')
    store.get('hot')
    store.delete('hot')
    expect(store.get('hot')).toBeUndefined()
    store.set('hot', 'new')
    for (let attack = 0; attack < 100; attack += 1) store.set(`bust-${attack}`, 'x')
    expect(store.get('hot')).toBe('new')
  })

  it('drops entries once they expire', () => {
    const store = new SegmentedLru<{ expiresAt: number }>({
      maxSize: 1000,
      sizeOf: () => 10,
      expiresAt: (value) => value.expiresAt,
    })
    store.set('gone', { expiresAt: Date.now() - 1 })
    expect(store.get('gone')).toBeUndefined()
    store.set('kept', { expiresAt: Date.now() + 60_000 })
    expect(store.get('kept')).toBeDefined()
  })
})
