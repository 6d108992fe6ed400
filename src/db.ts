import type { MongooseAdapter } from '@payloadcms/db-mongodb'
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { SQLiteAdapter } from '@payloadcms/db-sqlite'
import type { DatabaseAdapterObj, Migration, Payload, PayloadRequest } from 'payload'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { postgresAdapter } from '@payloadcms/db-postgres'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'
import fs from 'node:fs'
import path from 'node:path'

import { dialectOf, sqliteFilePath } from './databaseUrl'
import { inOwnFlow, serialiseWrites } from './sqliteWrites'
import { migrations as postgresMigrations } from './migrations/postgres'
import { migrations as sqliteMigrations } from './migrations/sqlite'

// Kept here too: the rest of the code knows them as part of the database module.
export {
  ACCEPTED_SCHEMES,
  type Dialect,
  dialectOf,
  redactCredentials,
  sqliteFilePath,
} from './databaseUrl'

type AdapterOptions = { databaseUrl: string; push: boolean }

const SQLITE_BUSY_TIMEOUT_MS = 5_000
// Per-connection settings; journal_mode=WAL is stored in the file itself.
const SQLITE_CONNECTION_PRAGMAS = [
  `PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`,
  'PRAGMA synchronous = FULL',
]

function withSerialisedWrites(base: DatabaseAdapterObj): DatabaseAdapterObj {
  return {
    ...base,
    init: (args) => {
      const adapter = base.init(args)
      const connect = adapter.connect
      if (connect) {
        adapter.connect = async function (this: SQLiteAdapter, options) {
          await connect.call(this, options)
          serialiseWrites(this, SQLITE_CONNECTION_PRAGMAS)
        }
      }
      return adapter
    },
  }
}

export function databaseAdapter({ databaseUrl, push }: AdapterOptions): DatabaseAdapterObj {
  switch (dialectOf(databaseUrl)) {
    case 'sqlite': {
      const file = sqliteFilePath(databaseUrl)
      // libSQL will not create the folder, and a fresh clone has no data/ contents.
      fs.mkdirSync(path.dirname(file), { recursive: true })
      const adapter = sqliteAdapter({
        client: { url: `file:${file}` },
        wal: { journalSizeLimit: 64 * 1024 * 1024, synchronous: 'FULL' },
        busyTimeout: SQLITE_BUSY_TIMEOUT_MS,
        // Payload runs SQLite without transactions unless given options; libSQL begins
        // them with BEGIN IMMEDIATE, so concurrent writers queue on the busy timeout.
        transactionOptions: {},
        push,
        migrationDir: path.resolve(/*turbopackIgnore: true*/ 'src/migrations/sqlite'),
      })
      return withSerialisedWrites(adapter)
    }
    case 'postgres':
      return postgresAdapter({
        pool: { connectionString: databaseUrl },
        push,
        migrationDir: path.resolve(/*turbopackIgnore: true*/ 'src/migrations/postgres'),
      })
    case 'mongodb':
      return mongooseAdapter({ url: databaseUrl })
  }
}

// Any constant shared by every instance; advisory locks are per database.
const MIGRATION_LOCK = 0x4d494752 // "MIGR"

/**
 * Applies the committed migrations for the running dialect. Every entry point (server, seed,
 * tests) calls this once after Payload starts, so databases never depend on schema push.
 */
export async function applyMigrations(payload: Payload): Promise<void> {
  switch (payload.db.name) {
    case 'sqlite':
      await payload.db.migrate({ migrations: asPayloadMigrations(sqliteMigrations) })
      return
    case 'postgres': {
      // Instances (and WEB_CONCURRENCY workers) starting together would each apply the same
      // pending migrations: they take turns, and the later ones find nothing left to do.
      const client = await (payload.db as unknown as PostgresAdapter).pool.connect()
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK])
        await payload.db.migrate({ migrations: asPayloadMigrations(postgresMigrations) })
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {})
        client.release()
      }
      return
    }
    default:
      // MongoDB has no schema to migrate; data migrations would go here.
      return
  }
}

// Generated migrations take their adapter's own argument types, while Payload's generic
// `migrate` is typed with `unknown` arguments; the adapter passes the right ones at run time.
const asPayloadMigrations = (migrations: readonly object[]): Migration[] =>
  migrations as unknown as Migration[]

// Reading the migrations table proves more than a connection: that this is the migrated
// database and not, say, an empty file SQLite created where the real one was.
const READINESS_QUERY = 'select 1 from payload_migrations limit 1'

/** Throws unless the database answers a query on the migrated schema. */
export async function pingDatabase(payload: Payload): Promise<void> {
  switch (payload.db.name) {
    case 'sqlite': {
      const adapter = payload.db as unknown as SQLiteAdapter
      const url = String(adapter.clientConfig.url)
      // An open handle keeps answering after the file is deleted or moved, but the next
      // start would open an empty database: treat a missing file as not ready.
      if (!fs.existsSync(sqliteFilePath(url)))
        throw new Error('the SQLite database file is missing')
      await adapter.client.execute(READINESS_QUERY)
      return
    }
    case 'postgres':
      await (payload.db as unknown as PostgresAdapter).pool.query(READINESS_QUERY)
      return
    case 'mongoose': {
      const database = (payload.db as unknown as MongooseAdapter).connection.db
      if (!database) throw new Error('MongoDB is not connected')
      await database.admin().ping()
      return
    }
    default:
      throw new Error(`no readiness check for database adapter "${payload.db.name}"`)
  }
}

/**
 * Runs `work` in one transaction of its own, for writes that must be kept together, such as
 * many signatures committed at once: every Local API call given the `req` it is handed joins
 * the transaction, which commits when `work` resolves and rolls back when it throws. Other
 * requests' writes stay out of it, on SQLite too. Without transactions (MongoDB on a single
 * server) the writes simply happen one by one.
 */
export function inTransaction<T>(
  payload: Payload,
  work: (req: PayloadRequest) => Promise<T>,
): Promise<T> {
  return inOwnFlow(async () => {
    const req = await createLocalReq({}, payload)
    const began = await initTransaction(req)
    try {
      const result = await work(req)
      if (began) await commitTransaction(req)
      return result
    } catch (error) {
      if (began) await killTransaction(req)
      throw error
    }
  })
}
