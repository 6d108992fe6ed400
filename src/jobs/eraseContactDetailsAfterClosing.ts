import type { TaskConfig } from 'payload'

import { signingSettings } from '../collections/Signatories/settings'

/**
 * Once a letter has been closed for the retention period, its signatories' email addresses,
 * and the hashes derived from them and from their IP addresses, are erased; the names and
 * roles shown on the letter stay. Runs daily on the server's own job runner.
 */
export const eraseContactDetailsAfterClosing: TaskConfig<{
  input: object
  output: { letters: number; erased: number }
}> = {
  slug: 'eraseContactDetailsAfterClosing',
  schedule: [{ cron: '0 30 3 * * *', queue: 'default' }],
  handler: async ({ req }) => {
    const { retentionDays } = signingSettings(req.payload)
    const cutOff = new Date(Date.now() - retentionDays * 86_400_000).toISOString()
    const { docs: letters } = await req.payload.find({
      collection: 'statements',
      depth: 0,
      limit: 0,
      overrideAccess: true,
      req,
      select: { title: true },
      where: {
        and: [{ kind: { equals: 'open_letter' } }, { 'signing.closesAt': { less_than: cutOff } }],
      },
    })
    if (!letters.length) return { output: { letters: 0, erased: 0 } }
    const { docs } = await req.payload.update({
      collection: 'signatories',
      depth: 0,
      overrideAccess: true,
      req,
      data: { email: null, ipHash: null, confirmTokenHash: null, withdrawTokenHash: null },
      where: {
        and: [
          { letter: { in: letters.map((letter) => letter.id) } },
          { or: [{ email: { exists: true } }, { ipHash: { exists: true } }] },
        ],
      },
    })
    return { output: { letters: letters.length, erased: docs.length } }
  },
}
