// Browser tests drive Debian's Chromium through playwright-core; a downloaded browser build
// is never used. Installs the package when it is missing (CI runs on a fresh machine as root).
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'

export const CHROMIUM_PATH = '/usr/bin/chromium'

export function ensureChromium() {
  if (fs.existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH} and this is not root: install the Debian "chromium" package.`,
    )
  }
  console.log('Installing Chromium from Debian (apt-get install chromium)…')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
    stdio: 'inherit',
    env,
  })
  if (!fs.existsSync(CHROMIUM_PATH))
    throw new Error('Chromium was installed but is not at ' + CHROMIUM_PATH)
  return CHROMIUM_PATH
}
