import './loadEnvironment'

import path from 'node:path'
import { parseArgs } from 'node:util'

import { progressTo } from '../archive/progress'
import { backup } from '../backup/backup'
import { readEnvironment } from '../environment'
import { formatBytes } from '../utilities/formatBytes'
import { exitWith, usageError } from './cliErrors'
import { commandLine } from './commandLine'

const USAGE = `Usage: ${commandLine('backup')} --out <new or empty folder>`

const { values } = parseArgs({ options: { out: { type: 'string' } } })
if (!values.out) usageError(USAGE)
const out = path.resolve(values.out)

const started = Date.now()
let exitCode = 0
try {
  const { databaseUrl, mediaDir } = readEnvironment()
  const result = await backup({ databaseUrl, mediaDir }, { out, progress: progressTo() })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  console.log(
    `Backed up the ${result.dialect} database (${formatBytes(result.databaseBytes)}) and ` +
      `${result.mediaFiles} media files (${formatBytes(result.mediaBytes)}) in ${seconds} s to ${out}`,
  )
  console.log(
    'It holds private data (signatories’ emails, accounts): keep it somewhere safe. Check it with ' +
      `${commandLine('archive:verify')} ${out}; bring it back with ${commandLine('restore')} ${out}`,
  )
} catch (error) {
  exitCode = exitWith(error, 'The backup stopped')
}
process.exit(exitCode)
