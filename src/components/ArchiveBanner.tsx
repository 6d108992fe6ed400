import type { ServerProps } from 'payload'

import React from 'react'

import { hasRole } from '../access/hasRole'

/** Across the top of every admin page while the site is an archive, so nobody wonders why. */
export async function ArchiveBanner({ payload, user }: ServerProps) {
  const forced = payload.config.custom?.archiveMode === true
  const settings = await payload.findGlobal({
    slug: 'site-settings',
    depth: 0,
    overrideAccess: true,
    select: { archiveMode: true },
  })
  if (!forced && !settings.archiveMode) return null
  const how = forced
    ? 'It was switched on by the server’s ARCHIVE_MODE setting.'
    : 'An admin can switch it off in Site settings.'
  return (
    <div
      role="status"
      data-archive-banner
      style={{
        background: 'var(--theme-warning-100)',
        borderBottom: '2px solid var(--theme-warning-500)',
        color: 'var(--theme-elevation-1000)',
        padding: '0.75rem 1.5rem',
      }}
    >
      <strong>This site is archived and read-only.</strong>{' '}
      {hasRole(user, 'admin')
        ? 'Only admins can change content; signing is closed.'
        : 'You can look at everything you could before, but only an admin can change anything. Signing is closed.'}{' '}
      {how}
    </div>
  )
}
