/**
 * This process's database writes, as the anonymous read cache needs to know them.
 *
 * Kept on globalThis: the Express server and Next's route handlers are separate bundles, each
 * with its own copy of this module, and hooks from either copy may run; both must move the one
 * counter that the cache in the server checks.
 */
type WriteLog = {
  generation: number
  listeners: Set<(origin: WriteOrigin) => void>
  /** Transactions that wrote something readers may see, until they commit or roll back. */
  uncommitted: Set<number | string>
}

type TransactionID = number | string | undefined

/** A write by this process, or one another instance reported (src/sharedState). */
export type WriteOrigin = 'local' | 'remote'

const KEY = Symbol.for('stopsim.writeLog')
const holder = globalThis as typeof globalThis & { [KEY]?: WriteLog }

function writeLog(): WriteLog {
  holder[KEY] ??= { generation: 0, listeners: new Set(), uncommitted: new Set() }
  return holder[KEY]
}

/** Changes whenever something may have been written; a response read across a change is stale. */
export const writeGeneration = (): number => writeLog().generation

function changed(log: WriteLog, origin: WriteOrigin = 'local'): void {
  log.generation += 1
  for (const listener of log.listeners) listener(origin)
}

/**
 * A document was written. Inside a transaction, readers still see the old rows until it
 * commits, so the commit counts as a write too.
 */
export function noteWrite(transaction: TransactionID): void {
  const log = writeLog()
  if (transaction !== undefined) log.uncommitted.add(transaction)
  changed(log)
}

/** A transaction ended; only one that wrote documents changes what readers see. */
export function noteTransactionEnd(transaction: TransactionID, committed: boolean): void {
  const log = writeLog()
  if (transaction === undefined || !log.uncommitted.delete(transaction)) return
  if (committed) changed(log)
}

/** Another instance wrote: what this one keeps may be stale. */
export function noteRemoteWrite(): void {
  changed(writeLog(), 'remote')
}

/** Calls `listener` after every write, this process's or another's; returns a function that stops it. */
export function onWrite(listener: (origin: WriteOrigin) => void): () => void {
  const { listeners } = writeLog()
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Calls `listener` after every write this process made, to pass on to other instances. */
export function onLocalWrite(listener: () => void): () => void {
  return onWrite((origin) => {
    if (origin === 'local') listener()
  })
}
