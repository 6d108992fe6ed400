import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    // Files start real servers and databases; two at a time suits the two cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    env: { NODE_ENV: 'test' },
    // Lexical's Node entry points wrap the real module in a top-level await that can leave
    // Node's ES module loader hanging (exit code 13); a condition picks the file directly.
    execArgv: ['--conditions=development'],
  },
})
