import type { AuthStrategy, Payload } from 'payload'

/**
 * A browser sends the sign-in cookie with every request to this host, whoever asked for it.
 * Payload's CSRF check trusts a request without an Origin header when the browser marks it
 * `Sec-Fetch-Site: same-site`, but that means another subdomain of the same registrable domain
 * (a campaign's other site, a hosted page), not this origin. Only `same-origin` (and `none`,
 * the reader typing the address) count as this site, as they do for Payload otherwise.
 */
export function asThisOriginSeesIt(headers: Headers): Headers {
  if (headers.has('origin') || headers.get('sec-fetch-site') !== 'same-site') return headers
  const judged = new Headers(headers)
  judged.set('sec-fetch-site', 'cross-site')
  return judged
}

/**
 * Whether a form post comes from this site's own pages, by the same rule: the browser's
 * Sec-Fetch-Site when it sends no Origin, and otherwise the Origin, which must be this site's
 * (`origin`, as SERVER_URL gives it). A request with neither comes from an old browser or a
 * program, not from a page a browser was made to post from.
 */
export function postedFromThisOrigin(headers: Headers, origin: string): boolean {
  const sentFrom = headers.get('origin')
  if (sentFrom !== null) return sentFrom === new URL(origin).origin
  const site = asThisOriginSeesIt(headers).get('sec-fetch-site')
  return site === null || site === 'same-origin' || site === 'none'
}

// Payload 3.90 keeps its rule inside extractJWT and offers no setting for it, so its own
// sign-in strategy is given the headers as this site judges them; everything else about
// signing in stays Payload's. If an upgrade renames the strategy this refuses to start, and
// test/http.test.ts fails if a same-site cookie signs anyone in again.
const PAYLOAD_JWT_STRATEGY = 'local-jwt'

export function cookiesFromThisOriginOnly(payload: Payload): void {
  const index = payload.authStrategies.findIndex(({ name }) => name === PAYLOAD_JWT_STRATEGY)
  const local = payload.authStrategies[index]
  if (!local) {
    throw new Error(
      `Payload's "${PAYLOAD_JWT_STRATEGY}" sign-in strategy was not found: the cookie check in src/access/cookiesFromThisOriginOnly.ts needs updating for this Payload version.`,
    )
  }
  if ((local as { thisOriginOnly?: boolean }).thisOriginOnly) return
  const strict: AuthStrategy & { thisOriginOnly: true } = {
    ...local,
    thisOriginOnly: true,
    authenticate: (args) =>
      local.authenticate({ ...args, headers: asThisOriginSeesIt(args.headers) }),
  }
  payload.authStrategies[index] = strict
}
