/**
 * This process's writes that anonymous readers can see, as the anonymous read cache needs to
 * know them. A write is named by tags: the slug of the collection or global it changed.
 * A cached answer carries the tags of everything it may show (see ./dependencies.ts) and is
 * dropped when one of them changes.
 *
 * Kept on globalThis: the Express server and Next's route handlers are separate bundles, each
 * with its own copy of this module, and hooks from either copy may run; both must move the one
 * log that the cache in the server checks.
 */
type WriteLog = {
  generation: number
  /** The generation at which each tag last changed. */
  changedAt: Map<string, number>
  listeners: Set<(tags: ReadonlySet<string>, origin: WriteOrigin) => void>
  /** Transactions that wrote something readers may see, with what, until they end. */
  uncommitted: Map<number | string, Set<string>>
}

type TransactionID = number | string | undefined

/** A tag every write and every cached answer matches: for what cannot be narrowed down. */
export const EVERYTHING = '*'

/** A write by this process, or one another instance reported (src/sharedState). */
export type WriteOrigin = 'local' | 'remote'

const KEY = Symbol.for('stopsim.writeLog')
const holder = globalThis as typeof globalThis & { [KEY]?: WriteLog }

function writeLog(): WriteLog {
  holder[KEY] ??= {
    generation: 0,
    changedAt: new Map(),
    listeners: new Set(),
    uncommitted: new Map(),
  }
  return holder[KEY]
}

/** Moves on with every visible write; compare with `changedSince`. */
export const writeGeneration = (): number => writeLog().generation

/** Whether anything tagged with one of `tags` changed after `generation` was read. */
export function changedSince(tags: ReadonlySet<string>, generation: number): boolean {
  const { changedAt, generation: now } = writeLog()
  if (now === generation) return false
  if (tags.has(EVERYTHING)) return true
  if ((changedAt.get(EVERYTHING) ?? 0) > generation) return true
  for (const tag of tags) if ((changedAt.get(tag) ?? 0) > generation) return true
  return false
}

/**
 * Drops every cached answer that shows something tagged with `tags`. The one way in for
 * invalidation: hooks call it for this process's writes, and a shared bus (Redis pub/sub) can
 * call it for another instance's.
 */
export function invalidate(tags: Iterable<string>, origin: WriteOrigin = 'local'): void {
  const log = writeLog()
  const changed = new Set(tags)
  if (changed.size === 0) return
  log.generation += 1
  for (const tag of changed) log.changedAt.set(tag, log.generation)
  for (const listener of log.listeners) listener(changed, origin)
}

/**
 * Another instance wrote what is tagged `tags`: what this one keeps of it is stale. Without
 * tags (a notice that may have been missed while cut off from the others) everything is.
 */
export function noteRemoteWrite(tags: Iterable<string> = [EVERYTHING]): void {
  invalidate(tags, 'remote')
}

/**
 * A document tagged `tags` was written. Inside a transaction, readers still see the old rows
 * until it commits, so the commit counts as the same write again.
 */
export function noteWrite(transaction: TransactionID, tags: Iterable<string>): void {
  const log = writeLog()
  const written = [...tags]
  if (transaction !== undefined) {
    const pending = log.uncommitted.get(transaction) ?? new Set<string>()
    for (const tag of written) pending.add(tag)
    log.uncommitted.set(transaction, pending)
  }
  invalidate(written)
}

/** A transaction ended; only one that wrote visible documents changes what readers see. */
export function noteTransactionEnd(transaction: TransactionID, committed: boolean): void {
  if (transaction === undefined) return
  const log = writeLog()
  const tags = log.uncommitted.get(transaction)
  if (!tags) return
  log.uncommitted.delete(transaction)
  if (committed) invalidate(tags)
}

/**
 * Calls `listener` with the tags of every visible write, this process's or another's; returns
 * a function that stops it.
 */
export function onWrite(
  listener: (tags: ReadonlySet<string>, origin: WriteOrigin) => void,
): () => void {
  const { listeners } = writeLog()
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Calls `listener` with the tags of every visible write this process made, to pass on. */
export function onLocalWrite(listener: (tags: ReadonlySet<string>) => void): () => void {
  return onWrite((tags, origin) => {
    if (origin === 'local') listener(tags)
  })
}
