import type { ServerProps } from 'payload'

import React from 'react'

import { hasRole } from '../access/hasRole'

const AWAITING = ['pending', 'verified']
const LIST_URL = `/admin/collections/signatories?${AWAITING.map((status, index) => `where[status][in][${index}]=${status}`).join('&')}`

/** On the dashboard, for those who moderate: how many signatures wait, linking to that list. */
export async function WaitingForReview({ payload, user }: ServerProps) {
  if (!hasRole(user, 'moderator', 'editor', 'admin')) return null
  const { totalDocs } = await payload.count({
    collection: 'signatories',
    overrideAccess: true,
    where: { status: { in: AWAITING } },
  })
  return (
    <section aria-labelledby="waiting-for-review" style={{ marginBottom: '2rem' }}>
      <h2 id="waiting-for-review">Waiting for review</h2>
      <p>
        <a href={LIST_URL}>
          {totalDocs === 1 ? '1 signature' : `${totalDocs} signatures`} to review
        </a>
      </p>
    </section>
  )
}
