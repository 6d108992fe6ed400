// The signing ceiling for `npm run bench:sign`: bare Express 5 taking the same signatures and
// writing the same rows into SQLite, durably (WAL, synchronous=FULL), with the same group
// commit (the same class and settings as the CMS). No Payload, no Next.js: what is left of a
// signature's cost once the framework is gone. Run with tsx by bench/sign.mjs, in its own
// process, as the CMS server is.
import { createClient } from '@libsql/client'
import express from 'express'

import { shownFor } from '../src/collections/Signatories/hooks/publicFields'
import { keyedHash } from '../src/collections/Signatories/normalise'
import { checkSignature, storedKeys } from '../src/collections/Signatories/rules'
import {
  GROUP_COMMIT_DEFAULTS,
  GroupCommit,
} from '../src/collections/Signatories/write/groupCommit'

const SECRET = 'ceiling'
const client = createClient({ url: `file:${process.env.CEILING_DATABASE}` })
await client.execute('PRAGMA journal_mode = WAL')
await client.execute('PRAGMA synchronous = FULL')
await client.executeMultiple(`
  CREATE TABLE IF NOT EXISTS signatories (
    id integer PRIMARY KEY, letter_id integer NOT NULL, name text NOT NULL, role text,
    organisation text, on_behalf_of_organisation integer, display text, public_name text,
    public_role text, public_organisation text, email text, status text, source text,
    consent_notice text, consent_version text, consent_given_at text, email_hash text,
    name_key text, name_block_key text, ip_hash text, possible_duplicate_of_id integer,
    updated_at text NOT NULL, created_at text NOT NULL);
  CREATE UNIQUE INDEX IF NOT EXISTS letter_email ON signatories (letter_id, email_hash);
  CREATE INDEX IF NOT EXISTS letter_block ON signatories (letter_id, name_block_key);
  CREATE INDEX IF NOT EXISTS letter_status ON signatories (letter_id, status, created_at);
`)

type Row = (string | number | null)[]

const queue = new GroupCommit<Row, boolean>(async (rows) => {
  const transaction = await client.transaction('write')
  try {
    for (const row of rows) {
      await transaction.execute({
        sql: `INSERT OR IGNORE INTO signatories (letter_id, name, role, organisation,
          on_behalf_of_organisation, display, public_name, public_role, public_organisation,
          email, status, source, consent_notice, consent_version, consent_given_at, email_hash,
          name_key, name_block_key, ip_hash, updated_at, created_at)
          VALUES (${row.map(() => '?').join(', ')})`,
        args: row,
      })
    }
    await transaction.commit()
  } finally {
    transaction.close()
  }
  return rows.map(() => true)
}, GROUP_COMMIT_DEFAULTS)

const app = express()
app.set('etag', false)
app.post('/api/signatories/sign', express.json(), async (req, res) => {
  const checked = checkSignature(req.body ?? {}, { requireEmail: true })
  if ('errors' in checked || req.body.consent !== true) {
    res.status(400).json({ errors: [{ message: 'Some details need correcting.' }] })
    return
  }
  const { signature } = checked
  const keys = storedKeys(SECRET, signature)
  const shown = shownFor(signature.display, signature)
  const now = new Date().toISOString()
  await queue.submit([
    1,
    signature.name,
    signature.role,
    signature.organisation,
    signature.onBehalfOfOrganisation ? 1 : 0,
    signature.display,
    shown.publicName,
    shown.publicRole,
    shown.publicOrganisation,
    keys.email,
    'pending',
    'form',
    'The consent notice',
    'ceiling',
    now,
    keys.emailHash,
    keys.nameKey,
    keys.nameBlockKey,
    keyedHash(SECRET, 'ip', req.ip ?? ''),
    now,
    now,
  ])
  res.status(202).json({ message: 'Thank you.' })
})
app.get('/count', async (_req, res) => {
  const result = await client.execute('SELECT count(*) AS n FROM signatories')
  res.json({ totalDocs: Number(result.rows[0].n) })
})
const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log('ceiling listening')
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
