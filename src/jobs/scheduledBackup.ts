import type { TaskConfig } from 'payload'

import type { Environment } from '../environment'

import { runScheduledBackup } from '../backup/scheduledBackups'

export const SCHEDULED_BACKUP_TASK = 'scheduledBackup'

/**
 * The server backs itself up on BACKUP_CRON (off without it): the same full backup as
 * `npm run backup`, verified, with old ones pruned. A failure is logged by the job runner and
 * shown to admins on the dashboard's Site health panel.
 */
export function scheduledBackup(
  environment: Environment,
): TaskConfig<{ input: object; output: { folder: string; files: number; pruned: number } }> {
  return {
    slug: SCHEDULED_BACKUP_TASK,
    label: 'Scheduled backup',
    ...(environment.backupCron
      ? { schedule: [{ cron: environment.backupCron, queue: 'default' }] }
      : {}),
    // A second try soon after covers a passing fault (a full disk being cleared, a restart).
    retries: 1,
    handler: async ({ req }) => {
      const result = await runScheduledBackup(
        { databaseUrl: environment.databaseUrl, mediaDir: environment.mediaDir },
        { dir: environment.backupDir, keep: environment.backupKeep },
      )
      req.payload.logger.info(
        { files: result.files, bytes: result.bytes, pruned: result.pruned.length },
        'scheduled backup written and verified',
      )
      return {
        output: { folder: result.folder, files: result.files, pruned: result.pruned.length },
      }
    },
  }
}
