import path from 'node:path'

// Not from secureUpload: command-line tools read the environment without loading Payload.
import { isLogLevel, type LogLevel } from './logging/logLevels'
import { DEFAULT_MAX_PIXELS } from './uploads/limits'

/** A setting that stops the CMS from starting; its message is shown to the operator as it is. */
export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigurationError'
  }
}

export type Environment = {
  production: boolean
  port: number
  host: string
  databaseUrl: string
  /** Let the database adapter create tables from the config. Only for throwaway databases. */
  databasePush: boolean
  payloadSecret: string
  serverUrl: string
  /** Other origins (front ends) allowed to call the API from a browser. */
  corsOrigins: string[]
  /** The public site, for preview links and live preview in the admin; null hides them. */
  frontendUrl: string | null
  mediaDir: string
  requestBodyLimitBytes: number
  uploadMaxBytes: number
  /** Largest image, in pixels (width × height × frames), that is ever decoded. */
  uploadMaxPixels: number
  shutdownTimeoutMs: number
  trustProxy: boolean | number | string
  /** How often the job runner looks for due work such as scheduled publishing (cron, seconds first). */
  jobsCron: string
  /** Signatures per minute from one address; 0 turns the limit off. */
  signRateLimitPerMinute: number
  /** Login attempts per minute from one address; 0 turns the limit off. */
  loginRateLimitPerMinute: number
  /** Outgoing mail, e.g. smtp://user:pass@mail.example:587; without it no email is sent. */
  smtpUrl: string | null
  emailFrom: string
  emailFromName: string
  /** How long a signer has to follow the confirmation link before the signature expires. */
  signatureConfirmationHours: number
  /** Days after a letter closes before its signatories' emails and IP hashes are erased. */
  signatoryRetentionDays: number
  /**
   * How long an anonymous API response may be reused: by a CDN (s-maxage) and by this
   * process for writes it did not make itself (another instance, a command-line import).
   */
  apiCacheSeconds: number
  /** How long a CDN may serve an expired anonymous response while it fetches a fresh one. */
  apiCacheStaleSeconds: number
  /** Memory for this process's cache of anonymous API responses; 0 turns that cache off. */
  apiCacheMaxBytes: number
  /** Archive mode forced on, whatever site settings say: read-only for all but admins. */
  archiveMode: boolean
  /** Load shedding: how much Payload work each kind of request may ask for at once. */
  lanes: {
    /** Anonymous reads the cache could not answer (REST, GraphQL, the public site). */
    publicReads: { concurrency: number; queue: number }
    /** Requests from signed-in editors, so the admin panel stays usable during an attack. */
    /** `perHolder`: turns one account may have at once. */
    signedIn: { concurrency: number; queue: number; perHolder: number }
    /** Longest wait in a queue before 503. */
    maxWaitMs: number
  }
  /** Each client's budget for anonymous reads the cache could not answer (see rateLimits.ts). */
  missBudget: {
    /** Misses per client per minute; 0 turns this count off. */
    perMinute: number
    /** Milliseconds of Payload's time on them per client per minute; 0 turns it off. */
    timeMsPerMinute: number
    /** How long a refusal waits before it is sent. */
    refusalDelayMs: number
  }
  /** How long an idle keep-alive connection stays open: longer than a load balancer's. */
  keepAliveTimeoutMs: number
  /** Longest time a client may take to send a request's headers. */
  headersTimeoutMs: number
  /** Longest time a client may take to send a whole request, body included. */
  requestTimeoutMs: number
  /** The public website at / (src/app/(site)); false leaves only the API and the admin. */
  publicSite: boolean
  /** Lowest level written to the JSON log: fatal, error, warn, info, debug, trace or silent. */
  logLevel: LogLevel
  /** Bearer token a metrics scraper must present at /metrics; null refuses every scrape. */
  metricsToken: string | null
  /** When the server backs itself up (cron, seconds first); null: only by hand. */
  backupCron: string | null
  /** Where scheduled backups are written, one folder each. */
  backupDir: string
  /** How many scheduled backups are kept; older ones are deleted after a newer one verifies. */
  backupKeep: number
  /** Uploaded files in an S3-compatible bucket instead of MEDIA_DIR; null keeps them on disk. */
  s3: S3Settings | null
  /** Rate limits and cache invalidation shared by every instance; null keeps them in-process. */
  redisUrl: string | null
  /** Put before every Redis key and channel, so several sites can share one Redis. */
  redisKeyPrefix: string
  /** Server processes on this machine (node:cluster); more than 1 needs PostgreSQL. */
  webConcurrency: number
  /** Let webhooks reach private, loopback and link-local addresses (tests, a private network). */
  webhookAllowPrivate: boolean
  /** Retries after a webhook delivery's first attempt fails. */
  webhookRetryAttempts: number
  /** Wait before the first retry; each later one waits twice as long as the one before. */
  webhookRetryDelayMs: number
}

