import type { ServerProps } from 'payload'

import fsp from 'node:fs/promises'
import React from 'react'

import { hasRole } from '../access/hasRole'
import { lastGoodBackup } from '../backup/scheduledBackups'
import { formatBytes } from '../utilities/formatBytes'

/** What the panel needs from the environment, put in the config's `custom` by the config. */
export type SiteHealthSettings = {
  backupDir: string
  backupsScheduled: boolean
  /** Folders whose free space matters: the database's and the media's. */
  storage: { label: string; folder: string }[]
}

const DAY_MS = 24 * 60 * 60 * 1000
// Free space below this is shown as a warning: a backup or an upload could fill the rest.
const LOW_SPACE_BYTES = 2 * 1024 * 1024 * 1024

const when = (date: Date) =>
  new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/London',
  }).format(date)

async function freeSpace(folder: string): Promise<number | undefined> {
  try {
    const stats = await fsp.statfs(folder)
    return stats.bavail * stats.bsize
  } catch {
    return undefined
  }
}

/**
 * For admins, on the dashboard: whether the site is being looked after. The last good backup,
 * jobs that failed (a failed scheduled backup among them), webhooks switched off, and free
 * disk space, each in words a volunteer can act on.
 */
export async function SiteHealth({ payload, user }: ServerProps) {
  if (!user || !hasRole(user, 'admin')) return null
  const settings = payload.config.custom?.siteHealth as SiteHealthSettings | undefined
  if (!settings) return null

  const [backup, failedJobs, switchedOff, storage] = await Promise.all([
    lastGoodBackup(settings.backupDir),
    payload.find({
      collection: 'payload-jobs',
      where: { hasError: { equals: true } },
      sort: '-updatedAt',
      limit: 5,
      depth: 0,
      overrideAccess: true,
    }),
    payload.count({
      collection: 'webhooks',
      where: { switchedOffAt: { exists: true } },
      overrideAccess: true,
    }),
    Promise.all(
      settings.storage.map(async ({ label, folder }) => ({
        label,
        free: await freeSpace(folder),
      })),
    ),
  ])
  const backupStale = !backup || Date.now() - backup.at.getTime() > 2 * DAY_MS

  return (
    <section
      aria-labelledby="site-health"
      style={{
        marginBottom: '2rem',
        padding: '1rem 1.5rem',
        border: '1px solid var(--theme-elevation-150)',
        borderRadius: '4px',
      }}
    >
      <h2 id="site-health" style={{ marginTop: 0 }}>
        Site health
      </h2>
      <h3>Backups</h3>
      {backup ? (
        <p>
          Last good backup: {when(backup.at)}
          {backupStale ? ' — over two days ago: check that backups still run.' : '.'}
        </p>
      ) : settings.backupsScheduled ? (
        <p>No scheduled backup has finished yet.</p>
      ) : (
        <p>
          Backups are not scheduled: set BACKUP_CRON on the server (see “Running it for years” in
          the README), or run one by hand.
        </p>
      )}
      <h3>Failed jobs</h3>
      {failedJobs.totalDocs ? (
        <>
          <p>
            {failedJobs.totalDocs === 1
              ? '1 job has failed'
              : `${failedJobs.totalDocs} jobs have failed`}
            ; the latest:
          </p>
          <ul>
            {failedJobs.docs.map((job) => (
              <li key={job.id}>{`${job.taskSlug ?? 'job'}, ${when(new Date(job.updatedAt))}`}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>No job has failed.</p>
      )}
      <h3>Webhooks</h3>
      {switchedOff.totalDocs ? (
        <p>
          <a href="/admin/collections/webhooks?where[switchedOffAt][exists]=true">
            {switchedOff.totalDocs === 1
              ? '1 webhook was switched off after its deliveries kept failing'
              : `${switchedOff.totalDocs} webhooks were switched off after their deliveries kept failing`}
          </a>
        </p>
      ) : (
        <p>No webhook has been switched off.</p>
      )}
      <h3>Disk space</h3>
      <ul>
        {storage.map(({ label, free }) => (
          <li key={label}>
            {free === undefined
              ? `${label}: cannot be read`
              : `${label}: ${formatBytes(free)} free${free < LOW_SPACE_BYTES ? ' — running low' : ''}`}
          </li>
        ))}
      </ul>
    </section>
  )
}
