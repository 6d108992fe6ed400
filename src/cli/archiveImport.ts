import './loadEnvironment'

import { getPayload } from 'payload'

import { importArchive } from '../archive/importArchive'
import { progressTo } from '../archive/progress'
import { applyMigrations } from '../db'
import config from '../payload.config'
import { formatBytes } from '../utilities/formatBytes'
import { exitWith } from './cliErrors'
import { commandLine } from './commandLine'
import { restoreArguments } from './restoreArguments'

const USAGE =
  `Usage: ${commandLine('archive:import')} [--replace] <archive folder>\n` +
  '  --replace  delete the documents already in the database (and their files) first'

const { from, replace } = restoreArguments(USAGE)

const started = Date.now()
const payload = await getPayload({ config })
let exitCode = 0
try {
  await applyMigrations(payload)
  const progress = progressTo()
  const result = await importArchive(payload, { from, replace, progress })
  for (const warning of result.warnings) console.log(`warning: ${warning}`)
  const total = Object.values(result.documents).reduce((sum, count) => sum + count, 0)
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  console.log(
    `Imported ${total} documents (${Object.entries(result.documents)
      .map(([slug, count]) => `${count} ${slug}`)
      .join(', ')}) and ${result.files} files (${formatBytes(result.bytes)}) in ${seconds} s.` +
      (result.countedOnly
        ? ` ${result.countedOnly} signatures counted but not listed were restored without names.`
        : ''),
  )
  console.log(
    'Accounts are not part of the public archive: create the first admin at /admin, or restore a full backup instead.',
  )
} catch (error) {
  exitCode = exitWith(error, 'The import stopped')
} finally {
  await payload.destroy()
}
process.exit(exitCode)
