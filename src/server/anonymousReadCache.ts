import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'

import crypto from 'node:crypto'
import zlib from 'node:zlib'

import { LRUCache } from 'lru-cache'

import { changedSince, EVERYTHING, onWrite, writeGeneration } from '../readCache/writes'
import { holdResponse, type Reply, replyTo } from './heldResponse'

export type ReadCacheOptions = {
  /** Memory for stored responses; 0 stores nothing (headers for CDNs are still sent). */
  maxBytes: number
  /** s-maxage for CDNs, and how long this process reuses a response; 0 stores nothing. */
  seconds: number
  /** stale-while-revalidate for CDNs. */
  staleSeconds: number
}

type Variant = { headers: OutgoingHttpHeaders; body: Buffer; etag: string | undefined }
/** A response being read from Payload that others asking the same may wait for. */
type Flight = {
  generation: number
  tags: ReadonlySet<string>
  landed: Promise<void>
  land: () => void
}
type Prepared = {
  identity: Variant
  gzip: Variant | undefined
  cacheControl: string | undefined
  tags: ReadonlySet<string>
  /** After this (ms since the epoch) the entry is only served while it is being refreshed. */
  freshUntil: number
  /** After this (ms since the epoch) the entry is gone. */
  expiresAt: number
}

export type CaptureOptions = {
  /** Where to store the response; none for responses that are only to be sent. */
  key: string | undefined
  /** The request exactly as sent, remembered as another name for `key`. */
  spelling?: string
  /** What the response shows (see src/readCache/dependencies.ts). */
  tags: ReadonlySet<string>
  /** GET, where ETag, 304 and Cache-Control apply (not GraphQL's POST). */
  conditional: boolean
  graphql: boolean
  acceptsGzip: boolean
  /**
   * A public site page (HTML, XML or text) rather than JSON. Next.js marks every dynamically
   * drawn page private, no-store; for an anonymous reader the page is public, so that mark is
   * replaced by the cache's own Cache-Control.
   */
  page?: boolean
}

const JSON_TYPE = /^application\/(graphql-response\+)?json\b/
const PAGE_TYPE = /^(text\/html|text\/plain|application\/(atom\+)?xml)\b/

/** What a response's contents depend on besides the URL, for caches in front of this one. */
const VARY = ['Origin', 'Authorization', 'Cookie', 'Accept-Encoding']
// Keys, header objects and the LRU's own bookkeeping, roughly, per stored response.
const ENTRY_OVERHEAD_BYTES = 1024
// Below this, compressing saves less than the headers it adds.
const GZIP_MIN_BYTES = 1024
// A request waiting for another's answer goes to Payload itself after this, whatever happens.
const LONGEST_WAIT_MS = 5_000
// Spellings remembered: a repeated request is then found without parsing its query again.
const MAX_SPELLINGS = 10_000
// The share of each cache that answers asked for only once may take (see SegmentedLru).
const PROBATION_SHARE = 0.2
// Keys of often-asked answers that a write dropped, remembered so that the answer read again
// after the write goes straight back among the often-asked.
const MAX_GHOSTS = 1024

/**
 * Anonymous API responses, kept in this process until a write changes what they show (see
 * src/readCache) or for `seconds`, whichever comes first (then refreshed by one request while
 * the others are still given it, for at most `staleSeconds`). Only what an anonymous client was
 * sent may be stored here: callers never pass a key for a request that carries credentials.
 *
 * Entries are stored under the canonical key of their question; the exact spelling of each
 * request that filled one is remembered too, so that a repeat is found without working the
 * question out again. Both resist a flood of questions asked once (a cache-busting attack):
 * see SegmentedLru.
 */
export class AnonymousReadCache {
  private readonly entries: SegmentedLru<Prepared> | undefined
  private readonly spellings = new SegmentedLru<string>({ max: MAX_SPELLINGS })
  private readonly inFlight = new Map<string, Flight>()
  private readonly cacheControl: string
  private readonly maxEntryBytes: number
  private readonly freshMs: number
  private readonly keptMs: number

  constructor({ maxBytes, seconds, staleSeconds }: ReadCacheOptions) {
    this.cacheControl =
      seconds > 0
        ? `public, max-age=0, s-maxage=${seconds}, stale-while-revalidate=${staleSeconds}`
        : 'no-cache'
    this.freshMs = seconds * 1000
    // Kept past its time for as long as a CDN may serve it stale: see serveOrWait.
    this.keptMs = (seconds + staleSeconds) * 1000
    // Larger responses are still sent, just not kept: a few of them must not evict the rest.
    this.maxEntryBytes = Math.max(1024 * 1024, Math.floor(maxBytes / 8))
    if (maxBytes > 0 && seconds > 0) {
      const entries = new SegmentedLru<Prepared>({
        maxSize: maxBytes,
        sizeOf: (entry, key) =>
          entry.identity.body.length +
          (entry.gzip?.body.length ?? 0) +
          key.length +
          ENTRY_OVERHEAD_BYTES,
        expiresAt: (entry) => entry.expiresAt,
      })
      onWrite((tags) => {
        const all = tags.has(EVERYTHING)
        for (const [key, entry] of entries.entries()) {
          if (all || entry.tags.has(EVERYTHING) || [...entry.tags].some((tag) => tags.has(tag))) {
            entries.delete(key)
          }
        }
      })
      this.entries = entries
    }
  }

