import type { SQLiteAdapter } from '@payloadcms/db-sqlite'

type Client = SQLiteAdapter['client']
type Transaction = Awaited<ReturnType<Client['transaction']>>
type Statement = string | { sql: string }

/**
 * SQLite allows one writer at a time, and libSQL's driver is synchronous: a second writer in
 * this process that hits the lock blocks the whole event loop for the busy timeout, while the
 * transaction holding the lock cannot run to finish it. So writes from this process take turns
 * here, waiting without blocking; reads never wait (WAL lets them run beside a writer). The
 * busy timeout still covers other processes, such as `npm run seed` beside the server.
 */
export function serialiseWrites(client: Client, connectionPragmas: readonly string[]): void {
  const lock = new AsyncLock()
  const execute = client.execute.bind(client)
  const batch = client.batch.bind(client)
  const executeMultiple = client.executeMultiple.bind(client)
  const migrate = client.migrate.bind(client)
  const transaction = client.transaction.bind(client)

  client.execute = ((...params: Parameters<typeof execute>) =>
    isRead(params[0] as Statement)
      ? execute(...params)
      : lock.run(() => execute(...params))) as Client['execute']
  client.batch = ((...params: Parameters<Client['batch']>) =>
    lock.run(() => batch(...params))) as Client['batch']
  client.executeMultiple = (sql) => lock.run(() => executeMultiple(sql))
  client.migrate = (statements) => lock.run(() => migrate(statements))

  client.transaction = async (...params: Parameters<Client['transaction']>) => {
    const release = await lock.acquire()
    let open: Transaction
    try {
      open = await transaction(...params)
      // libSQL hands its connection to the transaction and opens a new one for what comes
      // next; Payload set these only on the first connection.
      for (const pragma of connectionPragmas) await execute(pragma)
    } catch (error) {
      release()
      throw error
    }
    return releasingOnEnd(open, release)
  }
}

function releasingOnEnd(open: Transaction, release: () => void): Transaction {
  const commit = open.commit.bind(open)
  const rollback = open.rollback.bind(open)
  const close = open.close.bind(open)
  open.commit = () => commit().finally(release)
  open.rollback = () => rollback().finally(release)
  open.close = () => {
    try {
      close()
    } finally {
      release()
    }
  }
  return open
}

const READ_ONLY = /^\s*(select|explain)\b|^\s*pragma\s+[\w.]+\s*;?\s*$/i

function isRead(statement: Statement): boolean {
  const sql = typeof statement === 'string' ? statement : statement.sql
  return READ_ONLY.test(sql)
}

// Longer than any write should take; a waiter gives up rather than hang for ever should a
// transaction never end.
const MAX_WAIT_MS = 15_000

/** A first-come, first-served lock for async work; release is safe to call twice. */
class AsyncLock {
  private tail: Promise<void> = Promise.resolve()

  acquire(): Promise<() => void> {
    let release!: () => void
    const held = new Promise<void>((resolve) => {
      let released = false
      release = () => {
        if (!released) {
          released = true
          resolve()
        }
      }
    })
    const previous = this.tail
    this.tail = previous.then(() => held)
    return new Promise((resolve, reject) => {
      let gaveUp = false
      const timer = setTimeout(() => {
        gaveUp = true
        reject(
          new Error(`SQLite write waited over ${MAX_WAIT_MS / 1000} s for another write to finish`),
        )
      }, MAX_WAIT_MS)
      void previous.then(() => {
        clearTimeout(timer)
        // A waiter that gave up still takes its turn, and passes it straight on.
        if (gaveUp) release()
        else resolve(release)
      })
    })
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire()
    try {
      return await work()
    } finally {
      release()
    }
  }
}