export type S3Settings = {
  bucket: string
  /** An S3-compatible service's address (MinIO, Garage, a hosting company's); none for AWS. */
  endpoint: string | undefined
  region: string
  accessKeyId: string | undefined
  secretAccessKey: string | undefined
  /** bucket.host/key (virtual-hosted, AWS) or host/bucket/key (most self-hosted services). */
  forcePathStyle: boolean
}

export const DEFAULT_DATABASE_URL = 'file:./data/stopsim.db'
export const MIN_SECRET_LENGTH = 32

// Only ever used outside production, so that `npm run dev` works before any .env exists.
const DEVELOPMENT_SECRET = 'stopsim-development-only-secret-never-use-in-production'

type Variables = Record<string, string | undefined>

export function readEnvironment(variables: Variables = process.env): Environment {
  const production = variables.NODE_ENV === 'production'
  const port = readInteger(variables, 'PORT', 3000, { min: 0, max: 65535 })
  const host = variables.HOST?.trim() || '0.0.0.0'
  const serverUrl = readOrigin(variables, 'SERVER_URL') ?? `http://localhost:${port || 3000}`

  return {
    production,
    port,
    host,
    databaseUrl: variables.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL,
    databasePush: readBoolean(variables, 'DATABASE_PUSH', false),
    // `next build` loads the config to collect routes but never signs anything with it.
    payloadSecret: readSecret(
      variables,
      production && variables.NEXT_PHASE !== 'phase-production-build',
    ),
    serverUrl,
    corsOrigins: readOriginList(variables, 'CORS_ORIGINS'),
    frontendUrl: readBaseUrl(variables, 'FRONTEND_URL'),
    mediaDir: path.resolve(/*turbopackIgnore: true*/ variables.MEDIA_DIR?.trim() || 'media'),
    requestBodyLimitBytes: readInteger(variables, 'REQUEST_BODY_LIMIT_BYTES', 2 * 1024 * 1024, {
      min: 1024,
    }),
    uploadMaxBytes: readInteger(variables, 'UPLOAD_MAX_BYTES', 20 * 1024 * 1024, { min: 1024 }),
    uploadMaxPixels: readInteger(variables, 'UPLOAD_MAX_PIXELS', DEFAULT_MAX_PIXELS, {
      min: 1_000_000,
    }),
    shutdownTimeoutMs: readInteger(variables, 'SHUTDOWN_TIMEOUT_MS', 25_000, { min: 0 }),
    trustProxy: readTrustProxy(variables),
    jobsCron: readCron(variables, 'JOBS_CRON', '*/15 * * * * *'),
    signRateLimitPerMinute: readInteger(variables, 'SIGN_RATE_LIMIT_PER_MINUTE', 10, { min: 0 }),
    loginRateLimitPerMinute: readInteger(variables, 'LOGIN_RATE_LIMIT_PER_MINUTE', 20, { min: 0 }),
    smtpUrl: readSmtpUrl(variables),
    emailFrom: variables.EMAIL_FROM?.trim() || `no-reply@${new URL(serverUrl).hostname}`,
    emailFromName: variables.EMAIL_FROM_NAME?.trim() || '#StopSIM',
    signatureConfirmationHours: readInteger(variables, 'SIGNATURE_CONFIRMATION_HOURS', 72, {
      min: 1,
    }),
    signatoryRetentionDays: readInteger(variables, 'SIGNATORY_RETENTION_DAYS', 90, { min: 0 }),
    apiCacheSeconds: readInteger(variables, 'API_CACHE_SECONDS', 10, { min: 0 }),
    apiCacheStaleSeconds: readInteger(variables, 'API_CACHE_STALE_SECONDS', 60, { min: 0 }),
    apiCacheMaxBytes: readInteger(variables, 'API_CACHE_MAX_BYTES', 64 * 1024 * 1024, { min: 0 }),
    archiveMode: readBoolean(variables, 'ARCHIVE_MODE', false),
    lanes: {
      publicReads: {
        concurrency: readInteger(variables, 'PUBLIC_READ_CONCURRENCY', 4, { min: 1 }),
        queue: readInteger(variables, 'PUBLIC_READ_QUEUE', 64, { min: 0 }),
      },
      signedIn: {
        concurrency: readInteger(variables, 'SIGNED_IN_CONCURRENCY', 8, { min: 1 }),
        queue: readInteger(variables, 'SIGNED_IN_QUEUE', 128, { min: 0 }),
        perHolder: readInteger(variables, 'SIGNED_IN_PER_ACCOUNT', 2, { min: 1 }),
      },
      maxWaitMs: readInteger(variables, 'QUEUE_WAIT_MS', 10_000, { min: 1 }),
    },
    missBudget: {
      perMinute: readInteger(variables, 'MISSES_PER_MINUTE', 600, { min: 0 }),
      timeMsPerMinute:
        readInteger(variables, 'MISS_SECONDS_PER_MINUTE', 15, { min: 0, max: 3600 }) * 1000,
      refusalDelayMs: readInteger(variables, 'REFUSAL_DELAY_MS', 500, { min: 0, max: 900 }),
    },
    ...readTimeouts(variables),
    publicSite: readBoolean(variables, 'PUBLIC_SITE', true),
    logLevel: readLogLevel(variables),
    metricsToken: readMetricsToken(variables),
    backupCron: variables.BACKUP_CRON?.trim() ? readCron(variables, 'BACKUP_CRON', '') : null,
    backupDir: path.resolve(/*turbopackIgnore: true*/ variables.BACKUP_DIR?.trim() || 'backups'),
    backupKeep: readInteger(variables, 'BACKUP_KEEP', 7, { min: 1 }),
    s3: readS3(variables),
    redisUrl: readRedisUrl(variables),
    redisKeyPrefix: variables.REDIS_KEY_PREFIX?.trim() || 'stopsim:',
    webConcurrency: readInteger(variables, 'WEB_CONCURRENCY', 1, { min: 1, max: 64 }),
    webhookAllowPrivate: readBoolean(variables, 'WEBHOOK_ALLOW_PRIVATE', false),
    webhookRetryAttempts: readInteger(variables, 'WEBHOOK_RETRY_ATTEMPTS', 11, { min: 0, max: 30 }),
    webhookRetryDelayMs: readInteger(variables, 'WEBHOOK_RETRY_DELAY_MS', 60_000, { min: 100 }),
  }
}

