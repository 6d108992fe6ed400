import cluster, { type Worker } from 'node:cluster'

// A worker that dies straight after starting (a bad setting, the database down) is not
// restarted in a tight loop.
const RESTART_DELAY_MS = 1_000
const QUICK_DEATH_MS = 10_000
const MAX_QUICK_DEATHS = 5

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
  let quickDeaths = 0
  const startedAt = new Map<Worker, number>()
  const fork = () => startedAt.set(cluster.fork(), Date.now())

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0)
    startedAt.delete(worker)
    if (stopping) {
      if (startedAt.size === 0) process.exit(0)
      return
    }
    quickDeaths = lived < QUICK_DEATH_MS ? quickDeaths + 1 : 0
    if (quickDeaths >= MAX_QUICK_DEATHS) {
      console.error(`stopsim-cms: workers keep failing at start; giving up`)
      stopAll('SIGTERM')
      process.exitCode = 1
      return
    }
    console.warn(
      `stopsim-cms worker ${worker.process.pid} ended (${signal ?? `code ${code}`}); starting another`,
    )
    setTimeout(fork, RESTART_DELAY_MS).unref()
  })

  const stopAll = (signal: NodeJS.Signals) => {
    stopping = true
    for (const worker of startedAt.keys()) worker.process.kill(signal)
    if (startedAt.size === 0) process.exit(process.exitCode ?? 0)
  }
  process.on('SIGTERM', () => stopAll('SIGTERM'))
  process.on('SIGINT', () => stopAll('SIGINT'))

  console.log(`stopsim-cms starting ${count} server processes (WEB_CONCURRENCY)`)
  for (let i = 0; i < count; i++) fork()
  return true
}
