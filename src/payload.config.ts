import type { CollectionConfig, GlobalConfig } from 'payload'

import { lexicalEditor } from '@payloadcms/richtext-lexical'
import path from 'node:path'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { assertAccessDeclared } from './access/assertAccessDeclared'
import { Users } from './collections/Users'
import { databaseAdapter } from './db'
import { type Environment, readEnvironment } from './environment'

export const collections: CollectionConfig[] = [Users]
export const globals: GlobalConfig[] = []

export function createConfig(environment: Environment) {
  assertAccessDeclared(collections, globals)

  // Browsers may send the auth cookie only from these origins (Payload's CSRF check), and
  // only these may read API responses cross-origin. Payload treats an empty list as "any".
  const trustedOrigins = [...new Set([environment.serverUrl, ...environment.corsOrigins])]

  return buildConfig({
    admin: {
      user: Users.slug,
      avatar: 'default',
      importMap: { baseDir: path.resolve(/*turbopackIgnore: true*/ 'src') },
      meta: { titleSuffix: ' · StopSIM CMS' },
    },
    // Payload appends its own collections to these arrays, and configs are built more than once in tests.
    collections: [...collections],
    globals: [...globals],
    cors: trustedOrigins,
    csrf: trustedOrigins,
    db: databaseAdapter({
      databaseUrl: environment.databaseUrl,
      push: environment.databasePush,
    }),
    editor: lexicalEditor(),
    graphQL: {
      disablePlaygroundInProduction: true,
    },
    secret: environment.payloadSecret,
    serverURL: environment.serverUrl,
    sharp,
    telemetry: false,
    typescript: {
      // Generated on purpose with `npm run generate:types` and committed, not on every start.
      autoGenerate: false,
      outputFile: path.resolve(/*turbopackIgnore: true*/ 'src/payload-types.ts'),
    },
  })
}

export default createConfig(readEnvironment())
