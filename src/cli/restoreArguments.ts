import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { usageError } from './cliErrors'

/**
 * The arguments `archive:import` and `restore` share: one folder that must exist, and
 * `--replace`. A wrong call prints `usage` and exits with 2.
 */
export function restoreArguments(usage: string): { from: string; replace: boolean } {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { replace: { type: 'boolean', default: false } },
  })
  if (positionals.length !== 1) usageError(usage)
  const from = path.resolve(positionals[0])
  if (!fs.existsSync(from)) {
    console.error(`No such folder: ${from}`)
    process.exit(2)
  }
  return { from, replace: values.replace }
}
