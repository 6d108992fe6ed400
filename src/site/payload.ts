import config from '@payload-config'
import { createPayloadRequest, getPayload, type Payload, type PayloadRequest } from 'payload'

import type { SiteSetting } from '../payload-types'
import { CLIENT_IP_HEADER } from '../utilities/clientAddress'

/**
 * The public site reads through this Payload as an anonymous visitor: every query passes
 * overrideAccess: false and no user, so it sees exactly what the public API would show.
 */
export const sitePayload = (): Promise<Payload> => getPayload({ config })

export const ANONYMOUS = { overrideAccess: false, user: null } as const

export async function siteSettings(): Promise<SiteSetting> {
  const payload = await sitePayload()
  return payload.findGlobal({ slug: 'site-settings', depth: 1, ...ANONYMOUS })
}

/**
 * A PayloadRequest with no credentials, as a REST call from an anonymous visitor would make:
 * for calling the API's own endpoints (signing, the tally) rather than repeating their rules.
 */
export async function anonymousRequest(
  path: string,
  init: { method?: string; body?: unknown; clientIp?: string } = {},
): Promise<PayloadRequest> {
  const headers = new Headers({ 'content-type': 'application/json' })
  if (init.clientIp) headers.set(CLIENT_IP_HEADER, init.clientIp)
  const request = new Request(new URL(path, 'http://localhost'), {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  return createPayloadRequest({ config, request })
}
