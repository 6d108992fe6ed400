import type { Payload } from 'payload'

import { type DemoAccount, seedDemoAccounts } from './accounts'

export type SeedResult = { accounts: DemoAccount[] }

/** Demo content for a fresh install. Safe to run again: it only adds what is missing. */
export async function seed(
  payload: Payload,
  options: { passwordFile: string },
): Promise<SeedResult> {
  const accounts = await seedDemoAccounts(payload, options.passwordFile)
  return { accounts }
}
