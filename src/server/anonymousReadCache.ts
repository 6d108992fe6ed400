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

/**
 * Anonymous API responses, kept in this process until a write changes what they show (see
 * src/readCache) or for `seconds`, whichever comes first (then refreshed by one request while
 * the others are still given it, for at most `staleSeconds`). Only what an anonymous client was
 * sent may be stored here: callers never pass a key for a request that carries credentials.
 *
 * Entries are stored under the canonical key of their question; the exact spelling of each
 * request that filled one is remembered too, so that a repeat is found without working the
 * question out again.
 */
export class AnonymousReadCache {
  private readonly entries: LRUCache<string, Prepared> | undefined
  private readonly spellings = new LRUCache<string, string>({ max: MAX_SPELLINGS })
  private readonly inFlight = new Map<string, Flight>()
  private readonly cacheControl: string
  private readonly maxEntryBytes: number
  private readonly freshMs: number

  constructor({ maxBytes, seconds, staleSeconds }: ReadCacheOptions) {
    this.cacheControl =
      seconds > 0
        ? `public, max-age=0, s-maxage=${seconds}, stale-while-revalidate=${staleSeconds}`
        : 'no-cache'
    this.freshMs = seconds * 1000
    // Larger responses are still sent, just not kept: a few of them must not evict the rest.
    this.maxEntryBytes = Math.max(1024 * 1024, Math.floor(maxBytes / 8))
    if (maxBytes > 0 && seconds > 0) {
      const entries = new LRUCache<string, Prepared>({
        maxSize: maxBytes,
        sizeCalculation: (entry, key) =>
          entry.identity.body.length +
          (entry.gzip?.body.length ?? 0) +
          key.length +
          ENTRY_OVERHEAD_BYTES,
        // Kept past its time for as long as a CDN may serve it stale: see serveOrWait.
        ttl: (seconds + staleSeconds) * 1000,
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
        const plain = prepare({}, body, false, options.tags, 0, options.acceptsGzip)
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
