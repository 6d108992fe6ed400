import type { ServerProps } from 'payload'

import React from 'react'

import { hasRole } from '../access/hasRole'

/** Tells admins, on the dashboard, about webhooks switched off because they kept failing. */
export async function WebhooksSwitchedOff({ payload, user }: ServerProps) {
  if (!hasRole(user, 'admin')) return null
  const { docs } = await payload.find({
    collection: 'webhooks',
    depth: 0,
    limit: 20,
    overrideAccess: true,
    where: { and: [{ enabled: { equals: false } }, { switchedOffAt: { exists: true } }] },
  })
  if (!docs.length) return null
  return (
    <section
      aria-labelledby="webhooks-switched-off"
      role="alert"
      style={{
        marginBottom: '2rem',
        padding: '1rem 1.5rem',
        border: '2px solid var(--theme-error-500)',
        borderRadius: '4px',
      }}
    >
      <h2 id="webhooks-switched-off" style={{ marginTop: 0 }}>
        {docs.length === 1 ? 'A webhook was switched off' : 'Webhooks were switched off'}
      </h2>
      <p>
        These addresses kept failing, so nothing more is sent to them. Fix the receiver, then switch
        the webhook back on.
      </p>
      <ul>
        {docs.map((webhook) => (
          <li key={String(webhook.id)}>
            <a href={`/admin/collections/webhooks/${webhook.id}`}>{webhook.url}</a>:{' '}
            {webhook.switchedOffReason}
          </li>
        ))}
      </ul>
    </section>
  )
}
