// Starts the suite's S3-compatible server (scripts/s3-server.mjs) and returns its endpoint.
// Given TEST_S3_ENDPOINT, that server is used instead. s3rver accepts the access key S3RVER
// with the secret S3RVER; tests create a bucket of their own in it.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { clearTimeout, setTimeout } from 'node:timers'
import { fileURLToPath } from 'node:url'

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 's3-server.mjs')

/** @returns {Promise<{ endpoint: string, stop: () => void }>} */
export async function ensureS3() {
  const given = process.env.TEST_S3_ENDPOINT
  if (given) return { endpoint: given, stop: () => {} }
  const child = spawn(process.execPath, [SCRIPT], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const endpoint = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`S3 for the tests: s3rver did not start:\n${output}`)),
      15_000,
    )
    child.stderr.on('data', (chunk) => (output += chunk))
    child.stdout.on('data', (chunk) => {
      output += chunk
      const line = output.split('\n').find((candidate) => candidate.startsWith('{'))
      if (!line) return
      clearTimeout(timer)
      resolve(JSON.parse(line).endpoint)
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`S3 for the tests: s3rver exited with code ${code}:\n${output}`))
    })
  })
  return { endpoint, stop: () => child.exitCode === null && child.kill('SIGTERM') }
}
