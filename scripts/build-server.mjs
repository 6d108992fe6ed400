// Compiles the Express server (and the Payload config it imports) into one ES module, so
// production runs plain JavaScript rather than a TypeScript loader. Packages stay external:
// they must be the same module instances that Next's server bundle loads.
import { build } from 'esbuild'

await build({
  entryPoints: ['src/server.ts'],
  outfile: 'dist/server.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
})
console.log('built dist/server.js')
