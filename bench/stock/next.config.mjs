import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { withPayload } from '@payloadcms/next/withPayload'

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Packages come from the repository's node_modules, two folders up.
  turbopack: { root: repository },
  outputFileTracingRoot: repository,
}

export default withPayload(nextConfig)
