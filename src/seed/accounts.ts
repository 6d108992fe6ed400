import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'

import type { Role } from '../access/roles'

export type DemoAccount = { role: Role; name: string; email: string; password: string }

const DEMO_ACCOUNTS: Omit<DemoAccount, 'password'>[] = [
  { role: 'admin', name: 'Demo Admin', email: 'admin@demo.stopsim.invalid' },
  { role: 'editor', name: 'Demo Editor', email: 'editor@demo.stopsim.invalid' },
  { role: 'moderator', name: 'Demo Moderator', email: 'moderator@demo.stopsim.invalid' },
  { role: 'contributor', name: 'Demo Contributor', email: 'contributor@demo.stopsim.invalid' },
  { role: 'artist', name: 'Demo Artist', email: 'artist@demo.stopsim.invalid' },
]

const newPassword = () => crypto.randomBytes(12).toString('base64url')

/**
 * One account per role. Passwords are random and kept in a git-ignored file beside the
 * database so that running the seed again prints the same logins rather than resetting them.
 */
export async function seedDemoAccounts(
  payload: Payload,
  passwordFile: string,
): Promise<DemoAccount[]> {
  const saved = readSavedPasswords(passwordFile)
  const accounts: DemoAccount[] = []
  for (const account of DEMO_ACCOUNTS) {
    const known = saved[account.email]
    const password = known ?? newPassword()
    const { docs } = await payload.find({
      collection: 'users',
      where: { email: { equals: account.email } },
      limit: 1,
      depth: 0,
    })
    const existing = docs[0]
    if (!existing) {
      await payload.create({
        collection: 'users',
        data: { email: account.email, name: account.name, password, roles: [account.role] },
      })
    } else if (!known || !existing.roles?.includes(account.role)) {
      // The password file was lost, or someone changed the demo account: put it back.
      await payload.update({
        collection: 'users',
        id: existing.id,
        data: { password, roles: [account.role] },
      })
    }
    accounts.push({ ...account, password })
  }
  writeSavedPasswords(passwordFile, accounts)
  return accounts
}

function readSavedPasswords(file: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'))
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {}
  } catch {
    return {}
  }
}

function writeSavedPasswords(file: string, accounts: DemoAccount[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const byEmail = Object.fromEntries(accounts.map(({ email, password }) => [email, password]))
  fs.writeFileSync(file, `${JSON.stringify(byEmail, null, 2)}\n`, { mode: 0o600 })
}
