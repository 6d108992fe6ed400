// `npm run bench:upload`: how long the production server takes to accept a 12-megapixel phone
// photo (type check, metadata stripping, six sizes) and how much memory that costs it. Loopback
// only, a few uploads on a fresh SQLite database. Peak memory is the server's VmHWM from /proc.
/* global FormData */
import { Blob, Buffer } from 'node:buffer'
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'

import sharp from 'sharp'

import { ensureBuild, json, root, scratch, startServer } from './lib.mjs'

const RUNS = Number(process.env.BENCH_UPLOADS ?? 5)
const WIDTH = 4000
const HEIGHT = 3000
ensureBuild()

// Photo-like content (gradients, shapes and grain) so the JPEG is the size a phone makes.
async function twelveMegapixelPhoto() {
  const shapes = Array.from({ length: 60 }, (_, index) => {
    const x = (index * 977) % WIDTH
    const y = (index * 613) % HEIGHT
    return `<circle cx="${x}" cy="${y}" r="${80 + ((index * 37) % 400)}" fill="hsl(${(index * 47) % 360},60%,55%)" opacity="0.5"/>`
  }).join('')
  const scene = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}"><defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="#234"/><stop offset="1" stop-color="#db8"/></linearGradient></defs><rect width="${WIDTH}" height="${HEIGHT}" fill="url(#g)"/>${shapes}</svg>`,
  )
  const grain = await sharp({
    create: {
      width: WIDTH,
      height: HEIGHT,
      channels: 3,
      noise: { type: 'gaussian', mean: 0, sigma: 12 },
    },
  })
    .png()
    .toBuffer()
  return sharp(scene)
    .composite([{ input: grain, blend: 'add' }])
    .jpeg({ quality: 88 })
    .withExif({
      IFD0: { Make: 'BenchPhone', Model: 'Twelve' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer()
}

const memoryKb = (pid, field) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1])
}

const space = scratch()
// As `npm start` and the Dockerfile set it: see "Memory" in the README.
const server = await startServer(space, { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' })
const base = server.base
try {
  const { token } = await json(base, 'POST', '/api/users/first-register', {
    email: 'bench@example.org',
    password: 'a-long-enough-bench-password',
    name: 'Bench',
  })
  const photo = await twelveMegapixelPhoto()

  const upload = async (title) => {
    const form = new FormData()
    form.append('file', new Blob([photo], { type: 'image/jpeg' }), 'IMG_0001.jpg')
    form.append('_payload', JSON.stringify({ title, alt: 'A benchmark photograph.' }))
    const started = performance.now()
    const reply = await fetch(`${base}/api/artwork`, {
      method: 'POST',
      body: form,
      headers: { authorization: `JWT ${token}` },
    })
    const body = await reply.json()
    if (reply.status !== 201) throw new Error(`upload failed: ${JSON.stringify(body)}`)
    return { ms: performance.now() - started, doc: body.doc }
  }

  const restingKb = memoryKb(server.pid, 'VmRSS')
  const peakBeforeKb = memoryKb(server.pid, 'VmHWM')
  // Resets the kernel's peak-memory mark, so VmHWM afterwards is the peak during the uploads.
  fs.writeFileSync(`/proc/${server.pid}/clear_refs`, '5')
  const times = []
  let doc
  for (let run = 0; run < RUNS; run += 1) {
    const result = await upload(`Benchmark ${run + 1}`)
    times.push(result.ms)
    doc = result.doc
  }
  const peakKb = memoryKb(server.pid, 'VmHWM')
  times.sort((a, b) => a - b)
  const results = {
    date: new Date().toISOString(),
    input: {
      width: WIDTH,
      height: HEIGHT,
      megapixels: (WIDTH * HEIGHT) / 1e6,
      bytes: photo.length,
    },
    runs: RUNS,
    stored: {
      width: doc.width,
      height: doc.height,
      bytes: doc.filesize,
      sizes: Object.keys(doc.sizes),
    },
    ms: {
      min: Math.round(times[0]),
      median: Math.round(times[Math.floor(times.length / 2)]),
      max: Math.round(times.at(-1)),
    },
    memoryMb: {
      restingBefore: Math.round(restingKb / 1024),
      peakAtStartup: Math.round(peakBeforeKb / 1024),
      peakDuringUploads: Math.round(peakKb / 1024),
      addedByUploads: Math.round((peakKb - restingKb) / 1024),
    },
  }
  fs.writeFileSync(path.join(root, 'bench/upload-results.json'), JSON.stringify(results, null, 2))
  console.log(
    `12-megapixel JPEG (${(photo.length / 1024 / 1024).toFixed(1)} MB, ${RUNS} uploads, each stripped and made into ${results.stored.sizes.length} sizes):`,
  )
  console.log(
    `  time per upload: median ${results.ms.median} ms (min ${results.ms.min}, max ${results.ms.max})`,
  )
  console.log(
    `  server memory: ${results.memoryMb.restingBefore} MB at rest, peak ${results.memoryMb.peakDuringUploads} MB (+${results.memoryMb.addedByUploads} MB)`,
  )
  console.log('  written to bench/upload-results.json')
} finally {
  await server.stop()
  space.remove()
}
