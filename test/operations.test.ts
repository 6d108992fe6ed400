import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { createClient } from '@libsql/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { api } from './helpers/api'
import { type CliResult, runCommand } from './helpers/cli'
import { type RunningServer, startServer } from './helpers/server'
import { createTeam, TEAM_PASSWORD, type Team } from './helpers/team'
import { phonePhotoWithGps } from './helpers/images'

const temporaryFolder = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix))
const SECRET = crypto.randomBytes(32).toString('hex')

type Run = CliResult

/** `node dist/cli.js …` as an operator types it: no flags, no tsx, only the environment given. */
const runCompiled = (root: string, args: string[], env: Record<string, string>) =>
  runCommand(
    process.execPath,
    [path.join(root, 'dist/cli.js'), ...args],
    {
      NODE_ENV: 'production',
      ...env,
    },
    { cwd: root },
  )

const expectOk = (run: Run) => {
  if (run.code !== 0) throw new Error(`exit ${run.code}:\n${run.stdout}\n${run.stderr}`)
}

async function countRows(databaseFile: string, table: string): Promise<number> {
  const client = createClient({ url: `file:${databaseFile}` })
  try {
    const result = await client.execute(`select count(*) as n from ${table}`)
    return Number(result.rows[0].n)
  } finally {
    client.close()
  }
}

describe('the operator commands in a production install (npm ci --omit=dev)', () => {
  let root: string
  let work: string
  const database = () => path.join(work, 'site.db')
  const siteEnv = (databaseFile = database(), mediaDir = path.join(work, 'media')) => ({
    DATABASE_URL: `file:${databaseFile}`,
    MEDIA_DIR: mediaDir,
    PAYLOAD_SECRET: SECRET,
  })

  beforeAll(() => {
    // What the Docker image holds: the builds and the production dependencies, no source.
    root = temporaryFolder('stopsim-production-install-')
    work = temporaryFolder('stopsim-production-data-')
    for (const file of ['package.json', 'package-lock.json', 'next.config.mjs']) {
      fs.copyFileSync(file, path.join(root, file))
    }
    fs.cpSync('dist', path.join(root, 'dist'), { recursive: true })
    // archive:export draws the archive's pages with the built site, as in the image.
    fs.cpSync('.next', path.join(root, '.next'), {
      recursive: true,
      filter: (source) => !source.includes(`${path.sep}.next${path.sep}cache`),
    })
    execFileSync(
      'npm',
      ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'],
      { cwd: root, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } },
    )
  }, 300_000)
  afterAll(async () => {
    await Promise.all(
      [root, work].map((folder) => fs.promises.rm(folder, { recursive: true, force: true })),
    )
  }, 300_000)

  it('has no source, no tsx and no development packages', () => {
    expect(fs.existsSync(path.join(root, 'src'))).toBe(false)
    expect(fs.existsSync(path.join(root, 'node_modules/tsx'))).toBe(false)
    expect(fs.existsSync(path.join(root, 'node_modules/vitest'))).toBe(false)
  })

  it('lists its commands, and names the compiled command in its usage lines', async () => {
    const help = await runCompiled(root, [], siteEnv())
    expect(help.code).toBe(2)
    for (const command of [
      'seed',
      'import:signatories',
      'archive:export',
      'archive:verify',
      'archive:import',
      'backup',
      'restore',
    ]) {
      expect(help.stderr).toContain(command)
    }
    const usage = await runCompiled(root, ['backup'], siteEnv())
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('Usage: node dist/cli.js backup --out')
  })

  it('seeds, imports signatories, backs up, restores, exports, verifies and imports an archive', async () => {
    expectOk(await runCompiled(root, ['seed', '--allow-production'], siteEnv()))
    const statements = await countRows(database(), 'statements')
    expect(statements).toBeGreaterThan(0)

    const client = createClient({ url: `file:${database()}` })
    const letter = await client.execute(
      "select slug from statements where kind = 'open_letter' and _status = 'published' limit 1",
    )
    client.close()
    const csv = path.join(work, 'signatories.csv')
    fs.writeFileSync(
      csv,
      'name,role,organisation,email,display\n' +
        'Ffion Rees,Social worker,A borough team,ffion.rees@example.org,full\n' +
        'Tomasz Nowak,Psychiatric nurse,,tomasz.nowak@example.org,name_only\n',
    )
    const before = await countRows(database(), 'signatories')
    expectOk(
      await runCompiled(
        root,
        ['import:signatories', '--letter', String(letter.rows[0].slug), csv],
        siteEnv(),
      ),
    )
    expect(await countRows(database(), 'signatories')).toBe(before + 2)

    const backupFolder = path.join(work, 'backup')
    const backedUp = await runCompiled(root, ['backup', '--out', backupFolder], siteEnv())
    expectOk(backedUp)
    expect(backedUp.stdout).toContain(`node dist/cli.js restore ${backupFolder}`)
    expectOk(await runCompiled(root, ['archive:verify', backupFolder], {}))

    const restoredDatabase = path.join(work, 'restored.db')
    expectOk(
      await runCompiled(
        root,
        ['restore', backupFolder],
        siteEnv(restoredDatabase, path.join(work, 'restored-media')),
      ),
    )
    expect(await countRows(restoredDatabase, 'signatories')).toBe(before + 2)
    expect(await countRows(restoredDatabase, 'statements')).toBe(statements)

    const archiveFolder = path.join(work, 'archive')
    expectOk(await runCompiled(root, ['archive:export', '--out', archiveFolder], siteEnv()))
    expectOk(await runCompiled(root, ['archive:verify', archiveFolder], {}))
    const importedDatabase = path.join(work, 'imported.db')
    expectOk(
      await runCompiled(
        root,
        ['archive:import', archiveFolder],
        siteEnv(importedDatabase, path.join(work, 'imported-media')),
      ),
    )
    expect(await countRows(importedDatabase, 'statements')).toBeGreaterThan(0)
  }, 300_000)
})

