import type { Payload } from 'payload'

import pg from 'pg'

import { dialectOf } from '../databaseUrl'

/**
 * Which process runs the job queue (scheduled publications, signature clean-ups, any later job).
 *
 * Payload 3.x claims queued jobs by reading `processing = false` rows and updating them one by
 * one, without a lock, so two instances polling the same database can both run one job; and a
 * job whose process died stays `processing` for ever. Instead of patching that, exactly one
 * process is the job runner at a time: whichever holds a PostgreSQL session-level advisory lock.
 * PostgreSQL releases the lock as soon as the holder's connection ends, which is what happens
 * when its process dies or is stopped, so another instance takes over within one poll
 * (JOBS_CRON). On taking over, the new runner first puts back jobs left `processing`: only a
 * runner can have claimed them, and there is no other runner now.
 *
 * A job cut off half-way therefore runs again from its last completed task, so tasks are
 * written to be safe to repeat (publishing a published document, deleting what is already
 * gone). SQLite runs in one process and MongoDB is not supported with several instances: there
 * this process is always the runner, as before.
 */
export type JobRunnerElection = {
  /** Whether this process may run jobs now; takes the role when it is free. */
  isRunner: (payload: Payload) => Promise<boolean>
  close: () => Promise<void>
}

// Any constant shared by every instance of this CMS on a database; advisory locks are per
// database, so sites on one PostgreSQL server do not compete.
const JOB_RUNNER_LOCK = 0x53544f50 // "STOP"

export function jobRunnerElection(databaseUrl: string): JobRunnerElection {
  if (dialectOf(databaseUrl) !== 'postgres') {
    return { isRunner: async () => true, close: async () => {} }
  }
  return new AdvisoryLockElection(databaseUrl)
}

class AdvisoryLockElection implements JobRunnerElection {
  private client: pg.Client | undefined
  private held = false
  private closed = false

  constructor(private readonly databaseUrl: string) {}

  async isRunner(payload: Payload): Promise<boolean> {
    if (this.closed) return false
    try {
      const client = await this.connection()
      if (this.held) {
        // The lock lives as long as this connection: make sure it still does.
        await client.query('select 1')
        return true
      }
      const { rows } = await client.query<{ locked: boolean }>(
        'select pg_try_advisory_lock($1) as locked',
        [JOB_RUNNER_LOCK],
      )
      if (!rows[0]?.locked) return false
      this.held = true
      const released = await releaseAbandonedJobs(payload)
      payload.logger.info(
        `This instance is now the job runner${released ? ` and took over ${released} job(s) left by a stopped one` : ''}.`,
      )
      return true
    } catch (error) {
      if (this.held) payload.logger.warn({ err: error }, 'Lost the job runner lock')
      this.drop()
      return false
    }
  }

  async close(): Promise<void> {
    this.closed = true
    const client = this.client
    this.drop()
    await client?.end().catch(() => {})
  }

  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client
    const client = new pg.Client({ connectionString: this.databaseUrl, keepAlive: true })
    client.on('error', () => this.drop())
    client.on('end', () => this.drop())
    await client.connect()
    this.client = client
    return client
  }

  private drop(): void {
    this.held = false
    const client = this.client
    this.client = undefined
    client?.end().catch(() => {})
  }
}

async function releaseAbandonedJobs(payload: Payload): Promise<number> {
  const { docs } = await payload.update({
    collection: 'payload-jobs',
    where: { processing: { equals: true } },
    data: { processing: false },
    depth: 0,
    overrideAccess: true,
  })
  return docs.length
}
