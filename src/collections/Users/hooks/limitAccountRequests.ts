import type {
  CollectionAfterOperationHook,
  CollectionBeforeChangeHook,
  CollectionBeforeOperationHook,
  Payload,
  PayloadRequest,
} from 'payload'

import crypto from 'node:crypto'

import { MemoryStore, type Store } from 'express-rate-limit'
import { APIError } from 'payload'
import { formatAdminURL } from 'payload/shared'

import { sharedRateLimitStore } from '../../../sharedState/registry'
import { CLIENT_IP_HEADER } from '../../../utilities/clientAddress'

/**
 * Everything the two anonymous account routes, login and forgot-password, do before Payload
 * runs them, for REST and GraphQL alike (GraphQL's mutations arrive inside a POST to
 * /api/graphql, out of the Express limiters' sight): limits per connection and per account,
 * and answers that do not tell whether an account exists, in words or in time.
 */

export const FORGOT_PASSWORD_LIMIT_PER_ADDRESS = 5
export const FORGOT_PASSWORD_LIMIT_PER_ACCOUNT = 3
const FORGOT_PASSWORD_WINDOW_MS = 60 * 60 * 1000

type Limit = { store: Store; limit: number }

// One set of counts per process (the server and Next's bundle each load this module); in
// Redis when REDIS_URL is set, so that every instance counts the same attempts.
const SHARED = Symbol.for('stopsim.accountRequestLimits')

function sharedLimit(name: string, limit: number, windowMs: number): Limit {
  const holder = globalThis as typeof globalThis & { [SHARED]?: Map<string, Limit> }
  const limits = (holder[SHARED] ??= new Map())
  const existing = limits.get(name)
  if (existing?.limit === limit) return existing
  const store = sharedRateLimitStore(name) ?? new MemoryStore()
  store.init?.({ windowMs } as Parameters<MemoryStore['init']>[0])
  const created = { store, limit }
  limits.set(name, created)
  return created
}

/** Counts one more request for `key`, and says whether it is over the limit. */
async function overLimit(name: string, key: string, limit: number, windowMs: number) {
  try {
    return (await sharedLimit(name, limit, windowMs).store.increment(key)).totalHits > limit
  } catch {
    // Redis unreachable: as the Express limiters do, let the request through; Payload's
    // per-account lockout still applies.
    return false
  }
}

async function countAgainst(
  name: string,
  key: string,
  limit: number,
  windowMs: number,
  message: string,
): Promise<void> {
  if (await overLimit(name, key, limit, windowMs)) {
    throw new APIError(message, 429, undefined, true)
  }
}

const normalisedEmail = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.toLowerCase().trim() : undefined

// The Local API (seed, tests, jobs) has no client address and is not limited.
const clientAddress = (req: PayloadRequest): string | null | undefined =>
  req.headers?.get(CLIENT_IP_HEADER)

async function accountFor(req: PayloadRequest, email: string) {
  return req.payload.db.findOne<{ id: number | string; lockUntil?: string | null }>({
    collection: 'users',
    req,
    where: { email: { equals: email } },
  })
}

// Payload's current password hash (pbkdf2-sha256-v1: 600,000 rounds, 32 bytes): checking a
// password costs a known account some 200–300 ms, and Payload skips it for an unknown or locked
// one. The same work done for those makes all three answer alike; the login timing test in
// test/write-path.test.ts fails should Payload's hashing change.
const PASSWORD_HASH_ROUNDS = 600_000
const PASSWORD_HASH_BYTES = 32

function hashAsPayloadWould(password: string): Promise<void> {
  return new Promise((resolve, reject) =>
    crypto.pbkdf2(
      password,
      crypto.randomBytes(32).toString('hex'),
      PASSWORD_HASH_ROUNDS,
      PASSWORD_HASH_BYTES,
      'sha256',
      (error) => (error ? reject(error) : resolve()),
    ),
  )
}

const isLocked = (lockUntil: string | null | undefined): boolean =>
  Boolean(lockUntil && new Date(lockUntil).getTime() > Date.now())

async function beforeLogin(req: PayloadRequest, data: { email?: unknown; password?: unknown }) {
  const custom = req.payload.config.custom as { loginRateLimitPerMinute?: number } | undefined
  const limit = custom?.loginRateLimitPerMinute ?? 0
  const address = clientAddress(req)
  if (limit && address) {
    await countAgainst(
      'login',
      `graphql-or-rest:${address}`,
      limit,
      60_000,
      'Too many login attempts from your connection. Please wait a minute and try again.',
    )
  }
  const email = normalisedEmail(data.email)
  if (!email || typeof data.password !== 'string' || !data.password) return
  const account = await accountFor(req, email)
  if (!account || isLocked(account.lockUntil)) await hashAsPayloadWould(data.password)
}

/**
 * Forgot-password answers the same whether or not the address has an account: Payload's
 * answer is already the same, and the time is made so. For an account, Payload stores the
 * token and this module mails the link after the answer has gone, so the mail server's speed
 * shows in no answer; an address without one waits about as long as the recent answers for
 * accounts took.
 */
