import type { SQLiteAdapter } from '@payloadcms/db-sqlite'

import { AsyncLocalStorage } from 'node:async_hooks'

type Client = SQLiteAdapter['client']
type Transaction = Awaited<ReturnType<Client['transaction']>>
type Statement = string | { sql: string }

/**
 * One chain of async work that began a transaction: a Payload operation and everything it
 * awaits, hooks and Local API calls without `req` included. While its transaction is open,
 * every statement the flow sends runs inside it, whichever connection it was sent to.
 */
class Flow {
  transaction?: Transaction
  // A flow takes one transaction, the one begun where it was entered. Contexts made from a
  // flow whose transaction has ended (the HTTP server, created after migrations ran) keep
  // pointing at it, and must never take another for everyone who shares it.
  began = false
}

// Process-wide: the server and Next's bundle each load this module, and a flow begun through
// one copy must be seen by the other.
const FLOWS = Symbol.for('stopsim.sqliteWriteFlows')
const flows: AsyncLocalStorage<Flow> = ((
  globalThis as typeof globalThis & {
    [FLOWS]?: AsyncLocalStorage<Flow>
  }
)[FLOWS] ??= new AsyncLocalStorage<Flow>())

const ownTransaction = (): Transaction | undefined => flows.getStore()?.transaction

/**
 * Runs `work` as a flow of its own: a transaction it begins takes in only the writes `work`
 * makes, never those of whoever called it. For work that begins a transaction directly
 * (`payload.db.beginTransaction()`) rather than through a Payload operation.
 */
export function inOwnFlow<T>(work: () => Promise<T>): Promise<T> {
  return flows.run(new Flow(), work)
}

/**
 * SQLite allows one writer at a time, and libSQL's driver is synchronous: a second writer in
 * this process that hits the lock blocks the whole event loop for the busy timeout, while the
 * transaction holding the lock cannot run to finish it. So writes from this process take turns
 * here, waiting without blocking; reads never wait (WAL lets them run beside a writer). The
 * busy timeout still covers other processes, such as `npm run seed` beside the server.
 *
 * A transaction holds the turn until it ends. Payload itself writes outside the transaction
 * its own operation holds open (forgot-password reserves the account that way; runJobs and the
 * GraphQL resolvers isolate `req.transactionID`; a hook may call the Local API without `req`):
 * waiting for the turn there waits on oneself until the lock gives up. No Payload option avoids
 * it (without transactionOptions SQLite has no transactions, and many creates can no longer be
 * committed as one). So the turn belongs to a flow, traced with AsyncLocalStorage from where
 * Payload begins the transaction: the flow's statements run inside its open transaction,
 * including a transaction it begins again, which joins the open one as Payload's own nested
 * operations do. Other flows wait their turn as before.
 *
 * This leans on three things in Payload, Drizzle and libSQL, each checked by
 * test/write-path.test.ts: `initTransaction` calls `payload.db.beginTransaction()` in the
 * operation's own synchronous step (so the flow entered there covers the rest of the
 * operation); Drizzle opens transactions through `client.transaction()` and sends everything
 * else through `client.execute`/`batch`; libSQL hands its connection to the transaction and
 * opens a new one.
 */
export function serialiseWrites(
  adapter: SQLiteAdapter,
  connectionPragmas: readonly string[],
): void {
  const client = adapter.client
  const lock = new AsyncLock()
  const execute = client.execute.bind(client)
  const batch = client.batch.bind(client)
  const executeMultiple = client.executeMultiple.bind(client)
  const migrate = client.migrate.bind(client)
  const transaction = client.transaction.bind(client)
  const begin = adapter.beginTransaction

  adapter.beginTransaction = function (this: SQLiteAdapter, options) {
    // A transaction begun inside a flow's open one is part of it: null tells Payload there is
    // no transaction of its own to commit, as for adapters without transactions.
    if (ownTransaction()) return Promise.resolve(null)
    // Entered in the caller's synchronous step, so it covers the rest of the caller's work.
    flows.enterWith(new Flow())
    return begin.call(this, options)
  }

  client.execute = ((...params: Parameters<typeof execute>) => {
    const own = ownTransaction()
    if (own) return own.execute(...(params as Parameters<Transaction['execute']>))
    return isRead(params[0] as Statement) ? execute(...params) : lock.run(() => execute(...params))
  }) as Client['execute']
  client.batch = ((...params: Parameters<Client['batch']>) => {
    const own = ownTransaction()
    if (own) return own.batch(params[0])
    return lock.run(() => batch(...params))
  }) as Client['batch']
  client.executeMultiple = (sql) => {
    const own = ownTransaction()
    return own ? own.executeMultiple(sql) : lock.run(() => executeMultiple(sql))
  }
  client.migrate = (statements) => lock.run(() => migrate(statements))

  client.transaction = async (...params: Parameters<Client['transaction']>) => {
    const flow = flows.getStore()
    if (flow?.transaction) {
      // libSQL has no nested transactions; waiting would be waiting on this same flow.
      throw new Error(
        'This flow already has a SQLite transaction open: pass its req to join it instead.',
      )
    }
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
    if (flow && !flow.began) {
      flow.began = true
      flow.transaction = open
    }
    return endingWithTurn(open, release, flow)
  }
}

function endingWithTurn(open: Transaction, release: () => void, flow: Flow | undefined) {
  const commit = open.commit.bind(open)
  const rollback = open.rollback.bind(open)
  const close = open.close.bind(open)
  // From here on the flow's statements go back to waiting for the turn like anyone else's:
  // the ending transaction will not take them, and ends without needing them.
  const leaveFlow = () => {
    if (flow?.transaction === open) flow.transaction = undefined
  }
  open.commit = async () => {
    leaveFlow()
    try {
      await commit()
      release()
    } catch (error) {
      // Drizzle rolls back after a failed commit; until then the connection still holds
      // SQLite's lock, and the next writer would block the event loop on it.
      if (open.closed) release()
      throw error
    }
  }
  open.rollback = () => {
    leaveFlow()
    return rollback().finally(release)
  }
  open.close = () => {
    leaveFlow()
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
