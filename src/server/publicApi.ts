import type { IncomingMessage, ServerResponse } from 'node:http'

import type { Request, RequestHandler, Response as ExpressResponse } from 'express'
import { formatNames, type SanitizedConfig } from 'payload'

import { type DocumentNode, print } from 'graphql'
import onHeaders from 'on-headers'

import { EVERYTHING } from '../readCache/writes'
import {
  AnonymousReadCache,
  type CaptureOptions,
  type ReadCacheOptions,
} from './anonymousReadCache'
import { parseQuery, type Questions, stableJson } from './apiQuestion'
import type { Credentials } from './credentials'
import {
  authOperationsProblem,
  type GraphqlRequest,
  graphqlCostProblem,
  graphqlPageSizeProblem,
  inspectGraphql,
  unavailableFieldProblem,
} from './graphqlLimits'
import type { HitAnswer } from './earlyAnswers'
import { sendHeadersOnly } from './payloadRest'
import { readBody } from './requestBody'
import { type Reader, restQueryProblem, restQueryShapeProblem } from './restLimits'

// A cached GraphQL answer is keyed by the whole request body.
export const MAX_KEYED_BODY_BYTES = 16 * 1024
const SHOWS_ANYTHING: ReadonlySet<string> = new Set([EVERYTHING])
const SHOWS_NOTHING: ReadonlySet<string> = new Set()

type Options = {
  cache: ReadCacheOptions
  /** Asks Payload's REST handler (see payloadRest). */
  rest: (req: Request) => Promise<Response>
  questions: Questions
  credentials: Credentials
  corsOrigins: readonly string[]
  /** GraphQL operations Payload offers that can only fail: see unavailableGraphqlFields. */
  unavailableGraphql: ReadonlyMap<string, string>
  /** GraphQL operations that check a password or send an email: see authGraphqlFields. */
  authGraphql: ReadonlySet<string>
  /** What a GraphQL document would cost Payload to answer: see graphqlCostEstimator. */
  graphqlCost: (document: DocumentNode, variables: GraphqlRequest['variables']) => number
}

/** What publicApi leaves on res.locals for the handler that passes the request on to Payload. */
export type Handover = {
  /** The body, when this middleware has read it: Next.js must be handed a copy holding it. */
  body?: Buffer
  /** A read (a GraphQL query, a GET by method override) sent as a POST. */
  read?: boolean
  /** Asks Payload for the answer and sends it, when Next.js is not needed to (REST reads). */
  answer?: () => Promise<void>
}

/**
 * The public API's front door, before Next.js: answers anonymous reads (REST GET, GraphQL
 * queries) from an in-process cache, and refuses oversized pages, deep population and
 * GraphQL floods with a 400 before Payload does any work. Whatever it does not answer goes on
 * to the next handler, with what it learnt in `res.locals` (see Handover): for a REST read,
 * how to ask Payload's REST handler directly (see payloadRest) and send or keep its answer;
 * for anything else, Next.js is asked, and what it writes is held back when it may be kept.
 *
 * "Anonymous" for the cache means no credentials at all. For the limits it means whatever
 * Payload does not sign in: a request with an expired token meets the anonymous limits.
 */