describe('scheduled backups', () => {
  let server: RunningServer
  let backupDir: string

  beforeAll(async () => {
    backupDir = temporaryFolder('stopsim-scheduled-backups-')
    server = await startServer('sqlite', {
      JOBS_CRON: '* * * * * *',
      BACKUP_CRON: '*/2 * * * * *',
      BACKUP_DIR: backupDir,
      BACKUP_KEEP: '2',
      LOGIN_RATE_LIMIT_PER_MINUTE: '0',
    })
  })
  afterAll(async () => {
    await server?.stop()
    fs.rmSync(backupDir, { recursive: true, force: true })
  })

  it('run on their own, verify, keep BACKUP_KEEP and can be restored to serve the same data', async () => {
    const team = await createTeam(server.url)
    const client = api(server.url)
    const created = await client.request<{ doc: { id: number; title: string } }>(
      '/api/statements',
      {
        method: 'POST',
        auth: team.editor,
        body: {
          title: 'Kept by the nightly backup',
          kind: 'statement',
          _status: 'published',
          contentWarnings: { reviewed: true },
        },
      },
    )
    expect(created.status).toBe(201)

    // Wait until more backups have been made than are kept, watching that no more are kept.
    const seen = new Set<string>()
    const deadline = Date.now() + 60_000
    while (seen.size < 4 && Date.now() < deadline) {
      const folders = fs.readdirSync(backupDir).filter((name) => name.startsWith('backup-'))
      expect(folders.filter((name) => !seen.has(name)).length).toBeLessThanOrEqual(2)
      for (const name of folders) {
        if (fs.existsSync(path.join(backupDir, name, 'manifest.json'))) seen.add(name)
      }
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    expect(seen.size).toBeGreaterThanOrEqual(4)
    // Let a backup being written finish, then look at what is kept.
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    const kept = fs
      .readdirSync(backupDir)
      .filter((name) => fs.existsSync(path.join(backupDir, name, 'manifest.json')))
      .sort()
    expect(kept.length).toBeLessThanOrEqual(3)
    // The schedule would go on pruning while the restore runs (slowly, on a busy machine).
    await server.signal('SIGTERM')
    const remaining = fs
      .readdirSync(backupDir)
      .filter((name) => fs.existsSync(path.join(backupDir, name, 'manifest.json')))
      .sort()
    const newest = path.join(backupDir, remaining[remaining.length - 1])

    const restoreTo = temporaryFolder('stopsim-restored-')
    const restored = await startServerFromBackup(newest, restoreTo)
    try {
      const read = await api(restored.url).request<{ title: string }>(
        `/api/statements/${created.body.doc.id}`,
      )
      expect(read.status).toBe(200)
      expect(read.body.title).toBe('Kept by the nightly backup')
      const login = await api(restored.url).login('admin@team.example', TEAM_PASSWORD)
      expect(login.token).toBeTruthy()
    } finally {
      await restored.stop()
      fs.rmSync(restoreTo, { recursive: true, force: true })
    }
  }, 180_000)
})

describe('a scheduled backup that fails', () => {
  let server: RunningServer
  let notAFolder: string

  beforeAll(async () => {
    // A file where the backups folder should be: every backup fails.
    notAFolder = path.join(temporaryFolder('stopsim-backup-file-'), 'backups')
    fs.writeFileSync(notAFolder, 'not a folder')
    server = await startServer('sqlite', {
      JOBS_CRON: '* * * * * *',
      BACKUP_CRON: '*/2 * * * * *',
      BACKUP_DIR: notAFolder,
      LOGIN_RATE_LIMIT_PER_MINUTE: '0',
    })
  })
  afterAll(async () => {
    await server?.stop()
    fs.rmSync(path.dirname(notAFolder), { recursive: true, force: true })
  })

  it('is shown to admins on the dashboard, and to no one else', async () => {
    const team = await createTeam(server.url)
    const dashboard = async (cookie: string | undefined) => {
      // As a browser sends it: Payload takes the cookie only from a same-site request.
      const response = await fetch(`${server.url}/admin`, {
        headers: { cookie: cookie ?? '', 'sec-fetch-site': 'same-origin' },
      })
      expect(response.status).toBe(200)
      return response.text()
    }
    const deadline = Date.now() + 60_000
    let html = ''
    while (Date.now() < deadline) {
      html = await dashboard(team.admin.cookie)
      if (html.includes('jobs have failed') || html.includes('1 job has failed')) break
      await new Promise((resolve) => setTimeout(resolve, 1_000))
    }
    expect(html).toContain('Site health')
    expect(html).toContain('scheduledBackup')
    expect(html).toContain('No scheduled backup has finished yet.')
    expect(html).toMatch(/Database: [\d.]+ [KMGT]?B free/)
    expect(html).toContain('No webhook has been switched off.')
    expect(await dashboard(team.editor.cookie)).not.toContain('Site health')
  }, 120_000)
})

/** `npm run restore` into a fresh folder, then the production server on what it restored. */
async function startServerFromBackup(
  backupFolder: string,
  into: string,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const databaseFile = path.join(into, 'restored.db')
  const env = {
    DATABASE_URL: `file:${databaseFile}`,
    MEDIA_DIR: path.join(into, 'media'),
    PAYLOAD_SECRET: SECRET,
  }
  expectOk(await runCompiled(process.cwd(), ['restore', backupFolder], env))
  const child: ChildProcess = spawn(
    process.execPath,
    ['--conditions=production', path.resolve('dist/server.js')],
    {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const deadline = Date.now() + 90_000
  let url: string | undefined
  while (!url && Date.now() < deadline) {
    url = /listening on (http:\/\/[\d.]+:\d+)/.exec(output)?.[1]
    if (child.exitCode !== null) throw new Error(`restored server exited:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  if (!url) throw new Error(`restored server did not start:\n${output}`)
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM')
      await new Promise((resolve) => child.once('close', resolve))
    },
  }
}

describe('logs and metrics', () => {
  const METRICS_TOKEN = crypto.randomBytes(24).toString('hex')
  let server: RunningServer
  let team: Team
  let stdoutStart: number

  beforeAll(async () => {
    server = await startServer('sqlite', {
      METRICS_TOKEN,
      TRUST_PROXY: '1',
      LOGIN_RATE_LIMIT_PER_MINUTE: '0',
    })
    stdoutStart = 0
    team = await createTeam(server.url)
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('writes JSON lines with a request id, and no address, password or token, after a journey', async () => {
    const client = api(server.url)
    const letter = await client.request<{ doc: { slug: string } }>('/api/statements', {
      method: 'POST',
      auth: team.editor,
      body: {
        title: 'A letter to log',
        kind: 'open_letter',
        signing: { open: true },
        _status: 'published',
        contentWarnings: { reviewed: true },
      },
    })
    expect(letter.status).toBe(201)
    const signerEmail = 'private.signer@example.org'
    const signed = await client.request('/api/signatories/sign', {
      method: 'POST',
      body: {
        letter: letter.body.doc.slug,
        name: 'Private Signer',
        email: signerEmail,
        display: 'full',
        consent: true,
        website: '',
      },
    })
    expect(signed.status).toBe(202)
    const wrong = await client.request('/api/users/login', {
      method: 'POST',
      body: { email: 'editor@team.example', password: 'not-the-password-at-all' },
    })
    expect(wrong.status).toBe(401)
    const login = await client.login('artist@team.example', TEAM_PASSWORD)
    const form = new FormData()
    form.append(
      'file',
      new Blob([new Uint8Array(await phonePhotoWithGps(400, 300))], { type: 'image/jpeg' }),
      'logged.jpg',
    )
    form.append(
      '_payload',
      JSON.stringify({ title: 'Logged upload', alt: 'A test picture for the log test.' }),
    )
    const uploaded = await fetch(`${server.url}/api/artwork`, {
      method: 'POST',
      body: form,
      headers: { authorization: `JWT ${login.token}` },
    })
    expect(uploaded.status).toBe(201)
    // A query string can carry an address: it is never logged.
    await client.request(`/api/statements?where[title][equals]=${encodeURIComponent(signerEmail)}`)
    // A proxy's request id is kept; one that is not an id is replaced.
    const traced = await client.request('/healthz', { headers: { 'x-request-id': 'proxy-id-123' } })
    expect(traced.headers.get('x-request-id')).toBe('proxy-id-123')
    const odd = await client.request('/healthz', {
      headers: { 'x-request-id': 'someone@example.org' },
    })
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)

    await new Promise((resolve) => setTimeout(resolve, 500))
    const output = server.output().slice(stdoutStart)
    const lines = output.split('\n').filter((line) => line.trim().startsWith('{'))
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    const requests = entries.filter((entry) => entry.msg === 'request')
    expect(requests.length).toBeGreaterThan(10)
    for (const entry of requests) {
      expect(entry).toMatchObject({
        requestId: expect.any(String),
        method: expect.any(String),
        route: expect.any(String),
        status: expect.any(Number),
        durationMs: expect.any(Number),
      })
      expect(String(entry.route)).not.toContain('?')
    }
    expect(requests.some((entry) => entry.requestId === 'proxy-id-123')).toBe(true)
    expect(requests.some((entry) => entry.route === '/api/signatories/sign')).toBe(true)

    for (const secret of [
      signerEmail,
      'editor@team.example',
      'artist@team.example',
      TEAM_PASSWORD,
      'not-the-password-at-all',
      login.token!,
      team.admin.token!,
      SECRET,
    ]) {
      expect(output).not.toContain(secret)
    }
  }, 120_000)

  it('refuses /metrics without the token, and with it answers Prometheus text with the series', async () => {
    const anonymous = await fetch(`${server.url}/metrics`)
    expect(anonymous.status).toBe(401)
    const wrong = await fetch(`${server.url}/metrics`, {
      headers: { authorization: 'Bearer not-the-token' },
    })
    expect(wrong.status).toBe(401)
    // An admin's login is not a metrics token.
    const admin = await fetch(`${server.url}/metrics`, {
      headers: { authorization: `JWT ${team.admin.token}` },
    })
    expect(admin.status).toBe(401)

    // Something to count: a cache miss and then a hit.
    await fetch(`${server.url}/api/statements?limit=1`)
    await fetch(`${server.url}/api/statements?limit=1`)
    const response = await fetch(`${server.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/plain')
    const text = await response.text()
    const samples = new Map<string, number>()
    for (const line of text.split('\n')) {
      if (!line || line.startsWith('#')) continue
      const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})? (-?[\d.e+-]+|NaN|[+-]Inf)$/.exec(line)
      expect(match, `not Prometheus text: ${line}`).not.toBeNull()
      samples.set(`${match![1]}${match![2] ?? ''}`, Number(match![3]))
    }
    const declared = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((match) => match[1])
    expect(declared).toEqual(
      expect.arrayContaining([
        'stopsim_http_requests_total',
        'stopsim_http_request_duration_seconds',
        'stopsim_read_cache_lookups_total',
        'stopsim_requests_shed_total',
        'stopsim_signatures_accepted_total',
        'stopsim_signature_batch_size',
        'stopsim_jobs_total',
        'stopsim_last_good_backup_age_seconds',
      ]),
    )
    const names = [...samples.keys()]
    expect(names.some((name) => name.startsWith('stopsim_http_requests_total{'))).toBe(true)
    expect(samples.get('stopsim_signatures_accepted_total')).toBeGreaterThanOrEqual(1)
    expect(names.some((name) => name.startsWith('stopsim_read_cache_lookups_total{'))).toBe(true)
    // Route labels are shapes, never values.
    for (const name of names.filter((entry) => entry.startsWith('stopsim_http_requests_total'))) {
      expect(name).not.toMatch(/@|\/\d+[/"]/)
    }
  })
})

describe('metrics without METRICS_TOKEN', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer('sqlite')
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('are refused to everyone', async () => {
    const response = await fetch(`${server.url}/metrics`, {
      headers: { authorization: 'Bearer anything-at-all-anything-at-all' },
    })
    expect(response.status).toBe(403)
    expect(await response.json()).toEqual({
      message: 'Metrics are turned off: set METRICS_TOKEN to turn them on.',
    })
  })
})
