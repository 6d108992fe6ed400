import './loadEnvironment'

import path from 'node:path'
import { parseArgs } from 'node:util'

import { getPayload } from 'payload'

import { exportArchive } from '../archive/exportArchive'
import { progressTo } from '../archive/progress'
import config from '../payload.config'
import { formatBytes } from '../utilities/formatBytes'
import { exitWith, usageError } from './cliErrors'
import { commandLine } from './commandLine'

const USAGE = `Usage: ${commandLine('archive:export')} --out <new or empty folder>`

const { values } = parseArgs({ options: { out: { type: 'string' } } })
if (!values.out) usageError(USAGE)
const out = path.resolve(values.out)

const started = Date.now()
const payload = await getPayload({ config })
let exitCode = 0
try {
  const result = await exportArchive(payload, { out, progress: progressTo() })
  const total = Object.values(result.documents).reduce((sum, count) => sum + count, 0)
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  for (const reason of result.leftOut) console.log(`left out: ${reason}`)
  console.log(
    `Exported ${total} documents (${Object.entries(result.documents)
      .map(([slug, count]) => `${count} ${slug}`)
      .join(', ')}) and ${result.files} files (${formatBytes(result.bytes)}) with a static copy ` +
      `of the site, ${result.manifest.files.length} files in all, in ${seconds} s, to ${out}`,
  )
  console.log(`Check it any time with: ${commandLine('archive:verify')} ${out}`)
} catch (error) {
  exitCode = exitWith(error, 'The export stopped')
} finally {
  await payload.destroy()
}
process.exit(exitCode)