export function publicApi({
  cache: cacheOptions,
  rest,
  questions,
  credentials,
  corsOrigins,
  unavailableGraphql,
  authGraphql,
  graphqlCost,
}: Options): { middleware: RequestHandler; answerHit: HitAnswer } {
  const cache = new AnonymousReadCache(cacheOptions)
  const allowedOrigins = new Set(corsOrigins)
  // Payload adds Access-Control-Allow-Origin only for these, so only they make responses differ.
  const originKey = (req: IncomingMessage) => {
    const origin = req.headers.origin
    return origin && allowedOrigins.has(origin) ? origin : ''
  }
  // A request exactly as sent: the name a repeat of it is found by, before anything is parsed.
  const getSpelling = (req: IncomingMessage) => `GET ${originKey(req)} ${req.url}`
  const postSpelling = (req: IncomingMessage, body: Buffer) =>
    `POST ${originKey(req)} ${req.headers.accept ?? ''} ${body.toString('utf8')}`

  /**
   * What to refuse the request for, if anything: the anonymous limits apply unless Payload
   * signs the caller in, which is only asked when they would refuse it.
   */
  const problemOf = async (
    req: IncomingMessage,
    anonymous: boolean,
    problemFor: (reader: Reader) => string | undefined,
    isGraphQL = false,
  ): Promise<string | undefined> => {
    const problem = problemFor('anonymous')
    if (!problem || anonymous) return problem
    return (await credentials.accepted(req.headers, isGraphQL)) ? problemFor('signedIn') : problem
  }

  const refuse = (
    req: IncomingMessage,
    res: ServerResponse,
    message: string,
    graphql = false,
    status = 400,
  ) => {
    const origin = originKey(req)
    const body = JSON.stringify({
      errors: [{ message, ...(graphql ? { extensions: { statusCode: status } } : {}) }],
    })
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
      // As Payload would, so a front end on another origin can read the reason.
      ...(origin
        ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' }
        : {}),
    })
    res.end(body)
  }

  const middleware: RequestHandler = async (req, res, next) => {
    const url = apiUrl(req.url)
    if (!url) return next()
    const { pathname: path, search } = url
    const handover = res.locals as Handover
    const anonymous = !credentials.carried(req.headers)
    const acceptsGzip = acceptsGzipOf(req)
    // What is held must be the plain body; it is compressed once, when stored.
    const hold = (
      key: string | undefined,
      spelling: string,
      tags: ReadonlySet<string>,
      graphql: boolean,
    ) => {
      delete req.headers['accept-encoding']
      cache.capture(req, res, { key, spelling, tags, conditional: !graphql, graphql, acceptsGzip })
    }
    if (!anonymous) {
      // A CDN must neither keep a signed-in answer nor give a kept anonymous one to this client.
      onHeaders(res, () => {
        if (!res.hasHeader('cache-control')) res.setHeader('Cache-Control', 'private, no-store')
      })
    }

    // Before anything is looked up or kept under it. A preflight is left to pass, so that the
    // client can read why.
    const idProblem = req.method === 'OPTIONS' ? undefined : questions.idProblem(path)
    if (idProblem) return refuse(req, res, idProblem, false, 404)

    if (req.method === 'GET' || req.method === 'HEAD') {
      const origin = originKey(req)
      const spelling = getSpelling(req)
      const known = anonymous ? cache.keyOf(spelling) : undefined
      if (known !== undefined && (await cache.serveOrWait(known, req, res, acceptsGzip))) return
      // Parsed once, as Payload parses it, for the key and the limits alike; only when this
      // spelling was not seen before, or its answer has gone.
      const query = parseQuery(search)
      const question = anonymous ? questions.of(path, query) : undefined
      const key = question && `GET ${origin} ${question.key}`
      if (key !== undefined && (await cache.serveOrWait(key, req, res, acceptsGzip))) return
      const problem = await problemOf(req, anonymous, (reader) => restQueryProblem(query, reader))
      if (problem) return refuse(req, res, problem)
      if (isFileDownload(path)) {
        // Payload's file route answers GET only, and Next.js hands it a HEAD as it came (a 404):
        // a HEAD is sent the GET's status and headers.
        if (req.method === 'HEAD') {
          handover.answer = () => sendHeadersOnly(res, rest(req)).catch(answerFailed(res))
        }
        return next()
      }
      if (questions.answeredByPayload(path)) {
        // Signed-in answers are only sent, as Next.js sent them: uncompressed, never kept.
        const options: CaptureOptions = question
          ? { key, spelling, tags: question.tags, conditional: true, graphql: false, acceptsGzip }
          : {
              key: undefined,
              tags: SHOWS_NOTHING,
              conditional: false,
              graphql: false,
              acceptsGzip: false,
            }
        handover.answer = () =>
          cache.deliver(req, res, options, () => rest(req)).catch(answerFailed(res))
      } else if (question && req.method === 'GET') {
        hold(key, spelling, question.tags, false)
      }
      return next()
    }

    if (req.method === 'POST' && path === '/api/graphql') {
      if (!isJson(req.headers['content-type'])) return next()
      // Read already when refuseNulCharacters looked at it.
      const body = handover.body ?? (await readBody(req))
      handover.body = body
      const origin = originKey(req)
      const spelling = postSpelling(req, body)
      const known = anonymous ? cache.keyOf(spelling) : undefined
      if (known !== undefined && (await cache.serveOrWait(known, req, res, acceptsGzip))) return
      let parsed: unknown
      try {
        parsed = JSON.parse(body.toString('utf8'))
      } catch {
        // Payload would answer this with a 500.
        return refuse(req, res, 'The request body is not valid JSON.', true)
      }
      const request = graphqlRequestFrom(parsed)
      if (!request) return next()
      const inspected = inspectGraphql(request)
      if ('problem' in inspected) return refuse(req, res, inspected.problem, true)
      const { document, operation } = inspected
      if (document) {
        const unavailableProblem = unavailableFieldProblem(document, unavailableGraphql)
        if (unavailableProblem) return refuse(req, res, unavailableProblem, true)
        const authProblem = authOperationsProblem(document, authGraphql)
        if (authProblem) return refuse(req, res, authProblem, true)
      }
      handover.read = operation === 'query'
      // The same question however it is laid out: the parsed document, printed.
      const key =
        document &&
        `POST ${origin} ${req.headers.accept ?? ''} ${print(document)} ${stableJson(request.variables ?? {})} ${request.operationName ?? ''}`
      if (anonymous && key && (await cache.serveOrWait(key, req, res, acceptsGzip))) return
      if (document) {
        const problem = await problemOf(
          req,
          anonymous,
          (reader) => graphqlPageSizeProblem(document, request.variables, reader),
          true,
        )
        if (problem) return refuse(req, res, problem, true)
        const costProblem = graphqlCostProblem(graphqlCost(document, request.variables))
        if (costProblem) return refuse(req, res, costProblem, true)
      }
      // Every GraphQL response is held, so that a refusal by Payload's own validation
      // (maxComplexity) is sent as a 400 too; anonymous queries are also stored, unless the
      // query is so long that its key would outweigh the answer.
      const storable = anonymous && operation === 'query' && body.length <= MAX_KEYED_BODY_BYTES
      const tags = document
        ? questions.graphqlTags(document, request.operationName, request.variables)
        : SHOWS_ANYTHING
      hold(storable ? key : undefined, spelling, tags, true)
      return next()
    }

    if (req.method !== 'POST' || !overridesToGet(req)) {
      // Writes read `where` (bulk changes) and the rest of the query string too.
      const shape = restQueryShapeProblem(search)
      if (shape) return refuse(req, res, shape)
    }

    // Payload reads a POST with this header as a GET whose query string is the form body.
    if (req.method === 'POST' && overridesToGet(req)) {
      handover.read = true
      const urlProblem = await problemOf(req, anonymous, (reader) =>
        restQueryProblem(search, reader),
      )
      if (urlProblem) return refuse(req, res, urlProblem)
      if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
        return next()
      }
      // Read already when refuseNulCharacters looked at it.
      const body = handover.body ?? (await readBody(req))
      handover.body = body
      const form = body.toString('utf8')
      const problem = await problemOf(req, anonymous, (reader) => restQueryProblem(form, reader))
      if (problem) return refuse(req, res, problem)
      return next()
    }
    next()
  }

  // Spellings are only ever remembered for requests under /api/ whose path was already in
  // canonical form (see canonicalPath): one spelt otherwise is never found, and goes on.
  const answerHit: HitAnswer = (req, res, { headers, body, evenStale }) => {
    const spelling =
      req.method === 'GET' || req.method === 'HEAD'
        ? getSpelling(req)
        : body && req.method === 'POST' && isJson(req.headers['content-type'])
          ? postSpelling(req, body)
          : undefined
    const key = spelling === undefined ? undefined : cache.keyOf(spelling)
    return (
      key !== undefined &&
      cache.sendStored(key, req, res, { acceptsGzip: acceptsGzipOf(req), headers, evenStale })
    )
  }

  return { middleware, answerHit }
}

