import { spawn } from 'node:child_process'

export type CliResult = { code: number | null; stdout: string; stderr: string }

/**
 * A command run as an operator would, with only the environment given here: no developer
 * .env settings leak in.
 */
export function runCommand(
  command: string,
  args: string[],
  env: Record<string, string>,
  { cwd, timeoutMs = 120_000 }: { cwd?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(
        new Error(`${command} ${args.join(' ')} took over ${timeoutMs} ms:\n${stdout}\n${stderr}`),
      )
    }, timeoutMs)
    child.once('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/** One of the project's npm scripts: `npm run <script> -- args`. */
export function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 120_000,
): Promise<CliResult> {
  return runCommand('npm', ['run', '--silent', script, '--', ...args], env, { timeoutMs })
}
