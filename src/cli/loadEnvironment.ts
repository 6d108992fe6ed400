import nextEnv from '@next/env'

// Imported first by command-line scripts: .env must be loaded before payload.config.ts runs.
nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production')
// Payload would otherwise try to reach a Next.js dev server for hot reloading.
process.env.DISABLE_PAYLOAD_HMR = 'true'