/** When sending Payload's REST answer fails: a 500 if nothing was sent yet, else cut short. */
const answerFailed = (res: ExpressResponse) => (error: unknown) => {
  console.error('sending a REST answer failed:', error)
  if (!res.headersSent) res.status(500).json({ errors: [{ message: 'Something went wrong.' }] })
  else res.destroy()
}

/**
 * Whether the client takes gzip: named (or `*`, when gzip is not named) with a weight above
 * zero. `gzip;q=0` means “anything but gzip”.
 */
export function acceptsGzipOf(req: IncomingMessage): boolean {
  let gzip: number | undefined
  let any: number | undefined
  for (const part of String(req.headers['accept-encoding'] ?? '').split(',')) {
    const [coding, ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase())
    const q = parameters.find((parameter) => /^q\s*=/.test(parameter))
    const weight = q === undefined ? 1 : Number(q.slice(q.indexOf('=') + 1).trim())
    if (coding === 'gzip' || coding === 'x-gzip') gzip = weight
    else if (coding === '*') any = weight
  }
  // A weight that is not a number is no acceptance (NaN > 0 is false).
  return (gzip ?? any ?? 0) > 0
}

/**
 * The request's path and query string if it is under /api/, as Next.js and Payload read them:
 * dot segments resolved, including encoded ones (/x/%2e%2e/api/… reaches the API too).
 */
