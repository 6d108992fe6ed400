import type { ServerProps } from 'payload'

import React from 'react'

import { hasRole } from '../access/hasRole'

const AWAITING_SIGNATURES = ['pending', 'verified']
const SIGNATURES_URL = `/admin/collections/signatories?${AWAITING_SIGNATURES.map((status, index) => `where[status][in][${index}]=${status}`).join('&')}`
const ARTWORK_URL = '/admin/collections/artwork?where[moderationStatus][equals]=pending'

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`

/** On the dashboard, for those who moderate: how much waits for review, linking to each list. */
export async function WaitingForReview({ payload, user }: ServerProps) {
  if (!hasRole(user, 'moderator', 'editor', 'admin')) return null
  const [signatures, artwork] = await Promise.all([
    payload.count({
      collection: 'signatories',
      overrideAccess: true,
      where: { status: { in: AWAITING_SIGNATURES } },
    }),
    payload.count({
      collection: 'artwork',
      overrideAccess: true,
      where: { moderationStatus: { equals: 'pending' } },
    }),
  ])
  return (
    <section aria-labelledby="waiting-for-review" style={{ marginBottom: '2rem' }}>
      <h2 id="waiting-for-review">Waiting for review</h2>
      <ul>
        <li>
          <a href={SIGNATURES_URL}>
            {plural(signatures.totalDocs, 'signature', 'signatures')} to review
          </a>
        </li>
        <li>
          <a href={ARTWORK_URL}>
            {plural(artwork.totalDocs, 'piece of artwork', 'pieces of artwork')} to review
          </a>
        </li>
      </ul>
    </section>
  )
}