  /** The key a request spelt exactly so was last stored under, if any. */
  keyOf(spelling: string): string | undefined {
    return this.spellings.get(spelling)
  }

  /** Answers from the cache and returns true, or returns false when nothing is stored. */
  serve(key: string, req: IncomingMessage, res: ServerResponse, acceptsGzip: boolean): boolean {
    const stored = this.entries?.get(key)
    if (!stored) return false
    send(stored, 200, req, acceptsGzip, 'HIT', (status, headers, body) =>
      res.writeHead(status, headers).end(body),
    )
    return true
  }

  /**
   * Answers from the cache only when its stored answer is fresh (not past its time, so no one
   * need refresh it), adding `headers`, and returns true; otherwise returns false and sends
   * nothing. For cache hits answered before Express (see earlyAnswers.ts).
   */
  sendFresh(
    key: string,
    req: IncomingMessage,
    res: ServerResponse,
    acceptsGzip: boolean,
    headers: OutgoingHttpHeaders,
  ): boolean {
    const stored = this.entries?.get(key)
    if (!stored || Date.now() > stored.freshUntil) return false
    send(stored, 200, req, acceptsGzip, 'HIT', (status, own, body) =>
      res.writeHead(status, { ...headers, ...own }).end(body),
    )
    return true
  }

