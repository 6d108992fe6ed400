import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import mongoose from 'mongoose'
import pg from 'pg'

import type { Dialect } from '../../src/db'

export type TestDatabase = { dialect: Dialect; url: string; drop: () => Promise<void> }

export const MONGODB_SKIP_REASON =
  'MongoDB suite skipped: TEST_MONGODB_URL is not set (MongoDB cannot be installed on this machine).'

/** The dialects every suite runs on: SQLite and PostgreSQL always, MongoDB when a server is given. */
export function testDialects(): { dialect: Dialect; skip: boolean }[] {
  return [
    { dialect: 'sqlite', skip: false },
    { dialect: 'postgres', skip: false },
    { dialect: 'mongodb', skip: !process.env.TEST_MONGODB_URL },
  ]
}

const uniqueName = () => `stopsim_t_${process.pid}_${crypto.randomBytes(4).toString('hex')}`

export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  switch (dialect) {
    case 'sqlite': {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stopsim-test-'))
      return {
        dialect,
        url: `file:${path.join(dir, 'test.db')}`,
        drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
      }
    }
    case 'postgres': {
      const base = requiredUrl(
        'TEST_POSTGRES_URL',
        'scripts/test.mjs sets it after starting PostgreSQL',
      )
      const name = uniqueName()
      await withPostgres(base, (client) => client.query(`CREATE DATABASE ${name}`))
      const url = new URL(base)
      url.pathname = `/${name}`
      return {
        dialect,
        url: url.toString(),
        drop: () => dropPostgresDatabase(base, name),
      }
    }
    case 'mongodb': {
      const url = new URL(requiredUrl('TEST_MONGODB_URL', 'point it at a MongoDB server'))
      url.pathname = `/${uniqueName()}`
      return {
        dialect,
        url: url.toString(),
        drop: async () => {
          const connection = await mongoose.createConnection(url.toString()).asPromise()
          await connection.dropDatabase()
          await connection.close()
        },
      }
    }
  }
}

/**
 * Drops a test database even while connections to it remain open.
 *
 * Not `WITH (FORCE)`: that refuses outright when any backend in the database belongs to
 * another role, and an autovacuum worker can be there at any moment, so a non-superuser
 * test role failed at random. Instead the test role ends its own sessions (a pooled client
 * can stay checked out after payload.destroy()), and a plain DROP asks autovacuum to leave
 * by itself; a session still on its way out gets a short retry.
 */
export function dropPostgresDatabase(base: string, name: string): Promise<void> {
  return withPostgres(base, async (client) => {
    for (let attempt = 1; ; attempt++) {
      await client.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid() AND usename = current_user`,
        [name],
      )
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name}`)
        return
      } catch (error) {
        const inUse = (error as { code?: string }).code === OBJECT_IN_USE
        if (!inUse || attempt === DROP_ATTEMPTS) throw error
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
    }
  })
}

const OBJECT_IN_USE = '55006'
const DROP_ATTEMPTS = 20

async function withPostgres<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => {})
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

function requiredUrl(name: string, hint: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set: ${hint}.`)
  return value
}
