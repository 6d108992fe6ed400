import type { Payload } from 'payload'

import type { Role } from '../access/roles'
import { type DemoAccount, seedDemoAccounts } from './accounts'
import { type ContentSeedResult, seedDemoContent } from './content'
import { type MediaSeedResult, seedDemoMedia } from './media'
import { seedDemoSettings } from './settings'
import { type SignatureSeedResult, seedDemoSignatures } from './signatures'

export type SeedResult = {
  accounts: DemoAccount[]
  content: ContentSeedResult
  media: MediaSeedResult
  signatures: SignatureSeedResult
}

/** Demo content for a fresh install. Safe to run again: it only adds what is missing. */
export async function seed(
  payload: Payload,
  options: { passwordFile: string },
): Promise<SeedResult> {
  const accounts = await seedDemoAccounts(payload, options.passwordFile)
  const idOf = async (role: Role) => {
    const email = accounts.find((account) => account.role === role)?.email
    const { docs } = await payload.find({
      collection: 'users',
      where: { email: { equals: email } },
      limit: 1,
      depth: 0,
      overrideAccess: true,
    })
    if (!docs[0]) throw new Error(`The demo ${role} account is missing.`)
    return docs[0].id
  }
  const editorId = await idOf('editor')
  const media = await seedDemoMedia(payload, { editorId, artistId: await idOf('artist') })
  const content = await seedDemoContent(payload, {
    editorId,
    contributorId: await idOf('contributor'),
    media: media.media,
  })
  const signatures = await seedDemoSignatures(payload)
  await seedDemoSettings(payload)
  return { accounts, content, media, signatures }
}