const RECENT_ANSWERS = 16
const recentAnswerMs: number[] = []
const FIRST_GUESS_MS = 30

function typicalAnswerMs(): number {
  if (recentAnswerMs.length === 0) return FIRST_GUESS_MS
  const sorted = [...recentAnswerMs].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

type ForgotContext = {
  forgotPassword?: { started: number; mailTo?: string; mailsSpent?: boolean }
}

/**
 * The limits of forgot-password, and the wait that makes an unknown address answer in the
 * time a known one does. Says whether this address has had its share of mails this hour.
 */
async function beforeForgotPassword(
  req: PayloadRequest,
  email: string | undefined,
): Promise<{ mailsSpent: boolean }> {
  const address = clientAddress(req)
  let mailsSpent = false
  if (address) {
    await countAgainst(
      'forgot-password-address',
      address,
      FORGOT_PASSWORD_LIMIT_PER_ADDRESS,
      FORGOT_PASSWORD_WINDOW_MS,
      'Too many password reset requests. Please wait an hour and try again.',
    )
    // Counted for any address asked about, account or not, so that it tells nothing either.
    if (email) {
      mailsSpent = await overLimit(
        'forgot-password-account',
        email,
        FORGOT_PASSWORD_LIMIT_PER_ACCOUNT,
        FORGOT_PASSWORD_WINDOW_MS,
      )
    }
  }
  if (!email) return { mailsSpent }
  const started = performance.now()
  const account = await accountFor(req, email)
  if (!account) {
    const wait = typicalAnswerMs() - (performance.now() - started)
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
  }
  return { mailsSpent }
}

export const beforeAccountOperation: CollectionBeforeOperationHook<'users'> = async ({
  args,
  operation,
  req,
}) => {
  if (operation === 'login') {
    await beforeLogin(req, (args.data ?? {}) as { email?: unknown; password?: unknown })
  }
  if (operation === 'forgotPassword') {
    const email = normalisedEmail((args.data as { email?: unknown } | undefined)?.email)
    const { mailsSpent } = await beforeForgotPassword(req, email)
    const context = req.context as ForgotContext
    context.forgotPassword = {
      started: performance.now(),
      mailTo: args.disableEmail || mailsSpent ? undefined : email,
      mailsSpent,
    }
    // Payload would send the mail before answering; it goes after the answer instead.
    return { ...args, disableEmail: true }
  }
  return args
}

/**
 * Once an address has had its share of reset mails this hour, forgot-password still answers as
 * always, but Payload's new token is not stored, so the link the owner was last sent keeps
 * working and no mail goes out. A refusal instead would let anyone keep an account's owner from
 * resetting their password, hour after hour, by asking first (probe 3). Payload stores the
 * token with a Local API update, which runs this.
 */
export const keepResetLinkWhenMailsSpent: CollectionBeforeChangeHook = ({ data, req }) => {
  if (!(req.context as ForgotContext).forgotPassword?.mailsSpent) return data
  const { resetPasswordToken: _token, resetPasswordExpiration: _expiration, ...rest } = data
  return rest
}

export const afterAccountOperation: CollectionAfterOperationHook<'users'> = async ({
  operation,
  req,
  result,
}) => {
  if (operation !== 'forgotPassword') return result
  // Payload runs this only when an account was found and its token stored.
  const forgot = (req.context as ForgotContext).forgotPassword
  if (forgot) {
    recentAnswerMs.push(performance.now() - forgot.started)
    if (recentAnswerMs.length > RECENT_ANSWERS) recentAnswerMs.shift()
  }
  if (forgot?.mailTo && typeof result === 'string') {
    const payload = req.payload
    const to = forgot.mailTo
    setImmediate(() => {
      mailResetLink(payload, to, result).catch((error: unknown) =>
        // Neither the address nor the token goes to the log.
        payload.logger.error(
          `could not send a password reset email: ${error instanceof Error ? error.message : 'unknown error'}`,
        ),
      )
    })
  }
  return result
}

async function mailResetLink(payload: Payload, to: string, token: string): Promise<void> {
  const { config, email } = payload
  const link = formatAdminURL({
    adminRoute: config.routes.admin,
    path: `${config.admin.routes.reset}/${token}`,
    serverURL: config.serverURL,
  })
  await payload.sendEmail({
    from: `"${email.defaultFromName}" <${email.defaultFromAddress}>`,
    to,
    subject: 'Reset your #StopSIM password',
    text: [
      'Someone asked to reset the password of the #StopSIM account for this email address.',
      '',
      `To choose a new password, open this link within an hour (it works once): ${link}`,
      '',
      'If it was not you, you can ignore this email: your password stays as it is.',
    ].join('\n'),
    html: [
      '<p>Someone asked to reset the password of the #StopSIM account for this email address.</p>',
      `<p><a href="${link}">Choose a new password</a>. The link works once, within an hour: ${link}</p>`,
      '<p>If it was not you, you can ignore this email: your password stays as it is.</p>',
    ].join('\n'),
  })
}
