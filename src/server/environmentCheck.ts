import nextEnv from '@next/env'
import cluster from 'node:cluster'

import { dialectOf } from '../db'
import { ConfigurationError, type Environment, readEnvironment } from '../environment'

// Imported first by src/server.ts: ES modules run in import order, so .env is loaded and a bad
// setting ends the process with a plain message before payload.config.ts reads anything.
nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production')

function checkedEnvironment(): Environment {
  try {
    const environment = readEnvironment()
    const dialect = dialectOf(environment.databaseUrl)
    if (environment.webConcurrency > 1 && dialect !== 'postgres') {
      throw new ConfigurationError(
        `WEB_CONCURRENCY above 1 needs PostgreSQL (DATABASE_URL=postgres://…): ${
          dialect === 'sqlite'
            ? 'SQLite lets one process write at a time, so more processes only queue behind each other'
            : 'on MongoDB nothing keeps two processes from running the same job'
        }. Set WEB_CONCURRENCY=1.`,
      )
    }
    if (environment.webConcurrency > 1 && !environment.redisUrl && cluster.isPrimary) {
      console.warn(
        `stopsim-cms: WEB_CONCURRENCY=${environment.webConcurrency} without REDIS_URL: each process counts its own rate limits and keeps its own read cache, so a reader may see an old answer for up to API_CACHE_SECONDS. Set REDIS_URL (a local redis-server is enough).`,
      )
    }
    return environment
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(`stopsim-cms cannot start: ${error.message}`)
      process.exit(1)
    }
    throw error
  }
}

export const environment = checkedEnvironment()