function readTimeouts(variables: Variables) {
  const keepAliveTimeoutMs = readInteger(variables, 'KEEP_ALIVE_TIMEOUT_MS', 65_000, { min: 1000 })
  const headersTimeoutMs = readInteger(variables, 'HEADERS_TIMEOUT_MS', keepAliveTimeoutMs + 1000, {
    min: 1000,
  })
  const requestTimeoutMs = readInteger(variables, 'REQUEST_TIMEOUT_MS', 120_000, { min: 1000 })
  // Node may close a keep-alive connection just as a request arrives on it unless the headers
  // timeout outlasts the keep-alive one; and it refuses a headers timeout above the request's.
  if (headersTimeoutMs <= keepAliveTimeoutMs) {
    throw new ConfigurationError(
      `HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must be greater than KEEP_ALIVE_TIMEOUT_MS (${keepAliveTimeoutMs}).`,
    )
  }
  if (requestTimeoutMs < headersTimeoutMs) {
    throw new ConfigurationError(
      `REQUEST_TIMEOUT_MS (${requestTimeoutMs}) must be at least HEADERS_TIMEOUT_MS (${headersTimeoutMs}).`,
    )
  }
  return { keepAliveTimeoutMs, headersTimeoutMs, requestTimeoutMs }
}

function readLogLevel(variables: Variables): LogLevel {
  const raw = variables.LOG_LEVEL?.trim().toLowerCase()
  if (!raw) return 'info'
  if (!isLogLevel(raw)) {
    throw new ConfigurationError(
      `LOG_LEVEL must be one of fatal, error, warn, info, debug, trace or silent; got "${raw}".`,
    )
  }
  return raw
}

const MIN_METRICS_TOKEN_LENGTH = 24

function readMetricsToken(variables: Variables): string | null {
  const raw = variables.METRICS_TOKEN?.trim()
  if (!raw) return null
  if (raw.length < MIN_METRICS_TOKEN_LENGTH) {
    throw new ConfigurationError(
      `METRICS_TOKEN is too short (${raw.length} characters): use at least ${MIN_METRICS_TOKEN_LENGTH} random characters, e.g. the output of \`openssl rand -hex 24\`.`,
    )
  }
  return raw
}

function readS3(variables: Variables): S3Settings | null {
  const bucket = variables.S3_BUCKET?.trim()
  if (!bucket) return null
  const endpoint = variables.S3_ENDPOINT?.trim() || undefined
  if (endpoint) parseOrigin('S3_ENDPOINT', endpoint)
  const accessKeyId = variables.S3_ACCESS_KEY_ID?.trim() || undefined
  const secretAccessKey = variables.S3_SECRET_ACCESS_KEY?.trim() || undefined
  // Without both, the AWS SDK looks for credentials elsewhere (an instance role, ~/.aws).
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new ConfigurationError(
      'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or neither to use the machine’s own AWS credentials.',
    )
  }
  return {
    bucket,
    endpoint,
    region: variables.S3_REGION?.trim() || 'us-east-1',
    accessKeyId,
    secretAccessKey,
    forcePathStyle: readBoolean(variables, 'S3_FORCE_PATH_STYLE', Boolean(endpoint)),
  }
}

