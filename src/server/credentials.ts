import type { IncomingHttpHeaders } from 'node:http'

import { executeAuthStrategies, type Payload } from 'payload'

/**
 * Whether a request carries anything Payload could sign someone in with: an Authorization
 * header (JWT or API key) or the auth cookie. Without either it is anonymous for certain.
 */
export function carriesCredentials(headers: IncomingHttpHeaders, tokenCookie: string): boolean {
  if (headers.authorization) return true
  const cookies = headers.cookie
  if (!cookies) return false
  return cookies.split(';').some((cookie) => cookie.trimStart().startsWith(`${tokenCookie}=`))
}

/**
 * Whether Payload accepts the request's credentials. An expired token, or the cookie sent by a
 * foreign site, leaves the request anonymous, so it must meet the anonymous limits.
 */
export async function isSignedIn(
  payload: Payload,
  headers: IncomingHttpHeaders,
  isGraphQL = false,
): Promise<boolean> {
  const webHeaders = new Headers()
  for (const [name, value] of Object.entries(headers)) {
    if (Array.isArray(value)) for (const entry of value) webHeaders.append(name, entry)
    else if (value !== undefined) webHeaders.set(name, value)
  }
  const { user } = await executeAuthStrategies({
    headers: webHeaders,
    payload,
    isGraphQL,
    canSetHeaders: false,
  })
  return Boolean(user)
}
