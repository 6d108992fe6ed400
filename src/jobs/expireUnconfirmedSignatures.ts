import type { TaskConfig } from 'payload'

/**
 * Signatures whose confirmation link lapsed were never confirmed by their owner: delete them
 * (and the email address with them). Runs hourly on the server's own job runner.
 */
export const expireUnconfirmedSignatures: TaskConfig<{
  input: object
  output: { deleted: number }
}> = {
  slug: 'expireUnconfirmedSignatures',
  schedule: [{ cron: '0 0 * * * *', queue: 'default' }],
  handler: async ({ req }) => {
    const { docs } = await req.payload.delete({
      collection: 'signatories',
      overrideAccess: true,
      req,
      where: {
        and: [
          { status: { equals: 'pending' } },
          { confirmTokenHash: { exists: true } },
          { confirmExpiresAt: { less_than: new Date().toISOString() } },
        ],
      },
    })
    return { output: { deleted: docs.length } }
  },
}
