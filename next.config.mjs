import { withPayload } from '@payloadcms/next/withPayload'

// Payload only externalises its server packages in development. The Express server
// (src/server.ts) starts Payload before Next and Next's route handlers reuse that instance
// through getPayload's global cache, so both must load the very same `payload` module:
// a bundled second copy would break `instanceof APIError` and lose validation details.
const sharedServerPackages = [
  'payload',
  '@payloadcms/db-sqlite',
  '@payloadcms/db-postgres',
  '@payloadcms/db-mongodb',
  '@payloadcms/graphql',
  'sharp',
]

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The public site works without script and its archive copy has none: <title> and the
  // OpenGraph tags must be in the page's <head> as sent, not streamed in later for every
  // browser but search bots.
  htmlLimitedBots: /.*/,
  serverExternalPackages: sharedServerPackages,
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
