import { MONGODB_SKIP_REASON } from './helpers/databases'

export default function setup(): void {
  if (!process.env.TEST_POSTGRES_URL) {
    throw new Error(
      'TEST_POSTGRES_URL is not set: run the suite with `npm test`, which starts PostgreSQL.',
    )
  }
  if (!process.env.TEST_MONGODB_URL) console.log(`\n${MONGODB_SKIP_REASON}\n`)
}