  /**
   * As `serve`, but when the same request is already being answered by Payload (the moment
   * after a write has dropped the answer, in a spike), waits for that answer instead of asking
   * Payload again: one query per write, not one per reader. An answer past its time (only ever
   * dropped for its age, never for a write) is served while one request refreshes it, so that
   * readers do not all wait at the moment it expires. Returns false when there is nothing to
   * serve, and the caller asks Payload itself.
   */
  async serveOrWait(
    key: string,
    req: IncomingMessage,
    res: ServerResponse,
    acceptsGzip: boolean,
  ): Promise<boolean> {
    const stored = this.entries?.get(key)
    const flight = this.inFlight.get(key)
    // One that began before a write to what it shows may bring back what that write changed.
    const refreshing = flight !== undefined && !changedSince(flight.tags, flight.generation)
    if (stored && (refreshing || Date.now() <= stored.freshUntil)) {
      return this.serve(key, req, res, acceptsGzip)
    }
    if (!refreshing) return false
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      flight.landed,
      new Promise((resolve) => (timer = setTimeout(resolve, LONGEST_WAIT_MS))),
    ])
    clearTimeout(timer)
    return this.serve(key, req, res, acceptsGzip)
  }

  /**
   * Holds back the response that Next.js is about to write, stores it if it may be reused, and
   * sends it: compressed if the client accepts it, or a 304 when the client already has it.
   * The request must reach Next.js without Accept-Encoding, so that what is held is plain.
   */
  capture(req: IncomingMessage, res: ServerResponse, options: CaptureOptions): void {
    holdResponse(res, this.maxEntryBytes, this.begin(req, res, options))
  }

  /**
   * Sends Payload's answer to a REST request (see src/server/payloadRest.ts), storing it if it
   * may be reused, as `capture` does for what Next.js writes.
   */
  async deliver(
    req: IncomingMessage,
    res: ServerResponse,
    options: CaptureOptions,
    answer: () => Promise<Response>,
  ): Promise<void> {
    const finish = this.begin(req, res, options)
    const response = await answer()
    for (const [name, value] of response.headers) {
      if (name !== 'set-cookie') res.setHeader(name, value)
    }
    const cookies = response.headers.getSetCookie()
    if (cookies.length) res.setHeader('set-cookie', cookies)
    res.statusCode = response.status
    finish(Buffer.from(await response.arrayBuffer()), replyTo(res))
  }

  /**
   * Called before the answer is asked for: what was written since must not be stored with it.
   * Returns what to do with the answer once it is there.
   */
  private begin(
    req: IncomingMessage,
    res: ServerResponse,
    options: CaptureOptions,
  ): (body: Buffer, reply: Reply) => void {
    const generation = writeGeneration()
    const before = new Set(res.getHeaderNames())
    const flight =
      options.key === undefined ? undefined : this.takeOff(options.key, options.tags, generation)
    // However the response ends (stored, refused, failed, abandoned), no one waits on.
    if (flight) res.once('close', flight.land)
    return (body, reply) => {
      if (options.page && /\bprivate\b/.test(String(res.getHeader('cache-control')))) {
        res.removeHeader('cache-control')
      }
      const result = options.graphql ? parseJson(body) : undefined
      // A response without data is a request error (a query over maxComplexity, say): GraphQL
      // over HTTP sends those as 200 when the client accepts application/json, but a refusal
      // must read as one.
      // A refusal already made here (429 over the miss budget, 503 when shedding) keeps its status.
      if (isGraphqlRequestError(result) && res.statusCode < 400) res.statusCode = 400
      const storable = options.key !== undefined && this.mayStore(res, body, options, result)
      if (!storable) {
        const plain = prepare({}, body, false, options.tags, 0, 0, options.acceptsGzip)
        send(plain, res.statusCode, req, options.acceptsGzip, undefined, reply)
        return
      }
      if (options.conditional) res.setHeader('Cache-Control', this.cacheControl)
      res.setHeader('Vary', mergeVary(res.getHeader('vary')))
      const headers: OutgoingHttpHeaders = {}
      for (const name of res.getHeaderNames()) {
        if (!before.has(name)) headers[name] = res.getHeader(name)
      }
      // Compressed now for every later reader when it is kept, otherwise only for this one.
      const kept = this.entries !== undefined
      const prepared = prepare(
        headers,
        body,
        options.conditional,
        options.tags,
        this.freshMs,
        this.keptMs,
        kept || options.acceptsGzip,
      )
      // A write that began while this response was being read may not be in it.
      if (kept && !changedSince(options.tags, generation)) {
        this.entries!.set(options.key!, prepared)
        if (options.spelling !== undefined) this.spellings.set(options.spelling, options.key!)
      }
      flight?.land()
      send(prepared, 200, req, options.acceptsGzip, 'MISS', reply)
    }
  }

  private takeOff(key: string, tags: ReadonlySet<string>, generation: number): Flight | undefined {
    if (!this.entries) return undefined
    let land = () => {}
    const landed = new Promise<void>((resolve) => (land = resolve))
    const flight: Flight = {
      generation,
      tags,
      landed,
      land: () => {
        land()
        if (this.inFlight.get(key) === flight) this.inFlight.delete(key)
      },
    }
    this.inFlight.set(key, flight)
    return flight
  }

  private mayStore(
    res: ServerResponse,
    body: Buffer,
    { graphql, page }: CaptureOptions,
    result: unknown,
  ): boolean {
    if (res.statusCode !== 200 || res.hasHeader('set-cookie') || res.hasHeader('cache-control')) {
      return false
    }
    if (!(page ? PAGE_TYPE : JSON_TYPE).test(String(res.getHeader('content-type')))) {
      return false
    }
    if (body.length > this.maxEntryBytes) return false
    // A GraphQL error (a timeout, say) is answered with 200 too; it must not be repeated.
    return !graphql || (isObject(result) && !('errors' in result))
  }
}

function prepare(
  headers: OutgoingHttpHeaders,
  body: Buffer,
  conditional: boolean,
  tags: ReadonlySet<string>,
  freshMs: number,
  keptMs: number,
  compress: boolean,
): Prepared {
  const etag = conditional ? etagOf(body) : undefined
  const identity: Variant = {
    headers: { ...headers, 'content-length': body.length, ...(etag ? { etag } : {}) },
    body,
    etag,
  }
  let gzip: Variant | undefined
  if (compress && body.length >= GZIP_MIN_BYTES) {
    const compressed = zlib.gzipSync(body)
    // Each encoding is its own representation, so it has its own entity tag.
    const gzipEtag = etag && `${etag.slice(0, -1)}-gz"`
    gzip = {
      headers: {
        ...headers,
        'content-encoding': 'gzip',
        'content-length': compressed.length,
        ...(gzipEtag ? { etag: gzipEtag } : {}),
      },
      body: compressed,
      etag: gzipEtag,
    }
  }
  return {
    identity,
    gzip,
    cacheControl: headers['cache-control'] as string | undefined,
    tags,
    freshUntil: Date.now() + freshMs,
    expiresAt: Date.now() + keptMs,
  }
}

type SegmentedLruOptions<V> =
  | { max: number; maxSize?: undefined; sizeOf?: undefined; expiresAt?: (value: V) => number }
  | {
      max?: undefined
      maxSize: number
      sizeOf: (value: V, key: string) => number
      expiresAt?: (value: V) => number
    }

