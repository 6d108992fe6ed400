import type { Where } from 'payload'

import type { WarningCategory } from '../fields/contentWarnings'
import { withoutHiddenTopics } from './hiddenTopics'
import { ANONYMOUS, anonymousRequest, sitePayload } from './payload'

type Collection = 'statements' | 'updates' | 'pages' | 'trusts'

/** Conditions joined with `and`, leaving out the empty ones. */
export function allOf(...conditions: (Where | undefined)[]): Where {
  const present = conditions.filter((condition): condition is Where => Boolean(condition))
  return present.length ? { and: present } : {}
}

/** One published document by its slug, as the public API would give it. */
export async function findBySlug<C extends Collection>(collection: C, slug: string, depth = 1) {
  const payload = await sitePayload()
  const { docs } = await payload.find({
    collection,
    where: { slug: { equals: slug } },
    limit: 1,
    depth,
    ...ANONYMOUS,
  })
  return docs[0]
}

export { withoutHiddenTopics }
export type { WarningCategory }

/** The letter's public count, from the API's own tally endpoint. */
export async function tallyOf(slug: string): Promise<number> {
  const payload = await sitePayload()
  const signatories = payload.collections.signatories.config
  const tally = signatories.endpoints
    ? signatories.endpoints.find((endpoint) => endpoint.path === '/tally')
    : undefined
  if (!tally) return 0
  const req = await anonymousRequest(`/api/signatories/tally?letter=${encodeURIComponent(slug)}`)
  const response = await tally.handler(req)
  if (!response.ok) return 0
  const body = (await response.json()) as { approved?: number }
  return body.approved ?? 0
}
