// An S3-compatible server for the tests: s3rver (a real S3 protocol server storing on disk) on an
// ephemeral loopback port. Prints one JSON line with its endpoint once it listens, and runs until
// it is sent SIGTERM. Run by scripts/ensure-s3.mjs, in its own process so the test runner's
// blocking wait for vitest cannot stall it.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import S3rver from 's3rver'

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'stopsim-s3-'))
const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory })
const { address, port } = await server.run()
console.log(JSON.stringify({ endpoint: `http://${address}:${port}` }))

const stop = async () => {
  await server.close().catch(() => {})
  fs.rmSync(directory, { recursive: true, force: true })
  process.exit(0)
}
process.on('SIGTERM', () => void stop())
process.on('SIGINT', () => void stop())
