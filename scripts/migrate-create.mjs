// Writes a migration for each SQL dialect from the current config, so src/migrations/sqlite
// and src/migrations/postgres never drift apart. Usage: npm run migrate:create -- <name>
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { ensurePostgres } from './ensure-postgres.mjs'

const name = process.argv[2]
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('Usage: npm run migrate:create -- <name>   (lower-case letters, digits and _)')
  process.exit(2)
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stopsim-migrate-'))
const targets = [
  ['SQLite', `file:${path.join(scratch, 'scratch.db')}`],
  ['PostgreSQL', await ensurePostgres()],
]
try {
  for (const [label, databaseUrl] of targets) {
    console.log(`\n== ${label}`)
    execFileSync('npx', ['payload', 'migrate:create', name], {
      stdio: 'inherit',
      // --conditions: see "Why --conditions=production" in the README.
      env: {
        ...process.env,
        NODE_OPTIONS: '--conditions=development',
        NODE_ENV: 'development',
        DATABASE_URL: databaseUrl,
        DATABASE_PUSH: 'false',
      },
    })
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true })
}
