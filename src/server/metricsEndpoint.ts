import type { RequestHandler } from 'express'

import crypto from 'node:crypto'

import { lastGoodBackup } from '../backup/scheduledBackups'
import { metrics } from '../metrics'

const sameToken = (given: string, expected: string) => {
  const a = crypto.createHash('sha256').update(given).digest()
  const b = crypto.createHash('sha256').update(expected).digest()
  return crypto.timingSafeEqual(a, b)
}

/**
 * GET /metrics in Prometheus's text format, for a scraper that presents METRICS_TOKEN as a
 * bearer token. Without the setting every scrape is refused: the figures tell an attacker
 * how busy and how well the site is.
 */
export function metricsEndpoint({
  token,
  backupDir,
}: {
  token: string | null
  backupDir: string
}): RequestHandler {
  return async (req, res) => {
    res.set('Cache-Control', 'no-store')
    if (!token) {
      res
        .status(403)
        .json({ message: 'Metrics are turned off: set METRICS_TOKEN to turn them on.' })
      return
    }
    const given = /^Bearer (.+)$/i.exec(req.get('authorization') ?? '')?.[1]
    if (!given || !sameToken(given, token)) {
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer realm="metrics"')
        .json({ message: 'Present the metrics token as "Authorization: Bearer <METRICS_TOKEN>".' })
      return
    }
    const last = await lastGoodBackup(backupDir)
    if (last) metrics.lastGoodBackupAge.set((Date.now() - last.at.getTime()) / 1000)
    else metrics.lastGoodBackupAge.reset()
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics())
  }
}
