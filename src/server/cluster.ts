import cluster, { type Worker } from 'node:cluster'

// A worker that dies before it ever listens (a bad setting, the database down) is not
// restarted in a tight loop, and after a few such starts in a row the server gives up. Counted
// by starts that never listened, not by time: on a busy small machine a start alone can take
// longer than any fixed "died too soon".
const RESTART_DELAY_MS = 1_000
const MAX_FAILED_STARTS = 5

/**
 * Starts `count` server processes sharing one listening socket when count > 1 and this is the
 * primary process, and returns true: the caller then does nothing else. Returns false in a
 * worker, or when one process is asked for, and the caller serves requests itself.
 *
 * The primary restarts a worker that dies, and on SIGTERM or SIGINT passes the signal on and
 * exits once every worker has finished its in-flight requests (each worker's own shutdown).
 */
export function runCluster(count: number): boolean {
  if (count <= 1 || !cluster.isPrimary) return false

  let stopping = false
  let failedStarts = 0
  // Each running worker, and whether it has listened yet.
  const workers = new Map<Worker, { listened: boolean }>()
  const fork = () => {
    // A restart falls due a second after a worker died: by then the server may be stopping,
    // and a worker started now would never be told to stop.
    if (!stopping) workers.set(cluster.fork(), { listened: false })
  }

  cluster.on('listening', (worker) => {
    const state = workers.get(worker)
    if (state) state.listened = true
    failedStarts = 0
  })

  cluster.on('exit', (worker, code, signal) => {
    const listened = workers.get(worker)?.listened ?? false
    workers.delete(worker)
    if (stopping) {
      if (workers.size === 0) process.exit(process.exitCode ?? 0)
      return
    }
    if (!listened) failedStarts += 1
    if (failedStarts >= MAX_FAILED_STARTS) {
      console.error(`stopsim-cms: workers keep failing at start; giving up`)
      // Before stopAll, which may exit at once: a supervisor must see that the server failed.
      process.exitCode = 1
      stopAll('SIGTERM')
      return
    }
    console.warn(
      `stopsim-cms worker ${worker.process.pid} ended (${signal ?? `code ${code}`}); starting another`,
    )
    // Not unref'd: when every worker has died, this timer is all that keeps the primary
    // running until the restart.
    setTimeout(fork, RESTART_DELAY_MS)
  })

  const stopAll = (signal: NodeJS.Signals) => {
    stopping = true
    for (const worker of workers.keys()) worker.process.kill(signal)
    if (workers.size === 0) process.exit(process.exitCode ?? 0)
  }
  process.on('SIGTERM', () => stopAll('SIGTERM'))
  process.on('SIGINT', () => stopAll('SIGINT'))

  console.log(`stopsim-cms starting ${count} server processes (WEB_CONCURRENCY)`)
  for (let i = 0; i < count; i++) fork()
  return true
}
