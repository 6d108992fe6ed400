import './loadEnvironment'

import path from 'node:path'

import { progressTo } from '../archive/progress'
import { restore } from '../backup/restore'
import { readEnvironment } from '../environment'
import { exitWith } from './cliErrors'
import { commandLine } from './commandLine'
import { restoreArguments } from './restoreArguments'

const USAGE =
  `Usage: ${commandLine('restore')} [--replace] <backup folder>   (stop the server first)\n` +
  '  --replace  restore over the database and media folder in use, backing them up first'

const { from, replace } = restoreArguments(USAGE)

const started = Date.now()
let exitCode = 0
try {
  const { databaseUrl, mediaDir } = readEnvironment()
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const result = await restore(
    { databaseUrl, mediaDir },
    {
      from,
      replace,
      // data/ holds the SQLite database and is never committed; the copy stays beside it.
      keepIn: path.resolve(`data/before-restore-${stamp}`),
      progress: progressTo(),
    },
  )
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (result.keptIn) console.log(`What was there before is backed up in ${result.keptIn}`)
  console.log(
    `Restored the database and ${result.mediaFiles} media files from ${from} in ${seconds} s. Start the server: npm start`,
  )
} catch (error) {
  exitCode = exitWith(error, 'The restore stopped')
}
process.exit(exitCode)
