import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { ConfigurationError } from './environment'

// Apart from src/db.ts, so that tools which only need to read DATABASE_URL (backup, restore)
// start without loading every database adapter.

export type Dialect = 'sqlite' | 'postgres' | 'mongodb'

export const ACCEPTED_SCHEMES =
  'file: (SQLite), postgres:// or postgresql:// (PostgreSQL), mongodb:// or mongodb+srv:// (MongoDB)'

export function dialectOf(databaseUrl: string): Dialect {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(databaseUrl)?.[1]?.toLowerCase()
  switch (scheme) {
    case 'file':
      return 'sqlite'
    case 'postgres':
    case 'postgresql':
      return 'postgres'
    case 'mongodb':
    case 'mongodb+srv':
      return 'mongodb'
    default:
      throw new ConfigurationError(
        `DATABASE_URL "${redactCredentials(databaseUrl)}" is not supported. Use one of: ${ACCEPTED_SCHEMES}.`,
      )
  }
}

/** The file a `file:` URL points at, resolved against the working directory. */
export function sqliteFilePath(databaseUrl: string): string {
  const withoutQuery = databaseUrl.split('?')[0]
  if (withoutQuery.startsWith('file://')) return fileURLToPath(withoutQuery)
  const rest = withoutQuery.slice('file:'.length)
  if (!rest)
    throw new ConfigurationError('DATABASE_URL "file:" needs a path, e.g. file:./data/stopsim.db')
  return path.resolve(/*turbopackIgnore: true*/ rest)
}

export function redactCredentials(databaseUrl: string): string {
  return databaseUrl.replace(/\/\/([^@/]*)@/, '//***@')
}
