import type { CodegenConfig } from '@graphql-codegen/cli'

// `npm run examples:codegen`: typed documents for the queries in graphql/queries.ts, from the
// committed schema.graphql. EXAMPLES_CODEGEN_OUT lets the test compare a fresh copy.
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['examples/graphql/queries.ts'],
  ignoreNoDocuments: false,
  generates: {
    [process.env.EXAMPLES_CODEGEN_OUT ?? 'examples/graphql/generated/']: {
      preset: 'client',
      // Documents as strings: the example needs nothing but fetch to send them.
      config: { documentMode: 'string', enumsAsTypes: true, useTypeImports: true },
      presetConfig: { fragmentMasking: false },
    },
  },
}

export default config
