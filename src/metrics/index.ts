import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'

function createMetrics() {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'stopsim_' })
  const registers = [registry]
  return {
    registry,
    requests: new Counter({
      name: 'stopsim_http_requests_total',
      help: 'Requests answered, by method, route and status code.',
      labelNames: ['method', 'route', 'status'] as const,
      registers,
    }),
    requestDuration: new Histogram({
      name: 'stopsim_http_request_duration_seconds',
      help: 'Time from a request arriving to its answer being sent, by method and route.',
      labelNames: ['method', 'route'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    cacheLookups: new Counter({
      name: 'stopsim_read_cache_lookups_total',
      help: 'Anonymous reads looked up in the read cache, by result (hit or miss).',
      labelNames: ['result'] as const,
      registers,
    }),
    requestsShed: new Counter({
      name: 'stopsim_requests_shed_total',
      help: 'Requests refused to protect the server (503 when busy, 429 over a client budget), by reason.',
      labelNames: ['reason'] as const,
      registers,
    }),
    signaturesAccepted: new Counter({
      name: 'stopsim_signatures_accepted_total',
      help: 'Signatures stored and answered 202.',
      registers,
    }),
    signatureBatchSize: new Histogram({
      name: 'stopsim_signature_batch_size',
      help: 'Signatures written together in one transaction.',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
      registers,
    }),
    jobs: new Counter({
      name: 'stopsim_jobs_total',
      help: 'Jobs run by the job runner, by task and result (succeeded or failed).',
      labelNames: ['task', 'result'] as const,
      registers,
    }),
    lastGoodBackupAge: new Gauge({
      name: 'stopsim_last_good_backup_age_seconds',
      help: 'Seconds since the newest verified scheduled backup; absent when there is none.',
      registers,
    }),
  }
}

export type Metrics = ReturnType<typeof createMetrics>

// The server's bundle and Next's bundle each load this module; one registry serves both, so
// what either of them counts is in the same scrape.
const shared = globalThis as typeof globalThis & { stopsimMetrics?: Metrics }

export const metrics: Metrics = (shared.stopsimMetrics ??= createMetrics())
