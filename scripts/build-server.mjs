// Compiles the Express server and the operator's commands (and the Payload config they
// import) into ES modules, so production runs plain JavaScript rather than a TypeScript loader.
// Packages stay external: they must be the same module instances that Next's server bundle
// loads, and `npm ci --omit=dev` must be all a production install needs.
import { build } from 'esbuild'

await build({
  entryPoints: { server: 'src/server.ts', cli: 'src/cli.ts' },
  outdir: 'dist',
  // The commands share the config and most modules with the server: one copy of each chunk.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
})
console.log('built dist/server.js and dist/cli.js')
