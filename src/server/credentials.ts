import type { IncomingHttpHeaders } from 'node:http'

import { jwtVerify } from 'jose'
import { executeAuthStrategies, type Payload } from 'payload'

import { ConfigurationError } from '../environment'

// Tokens whose signature this process has checked, each until it expires. Bounded: an editor
// sends the same token with every request of a session, so a few hundred cover a busy team.
const REMEMBERED_TOKENS = 512

/**
 * Tells requests that carry credentials from anonymous ones, from every auth strategy Payload
 * is configured with. Its local JWT strategy reads the token cookie or an Authorization header;
 * an API key strategy reads the Authorization header. A strategy this does not know (a custom
 * one, or auto-login) could sign in a request this takes for anonymous, whose private answer
 * would then be cached for everyone: the server refuses to start with one.
 */
export class Credentials {
  private readonly tokenCookie: string
  private readonly secretKey: Uint8Array
  // Token → when it expires (ms) and whose it is. A Map keeps insertion order, so the oldest is
  // dropped first.
  private readonly verified = new Map<string, { expires: number; holder: string }>()

  constructor(private readonly payload: Payload) {
    const unknown = payload.authStrategies
      .map((strategy) => strategy.name)
      .filter((name) => name !== 'local-jwt' && !name.endsWith('-api-key'))
    if (unknown.length > 0) {
      throw new ConfigurationError(
        `the anonymous read cache does not know how auth strategy ${unknown.map((name) => `"${name}"`).join(', ')} recognises a signed-in request, so it could cache a private answer for everyone. Teach src/server/credentials.ts where its credentials are sent.`,
      )
    }
    if (payload.config.admin.autoLogin) {
      throw new ConfigurationError(
        'admin.autoLogin signs in requests that carry no credentials at all, so nothing could be cached as anonymous: turn it off.',
      )
    }
    this.tokenCookie = `${payload.config.cookiePrefix}-token`
    this.secretKey = new TextEncoder().encode(payload.secret)
  }

  /**
   * Whether a request carries anything a configured strategy could sign someone in with.
   * Without it a request is anonymous for certain.
   */
  carried(headers: IncomingHttpHeaders): boolean {
    if (headers.authorization) return true
    const cookies = headers.cookie
    if (!cookies) return false
    return cookies
      .split(';')
      .some((cookie) => cookie.trimStart().startsWith(`${this.tokenCookie}=`))
  }

  /**
   * Whether a request's credentials look genuine, cheaply: a JWT whose signature is this
   * server's, without the database lookup Payload makes next. Forged credentials then cannot
   * take the signed-in lane. An API key can only be checked by Payload.
   *
   * Payload checks the same signature again when it answers; a token already found genuine is
   * remembered until it expires, so a signed-in request pays for that check once, not twice.
   */
  async plausible(headers: IncomingHttpHeaders): Promise<boolean> {
    return (await this.holderOf(headers)) !== undefined
  }

  /**
   * Whose a request with plausible credentials is (see `plausible`): the account a genuine JWT
   * names, or the API key itself (only Payload can say whose it is). Undefined otherwise.
   */
  async holderOf(headers: IncomingHttpHeaders): Promise<string | undefined> {
    const token = this.jwtOf(headers)
    if (token === undefined) {
      return (await this.accepted(headers)) ? `key ${headers.authorization ?? ''}` : undefined
    }
    const known = this.verified.get(token)
    if (known !== undefined) {
      if (Date.now() < known.expires) return known.holder
      this.verified.delete(token)
    }
    try {
      const { payload: claims } = await jwtVerify(token, this.secretKey)
      const holder = `${String(claims.collection)} ${String(claims.id)}`
      if (typeof claims.exp === 'number') this.remember(token, claims.exp * 1000, holder)
      return holder
    } catch {
      return undefined
    }
  }

  private remember(token: string, expires: number, holder: string): void {
    if (this.verified.size >= REMEMBERED_TOKENS) {
      const oldest = this.verified.keys().next().value
      if (oldest !== undefined) this.verified.delete(oldest)
    }
    this.verified.set(token, { expires, holder })
  }

  /**
   * Whether Payload accepts the request's credentials. An expired token, or the cookie sent by
   * a foreign site, leaves the request anonymous, so it must meet the anonymous limits.
   */
  async accepted(headers: IncomingHttpHeaders, isGraphQL = false): Promise<boolean> {
    const webHeaders = new Headers()
    for (const [name, value] of Object.entries(headers)) {
      if (Array.isArray(value)) for (const entry of value) webHeaders.append(name, entry)
      else if (value !== undefined) webHeaders.set(name, value)
    }
    const { user } = await executeAuthStrategies({
      headers: webHeaders,
      payload: this.payload,
      isGraphQL,
      canSetHeaders: false,
    })
    return Boolean(user)
  }

  private jwtOf(headers: IncomingHttpHeaders): string | undefined {
    const authorization = headers.authorization
    if (authorization) {
      const match = /^(?:JWT|Bearer) (.+)$/.exec(authorization)
      return match ? match[1] : undefined
    }
    for (const cookie of (headers.cookie ?? '').split(';')) {
      const trimmed = cookie.trimStart()
      if (trimmed.startsWith(`${this.tokenCookie}=`)) {
        return trimmed.slice(this.tokenCookie.length + 1)
      }
    }
    return undefined
  }
}
