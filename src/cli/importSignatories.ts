import './loadEnvironment'

import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { getPayload } from 'payload'

import { importSignatories } from '../collections/Signatories/import/importSignatories'
import { applyMigrations } from '../db'
import config from '../payload.config'
import { commandLine } from './commandLine'

const USAGE = `Usage: ${commandLine('import:signatories')} --letter <slug or id> [--approve] <file.csv>`

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { letter: { type: 'string' }, approve: { type: 'boolean', default: false } },
})
const file = positionals[0]
if (!values.letter || !file) {
  console.error(USAGE)
  process.exit(2)
}
if (!fs.existsSync(file)) {
  console.error(`No such file: ${file}`)
  process.exit(2)
}

const payload = await getPayload({ config })
let exitCode = 0
try {
  await applyMigrations(payload)
  const report = await importSignatories(payload, {
    letter: values.letter,
    csv: fs.readFileSync(file, 'utf8'),
    source: path.basename(file),
    approve: values.approve,
  })
  for (const problem of report.problems) console.log(problem)
  console.log(report.summary)
} catch (error) {
  console.error((error as Error).message)
  exitCode = 1
} finally {
  await payload.destroy()
}
process.exit(exitCode)
