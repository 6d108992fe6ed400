import type { Field, SanitizedConfig } from 'payload'

import { describe, expect, it } from 'vitest'
import { assertAccessDeclared, isDeclaredAccess } from '../src/access/assertAccessDeclared'
import {
  INTERNAL_COLLECTION_ACCESS,
  INTERNAL_GLOBAL_ACCESS,
  JOBS_ACCESS,
  secureFinalConfig,
} from '../src/access/payloadInternals'
import { noJobRunsOverHttp } from '../src/access/noJobRunsOverHttp'
import { ACCEPTED_SCHEMES, dialectOf, sqliteFilePath } from '../src/db'
import { ConfigurationError, DEFAULT_DATABASE_URL, readEnvironment } from '../src/environment'
import { collections, createConfig, globals } from '../src/payload.config'
import { runServerExpectingExit } from './helpers/server'

const GOOD_SECRET = 'x'.repeat(40)

describe('DATABASE_URL picks the adapter', () => {
  it.each([
    ['file:./data/stopsim.db', 'sqlite'],
    ['file:///var/lib/stopsim/cms.db', 'sqlite'],
    ['postgres://u:p@db:5432/stopsim', 'postgres'],
    ['postgresql://u:p@db/stopsim', 'postgres'],
    ['mongodb://db:27017/stopsim', 'mongodb'],
    ['mongodb+srv://u:p@cluster.example/stopsim', 'mongodb'],
  ])('%s → %s', (url, dialect) => {
    expect(dialectOf(url)).toBe(dialect)
  })

  it('defaults to the embedded SQLite file', () => {
    expect(readEnvironment({}).databaseUrl).toBe(DEFAULT_DATABASE_URL)
    expect(sqliteFilePath(DEFAULT_DATABASE_URL)).toMatch(/data\/stopsim\.db$/)
  })

  it('refuses any other scheme, naming the accepted ones and hiding credentials', () => {
    expect(() => dialectOf('mysql://root:hunter2@db/stopsim')).toThrow(ConfigurationError)
    expect(() => dialectOf('mysql://root:hunter2@db/stopsim')).toThrow(ACCEPTED_SCHEMES)
    expect(() => dialectOf('mysql://root:hunter2@db/stopsim')).not.toThrow(/hunter2/)
    expect(() => dialectOf('stopsim.db')).toThrow(/not supported/)
  })
})