/**
 * A segmented LRU (Karedla, Love and Wherry, 1994): what is stored goes first into a small
 * probation segment, and only a second request for it moves it into the protected segment,
 * where the least recently used are moved back to probation rather than dropped. A flood of
 * questions asked once (a cache-busting attack, a crawler) then only ever evicts other answers
 * asked once, never the ones readers keep asking for; a plain LRU lets each one-off answer push
 * the oldest popular one out.
 *
 * Made of two lru-cache instances because lru-cache (kept for its byte sizes and expiry) has
 * no admission policy of its own, and no well-kept npm package offers one with sizes in bytes
 * and expiry per entry (mnemonist, @neophi/sieve-cache and the LFU packages have neither). A
 * TinyLFU frequency sketch would also stop an attacker who asks each question twice, at the
 * cost of much more code here; a client's miss budget (rateLimits.ts) already bounds that.
 */
export class SegmentedLru<V extends object | string> {
  private readonly probation: LRUCache<string, V>
  private readonly hot: LRUCache<string, V>
  private readonly ghosts = new LRUCache<string, true>({ max: MAX_GHOSTS })
  private readonly expiresAt: ((value: V) => number) | undefined

  constructor(options: SegmentedLruOptions<V>) {
    this.expiresAt = options.expiresAt
    const part = (share: number) => (total: number) => Math.max(1, Math.floor(total * share))
    const segment = (
      share: number,
      demote?: (value: V, key: string, reason: LRUCache.DisposeReason) => void,
    ) =>
      options.maxSize !== undefined
        ? new LRUCache<string, V>({
            maxSize: part(share)(options.maxSize),
            sizeCalculation: options.sizeOf,
            disposeAfter: demote,
          })
        : new LRUCache<string, V>({ max: part(share)(options.max), disposeAfter: demote })
    this.probation = segment(PROBATION_SHARE)
    // Called after the set that evicted it has finished, so never inside lru-cache's own work.
    this.hot = segment(1 - PROBATION_SHARE, (value, key, reason) => {
      if (reason === 'evict') this.store(this.probation, key, value)
    })
  }

  get(key: string): V | undefined {
    const hot = this.hot.get(key)
    if (hot !== undefined) return hot
    const value = this.probation.get(key)
    if (value === undefined) return undefined
    // Asked for again: no longer a one-off.
    this.probation.delete(key)
    this.store(this.hot, key, value)
    return value
  }

  set(key: string, value: V): void {
    // A refreshed answer keeps its place; one that a write dropped goes back where it was.
    if (this.hot.has(key) || this.ghosts.delete(key)) {
      this.probation.delete(key)
      this.store(this.hot, key, value)
    } else {
      this.store(this.probation, key, value)
    }
  }

  delete(key: string): void {
    if (this.hot.delete(key)) this.ghosts.set(key, true)
    else this.probation.delete(key)
  }

  /** Every entry, hot first; entries may be deleted while this runs. */
  *entries(): Generator<[string, V]> {
    yield* this.hot.entries()
    yield* this.probation.entries()
  }

  private store(segment: LRUCache<string, V>, key: string, value: V): void {
    const ttl = this.expiresAt ? this.expiresAt(value) - Date.now() : 0
    if (this.expiresAt && ttl <= 0) return
    segment.set(key, value, { ttl })
  }
}

function send(
  prepared: Prepared,
  status: number,
  req: IncomingMessage,
  acceptsGzip: boolean,
  cacheStatus: 'HIT' | 'MISS' | undefined,
  reply: Reply,
): void {
  const variant = (acceptsGzip && prepared.gzip) || prepared.identity
  const xCache = cacheStatus ? { 'x-cache': cacheStatus } : {}
  if (variant.etag && matchesEtag(req.headers['if-none-match'], variant.etag)) {
    const { etag, vary } = variant.headers
    reply(304, { etag, vary, 'cache-control': prepared.cacheControl, ...xCache })
    return
  }
  reply(status, { ...variant.headers, ...xCache }, req.method === 'HEAD' ? undefined : variant.body)
}

const etagOf = (body: Buffer) => `"${crypto.createHash('sha1').update(body).digest('base64url')}"`

/** If-None-Match uses the weak comparison: W/"x" matches "x". */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false
  if (header.trim() === '*') return true
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag)
}

function mergeVary(current: number | string | string[] | undefined): string {
  const values = (Array.isArray(current) ? current.join(',') : String(current ?? ''))
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean)
  const seen = new Set(values.map((value) => value.toLowerCase()))
  return [...values, ...VARY.filter((value) => !seen.has(value.toLowerCase()))].join(', ')
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isGraphqlRequestError = (result: unknown) =>
  isObject(result) && 'errors' in result && !('data' in result)

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'))
  } catch {
    return undefined
  }
}
