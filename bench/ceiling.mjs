// The ceiling for `npm run bench`: a bare Express 5 route answering with the JSON file it is
// given, from memory. Started by bench/run.mjs in its own process, as the CMS server is.
import fs from 'node:fs'

import express from 'express'

const body = fs.readFileSync(process.env.BENCH_BODY_FILE)
const app = express()
// Express would otherwise hash the body for an ETag on every request.
app.set('etag', false)
app.get('/api/statements', (_req, res) => {
  res.type('application/json').send(body)
})
const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log('ceiling listening')
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
