import type { Store } from 'express-rate-limit'

import crypto from 'node:crypto'
import { RedisStore } from 'rate-limit-redis'
import { createClient } from 'redis'

type Logger = {
  info: (message: string) => void
  warn: (message: string) => void
}

const CONNECT_TIMEOUT_MS = 5_000
// An outage is reported once, not at every reconnection attempt.
const OUTAGE_LOG_INTERVAL_MS = 60_000

const openClient = (url: string) =>
  createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000),
    },
  })

type RedisConnection = ReturnType<typeof openClient>

export type SharedState = {
  /** A rate-limit counter kept in Redis, so every instance counts the same hits. */
  rateLimitStore: (name: string) => Store
  /**
   * Tells every other instance about this instance's writes (their tags: what they changed),
   * and calls `onRemoteWrite` when another instance tells of one; without tags when notices may
   * have been missed. Returns a function that stops both.
   */
  shareWrites: (hooks: {
    onLocalWrite: (listener: (tags: ReadonlySet<string>) => void) => () => void
    onRemoteWrite: (tags?: string[]) => void
  }) => Promise<() => void>
  close: () => Promise<void>
}

/**
 * Connects to Redis for the state several instances must share. Commands fail at once while
 * Redis is unreachable (no offline queue): a request is never held waiting for it, and the
 * rate limiters let requests through rather than refuse everyone (see rateLimitStore).
 */
export async function connectSharedState(
  url: string,
  keyPrefix: string,
  logger: Logger,
): Promise<SharedState> {
  const client = openClient(url)
  watchErrors(client, 'Redis', logger)
  await connectOrFail(client)
  const instanceId = crypto.randomUUID()
  const channel = `${keyPrefix}writes`
  const subscribers: RedisConnection[] = []

  return {
    rateLimitStore: (name) =>
      new RedisStore({
        prefix: `${keyPrefix}limit:${name}:`,
        sendCommand: (...args: string[]) => client.sendCommand(args),
      }),

    shareWrites: async ({ onLocalWrite, onRemoteWrite }) => {
      const subscriber = client.duplicate()
      subscribers.push(subscriber)
      watchErrors(subscriber, 'Redis subscriber', logger)
      await connectOrFail(subscriber)
      await subscriber.subscribe(channel, (message) => {
        const notice = readNotice(message)
        // A notice it cannot read could have been anything: drop everything.
        if (!notice) onRemoteWrite()
        else if (notice.sender !== instanceId) onRemoteWrite(notice.tags)
      })
      // Messages published while this instance was cut off are lost: whatever it kept from
      // before may be stale, so it starts afresh whenever the subscription comes back.
      const startAfresh = () => onRemoteWrite()
      subscriber.on('ready', startAfresh)
      const stop = onLocalWrite((tags) => {
        const notice: WriteNotice = { sender: instanceId, tags: [...tags] }
        client.publish(channel, JSON.stringify(notice)).catch(() => {
          // Logged by watchErrors; readers elsewhere fall back on API_CACHE_SECONDS.
        })
      })
      return () => {
        stop()
        subscriber.off('ready', startAfresh)
      }
    },

    close: async () => {
      for (const connection of [...subscribers, client]) {
        await connection.close().catch(() => {})
      }
    },
  }
}

type WriteNotice = { sender: string; tags: string[] }

function readNotice(message: string): WriteNotice | undefined {
  try {
    const notice = JSON.parse(message) as Partial<WriteNotice>
    if (typeof notice.sender !== 'string' || !Array.isArray(notice.tags)) return undefined
    if (!notice.tags.every((tag) => typeof tag === 'string')) return undefined
    return { sender: notice.sender, tags: notice.tags }
  } catch {
    return undefined
  }
}

async function connectOrFail(client: RedisConnection): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      client.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`)),
          CONNECT_TIMEOUT_MS,
        )
      }),
    ])
  } catch (error) {
    client.destroy()
    throw new Error(
      `cannot connect to Redis at REDIS_URL (${(error as Error).message}); start Redis, or unset REDIS_URL to run a single instance without it.`,
      { cause: error },
    )
  } finally {
    clearTimeout(timer)
  }
}

function watchErrors(client: RedisConnection, what: string, logger: Logger): void {
  let lastReported = 0
  let down = false
  client.on('error', (error: Error) => {
    down = true
    if (Date.now() - lastReported < OUTAGE_LOG_INTERVAL_MS) return
    lastReported = Date.now()
    logger.warn(`${what} unavailable (${error.message}); retrying`)
  })
  client.on('ready', () => {
    if (!down) return
    down = false
    lastReported = 0
    logger.info(`${what} connection restored`)
  })
}
