import path from 'node:path'
import { parseArgs } from 'node:util'

import { verificationPassed, verifyFolder } from '../archive/manifest'
import { progressTo } from '../archive/progress'
import { formatBytes } from '../utilities/formatBytes'
import { exitWith, usageError } from './cliErrors'
import { commandLine } from './commandLine'

// Needs no database and no configuration: only the folder and its manifest.
const USAGE = `Usage: ${commandLine('archive:verify')} <archive or backup folder>`

const { positionals } = parseArgs({ allowPositionals: true, options: {} })
if (positionals.length !== 1) usageError(USAGE)
const root = path.resolve(positionals[0])

let exitCode = 0
try {
  const result = await verifyFolder(root, progressTo())
  for (const file of result.missing) console.log(`missing: ${file}`)
  for (const file of result.extra) console.log(`extra: ${file} (not in the manifest)`)
  for (const { path: file, reason } of result.altered) console.log(`altered: ${file} (${reason})`)
  if (verificationPassed(result)) {
    console.log(
      `All ${result.checked} files (${formatBytes(result.bytes)}) match the manifest of ${result.manifest.createdAt}.`,
    )
  } else {
    const problems = result.missing.length + result.extra.length + result.altered.length
    console.log(
      `${root} does NOT match its manifest: ${problems} ${problems === 1 ? 'file differs' : 'files differ'} (${result.missing.length} missing, ${result.extra.length} extra, ${result.altered.length} altered).`,
    )
    exitCode = 1
  }
} catch (error) {
  exitCode = exitWith(error, 'Cannot verify')
}
process.exit(exitCode)
