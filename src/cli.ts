/**
 * The operator's commands, compiled into the production build: `node dist/cli.js <command>`.
 * The names are those of the npm scripts that run the same files through tsx in a checkout,
 * so the README's instructions read the same with or without the source.
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

import { COMPILED_CLI_VARIABLE } from './cli/commandLine'

const COMMANDS = {
  seed: () => import('./cli/seed'),
  'import:signatories': () => import('./cli/importSignatories'),
  'archive:export': () => import('./cli/archiveExport'),
  'archive:verify': () => import('./cli/archiveVerify'),
  'archive:import': () => import('./cli/archiveImport'),
  backup: () => import('./cli/backup'),
  restore: () => import('./cli/restore'),
} as const

type Command = keyof typeof COMMANDS

const isCommand = (name: string | undefined): name is Command =>
  name !== undefined && Object.hasOwn(COMMANDS, name)

// See "Why --conditions=production" in the README: without it, loading Lexical can leave
// Node's module loader waiting for ever. An operator types `node dist/cli.js`, so the process
// starts itself again with the condition rather than ask them to remember it.
const CONDITION = '--conditions=production'

function runWithCondition(): never {
  const result = spawnSync(
    process.execPath,
    [...process.execArgv, CONDITION, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        NODE_ENV: process.env.NODE_ENV || 'production',
        [COMPILED_CLI_VARIABLE]: '1',
      },
    },
  )
  process.exit(result.status ?? 1)
}

const name = process.argv[2]
if (!isCommand(name)) {
  console.error(
    `Usage: node dist/cli.js <command> [arguments]\n\nCommands: ${Object.keys(COMMANDS).join(', ')}` +
      (name && name !== '--help' ? `\n\n"${name}" is not one of them.` : ''),
  )
  process.exit(name === '--help' ? 0 : 2)
}
if (!process.execArgv.includes(CONDITION)) runWithCondition()

// Each command reads its own arguments from process.argv, as under `npm run <command> -- …`.
process.argv.splice(2, 1)
await COMMANDS[name]()