function apiUrl(url: string | undefined): { pathname: string; search: string } | undefined {
  if (!url) return undefined
  let parsed: URL
  try {
    parsed = new URL(url, 'http://localhost')
  } catch {
    return undefined
  }
  if (!parsed.pathname.startsWith('/api/')) return undefined
  return { pathname: parsed.pathname.replace(/\/+$/, ''), search: parsed.search }
}

// Uploaded files are streamed from disk or object storage: not JSON, and not cached here.
const isFileDownload = (path: string) => /^\/api\/[^/]+\/file\//.test(path)

export const isJson = (contentType: string | undefined) => {
  const [mediaType, charset] = (contentType ?? '').replace(/\s/g, '').toLowerCase().split(';')
  return mediaType === 'application/json' && (!charset || charset === 'charset=utf-8')
}

const overridesToGet = (req: IncomingMessage) =>
  req.headers['x-payload-http-method-override'] === 'GET' ||
  req.headers['x-http-method-override'] === 'GET'

/** The body as GraphQL over HTTP reads it; anything malformed is left for Payload to refuse. */
function graphqlRequestFrom(parsed: unknown): GraphqlRequest | undefined {
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined
  const { query, variables, operationName } = parsed as Record<string, unknown>
  if (typeof query !== 'string') return undefined
  return {
    query,
    variables:
      variables && typeof variables === 'object' && !Array.isArray(variables)
        ? (variables as Record<string, unknown>)
        : undefined,
    operationName: typeof operationName === 'string' ? operationName : undefined,
  }
}

/**
 * Operations Payload's schema offers that can only fail with a 500: email verification of
 * accounts not verified by email looks for a field that is not there (REST has a 404 for it:
 * src/requestChecks).
 */
export function unavailableGraphqlFields(config: SanitizedConfig): Map<string, string> {
  const unavailable = new Map<string, string>()
  for (const collection of config.collections) {
    if (!collection.auth || collection.auth.verify || collection.graphQL === false) continue
    const singular = collection.graphQL?.singularName ?? formatNames(collection.slug).singular
    unavailable.set(
      `verifyEmail${singular}`,
      'Accounts here are not confirmed by email, so there is nothing to verify.',
    )
  }
  return unavailable
}
