import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { DrizzleAdapter } from '@payloadcms/drizzle'
import { configToSchema } from '@payloadcms/graphql'
// The graphql instance Payload built the schema with (the package ships CJS and ESM copies).
import { GraphQL } from '@payloadcms/graphql/types'
import { generateTypes } from 'payload/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { readEnvironment } from '../src/environment'
import { createConfig } from '../src/payload.config'
import { testDialects } from './helpers/databases'
import { type LocalPayload, startLocalPayload } from './helpers/localPayload'

const sqlDialects = testDialects().filter(({ dialect }) => dialect !== 'mongodb')

// A changed collection without a new migration would work in development (schema push) and
// fail in production with "no such table": catch it here instead.
describe.each(sqlDialects)('committed migrations on $dialect', ({ dialect }) => {
  let local: LocalPayload

  beforeAll(async () => {
    local = await startLocalPayload(dialect)
  })
  afterAll(async () => {
    await local?.stop()
  })

  it('describe exactly the schema of the config', async () => {
    // The same comparison `payload migrate:create` makes: the latest committed snapshot
    // against the schema built from the config. (Comparing with the live database instead
    // reports false differences, such as numeric defaults on PostgreSQL.)
    const adapter = local.payload.db as unknown as DrizzleAdapter
    const { generateDrizzleJson, generateMigration } = adapter.requireDrizzleKit()
    const snapshots = fs
      .readdirSync(adapter.migrationDir)
      .filter((file) => file.endsWith('.json'))
      .sort()
    expect(snapshots.length).toBeGreaterThan(0)
    const committed = JSON.parse(
      fs.readFileSync(path.join(adapter.migrationDir, snapshots.at(-1)!), 'utf8'),
    )
    const pending = await generateMigration(committed, await generateDrizzleJson(adapter.schema))
    expect(pending, 'run `npm run migrate:create -- <name>` and commit the migrations').toEqual([])
  })

  it('takes many concurrent writes without losing or failing any', async () => {
    const { payload } = local
    const titles = Array.from({ length: 40 }, (_, index) => `Concurrent statement ${index}`)
    const created = await Promise.all(
      titles.map((title) =>
        payload.create({
          collection: 'statements',
          data: {
            title,
            kind: 'statement',
            _status: 'published',
            contentWarnings: { reviewed: true },
          },
        }),
      ),
    )
    // Updates and reads racing with each other and with more creates.
    await Promise.all([
      ...created.map((doc) =>
        payload.update({
          collection: 'statements',
          id: doc.id,
          data: { summary: `Edited ${doc.id}` },
        }),
      ),
      ...created.map(() => payload.find({ collection: 'statements', limit: 5 })),
      ...titles.map((title) => payload.create({ collection: 'pages', data: { title } })),
    ])
    const { totalDocs } = await payload.count({
      collection: 'statements',
      where: { summary: { like: 'Edited' } },
    })
    expect(totalDocs).toBe(titles.length)
    expect((await payload.count({ collection: 'pages' })).totalDocs).toBe(titles.length)
  })
})

describe('committed payload-types.ts', () => {
  it('match the config', async () => {
    const config = await createConfig(readEnvironment({}))
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stopsim-types-'))
    const generated = path.join(scratch, 'payload-types.ts')
    process.env.PAYLOAD_TS_OUTPUT_PATH = generated
    try {
      await generateTypes(config, { log: false })
      expect(
        fs.readFileSync(generated, 'utf8') === fs.readFileSync('src/payload-types.ts', 'utf8'),
        'run `npm run generate:types` and commit src/payload-types.ts',
      ).toBe(true)
    } finally {
      delete process.env.PAYLOAD_TS_OUTPUT_PATH
      fs.rmSync(scratch, { recursive: true, force: true })
    }
  })
})

describe('committed schema.graphql', () => {
  it('matches the config', async () => {
    // What `npm run generate:graphql-schema` writes (Payload's own generateSchema).
    const config = await createConfig(readEnvironment({}))
    const generated = GraphQL.printSchema(configToSchema(config).schema)
    expect(
      generated === fs.readFileSync('schema.graphql', 'utf8'),
      'run `npm run generate:graphql-schema` and commit schema.graphql',
    ).toBe(true)
  })
})
