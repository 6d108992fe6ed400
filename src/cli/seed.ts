import './loadEnvironment'

import path from 'node:path'

import { getPayload } from 'payload'

import { applyMigrations } from '../db'
import { readEnvironment } from '../environment'
import config from '../payload.config'
import { seed } from '../seed'

const environment = readEnvironment()
if (environment.production && !process.argv.includes('--allow-production')) {
  console.error(
    'Refusing to seed demo accounts into a production database. ' +
      'Pass --allow-production if this really is a throwaway install.',
  )
  process.exit(2)
}

const payload = await getPayload({ config })
try {
  await applyMigrations(payload)
  const { accounts, content, media, signatures } = await seed(payload, {
    passwordFile: path.resolve('data/demo-accounts.json'),
  })
  const { created, total } = content
  console.log(
    `\nDemo content is in place: ${total.statements} statements, ${total.updates} updates, ` +
      `${total.pages} pages, ${total.trusts} trusts (this run added ` +
      `${created.statements + created.updates + created.pages + created.trusts}).`,
  )
  console.log(
    `Demo media: ${media.media.size} images and documents; ${media.created.artwork} pieces of artwork added this run.`,
  )
  console.log(
    `Demo signatures on the open letter: ${signatures.created} added this run, in every review state and display choice.`,
  )
  console.log('\nDemo logins (one per role):\n')
  for (const { role, email, password } of accounts) {
    console.log(`  ${role.padEnd(12)} ${email.padEnd(36)} ${password}`)
  }
  console.log(`\nAdmin panel: ${environment.serverUrl}/admin\n`)
} finally {
  await payload.destroy()
}
process.exit(0)
