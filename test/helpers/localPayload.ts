import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { getPayload, type Payload } from 'payload'

import type { Dialect } from '../../src/db'
import { applyMigrations } from '../../src/db'
import { readEnvironment } from '../../src/environment'
import { createConfig } from '../../src/payload.config'
import { createTestDatabase } from './databases'

export type LocalPayload = { payload: Payload; databaseUrl: string; stop: () => Promise<void> }

/** A real Payload on a fresh, migrated database of the given dialect, for Local API tests. */
export async function startLocalPayload(dialect: Dialect): Promise<LocalPayload> {
  const database = await createTestDatabase(dialect)
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stopsim-media-'))
  const local = await connectLocalPayload(database.url, { MEDIA_DIR: mediaDir })
  await applyMigrations(local.payload)
  return {
    payload: local.payload,
    databaseUrl: database.url,
    stop: async () => {
      // A pooled PostgreSQL client can stay checked out and hold pool.end() open until the
      // drop ends its session, so do not wait on destroy() before dropping.
      const destroyed = local.payload.destroy()
      await Promise.race([destroyed, new Promise((resolve) => setTimeout(resolve, 2_000))])
      await database.drop()
      await destroyed
      fs.rmSync(mediaDir, { recursive: true, force: true })
    },
  }
}

/**
 * A Local API Payload on an existing database, e.g. the one a test server runs on, for the
 * things only server code can do (queueing a job, as the admin panel does).
 */
export async function connectLocalPayload(
  databaseUrl: string,
  extraEnv: Record<string, string> = {},
): Promise<LocalPayload> {
  const environment = readEnvironment({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    PAYLOAD_SECRET: crypto.randomBytes(24).toString('hex'),
    ...extraEnv,
  })
  const payload = await getPayload({
    config: createConfig(environment),
    // Each test database gets its own instance in getPayload's process-wide cache.
    key: `${databaseUrl}-${crypto.randomUUID()}`,
  })
  if (payload.db.name === 'postgres') {
    ;(payload.db as unknown as PostgresAdapter).pool.on('error', () => {})
  }
  return {
    payload,
    databaseUrl,
    stop: async () => {
      await Promise.race([payload.destroy(), new Promise((resolve) => setTimeout(resolve, 2_000))])
    },
  }
}