describe('environment', () => {
  it('requires a long secret in production, and only there', () => {
    expect(() => readEnvironment({ NODE_ENV: 'production' })).toThrow(/PAYLOAD_SECRET is not set/)
    expect(() => readEnvironment({ NODE_ENV: 'production', PAYLOAD_SECRET: 'short' })).toThrow(
      /too short \(5 characters\)/,
    )
    expect(
      readEnvironment({ NODE_ENV: 'production', PAYLOAD_SECRET: GOOD_SECRET }).payloadSecret,
    ).toBe(GOOD_SECRET)
    expect(readEnvironment({}).payloadSecret.length).toBeGreaterThanOrEqual(32)
  })

  it('reads origins, ports and limits strictly', () => {
    const environment = readEnvironment({
      PORT: '8080',
      CORS_ORIGINS: 'https://stopsim.example, https://app.stopsim.example/path',
      MEDIA_DIR: '/srv/media',
    })
    expect(environment.port).toBe(8080)
    expect(environment.serverUrl).toBe('http://localhost:8080')
    expect(environment.corsOrigins).toEqual([
      'https://stopsim.example',
      'https://app.stopsim.example',
    ])
    expect(environment.mediaDir).toBe('/srv/media')
    expect(() => readEnvironment({ CORS_ORIGINS: '*' })).toThrow(/cannot be "\*"/)
    expect(() => readEnvironment({ CORS_ORIGINS: 'ftp://x' })).toThrow(/http:\/\/ or https:\/\//)
    expect(() => readEnvironment({ PORT: 'eighty' })).toThrow(/PORT must be a whole number/)
    expect(() => readEnvironment({ SERVER_URL: 'not a url' })).toThrow(/SERVER_URL must be a URL/)
  })

  it('reads ARCHIVE_MODE as true or false, and nothing else', () => {
    expect(readEnvironment({}).archiveMode).toBe(false)
    expect(readEnvironment({ ARCHIVE_MODE: 'true' }).archiveMode).toBe(true)
    expect(readEnvironment({ ARCHIVE_MODE: 'off' }).archiveMode).toBe(false)
    expect(() => readEnvironment({ ARCHIVE_MODE: 'archived' })).toThrow(
      'ARCHIVE_MODE must be true or false; got "archived".',
    )
  })
})

describe('access rules', () => {
  it('every collection and global declares each operation itself', () => {
    expect(() => assertAccessDeclared(collections, globals)).not.toThrow()
  })

  it('a collection relying on Payload defaults stops the config', () => {
    expect(() =>
      assertAccessDeclared([{ slug: 'leaky', fields: [], access: { read: () => true } }]),
    ).toThrow('missing: leaky.create, leaky.update, leaky.delete')
  })

  it('Payload’s own collections and globals get rules of ours, checked on the final config', async () => {
    const config = await createConfig(readEnvironment({ PAYLOAD_SECRET: GOOD_SECRET }))
    const slugs = config.collections.map(({ slug }) => slug)
    for (const slug of Object.keys(INTERNAL_COLLECTION_ACCESS)) {
      expect(slugs).toContain(slug)
      const { access } = config.collections.find((collection) => collection.slug === slug)!
      for (const operation of ['create', 'read', 'update', 'delete'] as const) {
        expect(isDeclaredAccess(access[operation]), `${slug}.${operation}`).toBe(true)
      }
    }
    const stats = config.globals.find(({ slug }) => slug === 'payload-jobs-stats')
    expect(stats?.access.update).toBe(INTERNAL_GLOBAL_ACCESS['payload-jobs-stats'].update)
    // Nobody starts a run over HTTP: the elected runner runs jobs (src/jobs/oneRunner.ts).
    expect(config.jobs.access?.run).toBe(noJobRunsOverHttp)
  })

  it('a collection Payload adds with its own default rules stops the config', () => {
    const payloadDefault = ({ req }: { req: { user?: unknown } }) => Boolean(req.user)
    const added = {
      slug: 'payload-something-new',
      fields: [],
      hooks: {},
      access: {
        create: payloadDefault,
        read: payloadDefault,
        update: payloadDefault,
        delete: payloadDefault,
      },
    }
    const config = { collections: [added], globals: [], jobs: { access: JOBS_ACCESS } }
    expect(() => secureFinalConfig(config as unknown as SanitizedConfig)).toThrow(
      'missing: payload-something-new.create, payload-something-new.read',
    )
  })
})

describe('the server refuses to start with bad settings', () => {
  it('exits non-zero naming the accepted schemes for an unknown DATABASE_URL', async () => {
    const { code, output } = await runServerExpectingExit({
      NODE_ENV: 'production',
      PAYLOAD_SECRET: GOOD_SECRET,
      DATABASE_URL: 'foo://x',
    })
    expect(code).not.toBe(0)
    expect(output).toContain('DATABASE_URL "foo://x" is not supported')
    expect(output).toContain(ACCEPTED_SCHEMES)
  })

  it('exits non-zero when production has no secret', async () => {
    const { code, output } = await runServerExpectingExit({
      NODE_ENV: 'production',
      DATABASE_URL: 'file:/tmp/stopsim-never-created.db',
    })
    expect(code).not.toBe(0)
    expect(output).toContain('PAYLOAD_SECRET is not set')
  })
})

type AnyField = Field & {
  name?: string
  label?: unknown
  options?: readonly (string | { label: unknown; value: string })[]
  fields?: AnyField[]
  tabs?: { fields: AnyField[] }[]
  blocks?: { slug: string; fields: AnyField[] }[]
  admin?: { hidden?: boolean; disabled?: boolean }
  hidden?: boolean
}

/** Every field an editor sees, as "collection: path", with what is missing for a person. */
function unfriendlyFields(owner: string, fields: AnyField[], prefix = ''): string[] {
  return fields.flatMap((field) => {
    if (field.admin?.hidden || field.admin?.disabled || field.hidden) return []
    const path = field.name ? `${prefix}${field.name}` : prefix
    const problems: string[] = []
    // Payload's own auth fields (email) carry translated labels, given as functions.
    if (field.name && field.type !== 'ui' && !field.label) {
      problems.push(`${owner}: ${path} has no label`)
    }
    for (const option of field.options ?? []) {
      if (typeof option === 'string' || option.label === option.value) {
        problems.push(
          `${owner}: ${path} offers the code ${JSON.stringify(option)} instead of words`,
        )
      }
    }
    return [
      ...problems,
      ...unfriendlyFields(owner, field.fields ?? [], field.name ? `${path}.` : prefix),
      ...(field.tabs ?? []).flatMap((tab) => unfriendlyFields(owner, tab.fields, prefix)),
      ...(field.blocks ?? []).flatMap((block) =>
        unfriendlyFields(`${owner} block ${block.slug}`, block.fields),
      ),
    ]
  })
}

describe('the admin speaks plainly', () => {
  it('labels every field an editor sees and offers choices as words, not codes', () => {
    const problems = [
      ...collections.flatMap((collection) =>
        unfriendlyFields(collection.slug, collection.fields as AnyField[]),
      ),
      ...globals.flatMap((global) => unfriendlyFields(global.slug, global.fields as AnyField[])),
    ]
    expect(problems).toEqual([])
  })

  it('names and groups every collection, with a description of what it is for', () => {
    for (const collection of collections) {
      expect(collection.labels?.plural, collection.slug).toBeTruthy()
      expect(collection.admin?.group, collection.slug).toMatch(
        /^(Content|Open letter|Evidence|Artwork & media|Admin)$/,
      )
      if (collection.slug !== 'users') {
        expect(collection.admin?.description, collection.slug).toBeTruthy()
      }
    }
  })
})

describe('preview links to the public site', () => {
  const configured = (frontendUrl?: string) =>
    createConfig(
      readEnvironment({
        DATABASE_URL: 'file:./data/never-opened.db',
        ...(frontendUrl ? { FRONTEND_URL: frontendUrl } : {}),
      }),
    )

  it('offers Preview and live preview only when FRONTEND_URL is set', async () => {
    const without = await configured()
    expect(without.admin.livePreview).toBeUndefined()
    expect(
      without.collections.find(({ slug }) => slug === 'statements')?.admin.preview,
    ).toBeUndefined()

    const withFrontEnd = await configured('https://stopsim.example/campaign/')
    const preview = withFrontEnd.collections.find(({ slug }) => slug === 'statements')?.admin
      .preview as (doc: Record<string, unknown>) => string | null
    expect(preview({ slug: 'crisis-care' })).toBe(
      'https://stopsim.example/campaign/statements/crisis-care?preview=1',
    )
    const pages = withFrontEnd.collections.find(({ slug }) => slug === 'pages')?.admin.preview as (
      doc: Record<string, unknown>,
    ) => string | null
    expect(pages({ slug: 'about' })).toBe('https://stopsim.example/campaign/about?preview=1')
    expect(preview({})).toBeNull()
    expect(withFrontEnd.admin.livePreview?.collections).toEqual(
      expect.arrayContaining(['statements', 'updates', 'pages', 'trusts']),
    )
  })

  it('refuses a FRONTEND_URL that is not a web address', () => {
    expect(() => readEnvironment({ FRONTEND_URL: 'ftp://example.org' })).toThrow(ConfigurationError)
  })
})