function readRedisUrl(variables: Variables): string | null {
  const raw = variables.REDIS_URL?.trim()
  if (!raw) return null
  if (!/^rediss?:\/\/[^/]/.test(raw)) {
    throw new ConfigurationError(
      `REDIS_URL must start with redis:// or rediss://, e.g. redis://127.0.0.1:6379; got "${raw.replace(/\/\/[^@]*@/, '//***@')}".`,
    )
  }
  return raw
}

function readSecret(variables: Variables, required: boolean): string {
  const secret = variables.PAYLOAD_SECRET?.trim() ?? ''
  if (secret.length >= MIN_SECRET_LENGTH) return secret
  if (required) {
    throw new ConfigurationError(
      secret
        ? `PAYLOAD_SECRET is too short (${secret.length} characters): use at least ${MIN_SECRET_LENGTH} random characters, e.g. the output of \`openssl rand -hex 32\`.`
        : `PAYLOAD_SECRET is not set. In production it must be at least ${MIN_SECRET_LENGTH} random characters, e.g. the output of \`openssl rand -hex 32\`.`,
    )
  }
  return secret || DEVELOPMENT_SECRET
}

function readInteger(
  variables: Variables,
  name: string,
  fallback: number,
  bounds: { min?: number; max?: number } = {},
): number {
  const raw = variables[name]?.trim()
  if (!raw) return fallback
  const value = Number(raw)
  const { min = -Infinity, max = Infinity } = bounds
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `at least ${min}` : `between ${min} and ${max}`
    throw new ConfigurationError(`${name} must be a whole number ${range}; got "${raw}".`)
  }
  return value
}

function readBoolean(variables: Variables, name: string, fallback: boolean): boolean {
  const raw = variables[name]?.trim().toLowerCase()
  if (!raw) return fallback
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true
  if (['0', 'false', 'no', 'off'].includes(raw)) return false
  throw new ConfigurationError(`${name} must be true or false; got "${variables[name]}".`)
}

function parseOrigin(name: string, raw: string): string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ConfigurationError(`${name} must be a URL such as https://example.org; got "${raw}".`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigurationError(`${name} must start with http:// or https://; got "${raw}".`)
  }
  return url.origin
}

function readOrigin(variables: Variables, name: string): string | undefined {
  const raw = variables[name]?.trim()
  return raw ? parseOrigin(name, raw) : undefined
}

/** An http(s) address that may include a path (a site under /campaign/), without the trailing slash. */
function readBaseUrl(variables: Variables, name: string): string | null {
  const raw = variables[name]?.trim()
  if (!raw) return null
  const origin = parseOrigin(name, raw)
  const { pathname } = new URL(raw)
  return `${origin}${pathname.replace(/\/+$/, '')}`
}

function readOriginList(variables: Variables, name: string): string[] {
  const raw = variables[name]?.trim()
  if (!raw) return []
  const origins = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  if (origins.includes('*')) {
    throw new ConfigurationError(
      `${name} cannot be "*": list each front end's origin, separated by commas.`,
    )
  }
  return [...new Set(origins.map((origin) => parseOrigin(name, origin)))]
}

// Behind a reverse proxy the client's address is in X-Forwarded-For; Express only
// believes it when told how many proxies to trust.
function readTrustProxy(variables: Variables): boolean | number | string {
  const raw = variables.TRUST_PROXY?.trim()
  if (!raw) return false
  if (/^\d+$/.test(raw)) return Number(raw)
  if (['true', 'false'].includes(raw.toLowerCase())) return raw.toLowerCase() === 'true'
  return raw
}

function readCron(variables: Variables, name: string, fallback: string): string {
  const raw = variables[name]?.trim()
  if (!raw) return fallback
  const fields = raw.split(/\s+/)
  if (fields.length < 5 || fields.length > 6) {
    throw new ConfigurationError(
      `${name} must be a cron expression of 5 or 6 fields, e.g. "*/15 * * * * *"; got "${raw}".`,
    )
  }
  return raw
}

function readSmtpUrl(variables: Variables): string | null {
  const raw = variables.SMTP_URL?.trim()
  if (!raw) return null
  if (!/^smtps?:\/\//.test(raw)) {
    throw new ConfigurationError(
      'SMTP_URL must start with smtp:// or smtps://, e.g. smtp://user:password@mail.example:587',
    )
  }
  return raw
}
