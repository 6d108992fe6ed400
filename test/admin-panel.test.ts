import type { Browser, BrowserContext, Page } from 'playwright-core'

import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ourViolations, seriousViolations, type Violation } from './helpers/accessibility'
import { api } from './helpers/api'
import { launchBrowser, screenshot, watchForProblems } from './helpers/browser'
import { type RunningServer, startServer } from './helpers/server'

const PASSWORD = 'a-long-enough-test-password'
const ADMIN = 'first@example.org'

type Person = { email: string; role: string }
const PEOPLE: Record<'editor' | 'contributor' | 'artist' | 'moderator', Person> = {
  editor: { email: 'editor@example.org', role: 'editor' },
  contributor: { email: 'contributor@example.org', role: 'contributor' },
  artist: { email: 'artist@example.org', role: 'artist' },
  moderator: { email: 'moderator@example.org', role: 'moderator' },
}

// The admin panel in a real browser, behind the real security headers, walked through as the
// people who use it: first run, an editor publishing, a contributor who cannot, an artist
// uploading, a moderator approving artwork and a signature. Screenshots of each step go to
// test-results/, and axe-core checks the main pages.
// Each journey is many page loads; on a busy two-core machine that takes a while.
describe('the admin panel in Chromium', { timeout: 180_000 }, () => {
  let server: RunningServer
  let browser: Browser
  let client: ReturnType<typeof api>
  const axeResults: Record<string, Violation[]> = {}
  const contexts: BrowserContext[] = []

  const checkAccessibility = async (page: Page, name: string) => {
    const serious = await seriousViolations(page, name)
    axeResults[name] = serious
    expect(ourViolations(serious), `axe on ${name}`).toEqual([])
  }

  /** A fresh browser profile, signed in through the login form. */
  const signIn = async (email: string, { check }: { check?: string } = {}) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } })
    contexts.push(context)
    context.setDefaultTimeout(60_000)
    const page = await context.newPage()
    const problems = watchForProblems(page)
    await page.goto(`${server.url}/admin/login`)
    await page.locator('#field-email').waitFor()
    if (check) await checkAccessibility(page, check)
    await page.fill('#field-email', email)
    await page.fill('#field-password', PASSWORD)
    await page.click('button[type="submit"]')
    await page.waitForURL((url) => url.pathname === '/admin')
    return { page, problems }
  }

  /** Payload's selects are react-select widgets: open, type the option's label, choose it. */
  const choose = async (page: Page, fieldId: string, label: string) => {
    const field = page.locator(`#${fieldId}`)
    await field.locator('.rs__control').click()
    await page.keyboard.type(label)
    await page.locator('.rs__option', { hasText: label }).first().click()
  }

  const anonymousDocs = async (path: string) => {
    const response = await client.request<{ docs: Record<string, unknown>[] }>(path)
    expect(response.status).toBe(200)
    return response.body.docs
  }

  const eventually = async <T>(read: () => Promise<T>, ok: (value: T) => boolean) => {
    const deadline = Date.now() + 15_000
    let value = await read()
    while (!ok(value) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250))
      value = await read()
    }
    return value
  }

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([
      startServer('sqlite', { LOGIN_RATE_LIMIT_PER_MINUTE: '0', SIGN_RATE_LIMIT_PER_MINUTE: '0' }),
      launchBrowser(),
    ])
    client = api(server.url)
  })
  afterAll(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await server?.stop()
    console.log(
      `axe-core, serious and critical violations per page:\n${Object.entries(axeResults)
        .map(
          ([page, found]) =>
            `  ${page}: ${found.length ? found.map((v) => `${v.id} (${v.impact}, ${v.targets.length})`).join(', ') : 'none'}`,
        )
        .join('\n')}`,
    )
  })

  it('first run: creates the first account, which lands on the dashboard as an admin', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    context.setDefaultTimeout(60_000)
    contexts.push(context)
    const page = await context.newPage()
    const problems = watchForProblems(page)

    await page.goto(`${server.url}/admin`)
    await page.waitForURL(/\/admin\/create-first-user/)
    // Roles are not offered on this form: the first account is always an admin.
    expect(await page.locator('#field-roles').count()).toBe(0)
    await page.fill('#field-email', ADMIN)
    await page.fill('#field-password', PASSWORD)
    await page.fill('#field-confirm-password', PASSWORD)
    await page.fill('#field-name', 'First Admin')
    await screenshot(page, '01-first-user-form')
    await checkAccessibility(page, 'create-first-user')
    await page.click('button[type="submit"]')

    await page.waitForURL((url) => url.pathname === '/admin')
    await page.getByRole('heading', { name: 'Waiting for you' }).waitFor()
    await page.getByText('0 signatures to review').waitFor()
    await page.getByText('0 pieces of artwork to review').waitFor()
    await page.getByText('Nothing is scheduled').waitFor()
    await screenshot(page, '02-dashboard-first-admin')
    await checkAccessibility(page, 'dashboard')

    const me = await page.evaluate(async () => (await fetch('/api/users/me')).json())
    expect(me.user).toMatchObject({ email: ADMIN, roles: ['admin'] })
    expect(problems).toEqual([])

    // The other accounts, as an admin would add them.
    const admin = await client.login(ADMIN, PASSWORD)
    for (const person of Object.values(PEOPLE)) {
      const created = await client.request('/api/users', {
        method: 'POST',
        auth: admin,
        body: { email: person.email, password: PASSWORD, name: person.role, roles: [person.role] },
      })
      expect(created.status).toBe(201)
    }
  })

  it('an editor is stopped from publishing until the warnings are reviewed, then publishes', async () => {
    const { page, problems } = await signIn(PEOPLE.editor.email, { check: 'login' })
    await page.goto(`${server.url}/admin/collections/statements`)
    await page.getByRole('heading', { name: 'Statements' }).first().waitFor()
    await screenshot(page, '03-statements-list')
    await checkAccessibility(page, 'statements-list')

    await page.goto(`${server.url}/admin/collections/statements/create`)
    await page.locator('#field-title').waitFor()
    const title = 'Crisis care needs nurses, not handcuffs'
    await page.fill('#field-title', title)
    await choose(page, 'field-contentWarnings__categories', 'Police')
    await page.locator('.warnings-reminder').waitFor()
    await screenshot(page, '04-statement-edit-with-reminder')
    await checkAccessibility(page, 'statement-edit')

    await page.getByRole('button', { name: /^Publish( changes)?$/ }).click()
    await page.getByText('tick “I have checked these warnings” before publishing').first().waitFor()
    await screenshot(page, '05-statement-publish-refused')
    expect(
      await anonymousDocs(`/api/statements?where[title][equals]=${encodeURIComponent(title)}`),
    ).toEqual([])

    await page.locator('#field-contentWarnings__reviewed').check()
    await page.locator('.warnings-reminder').waitFor({ state: 'detached' })
    await page.getByRole('button', { name: /^Publish( changes)?$/ }).click()
    const published = await eventually(
      () => anonymousDocs(`/api/statements?where[title][equals]=${encodeURIComponent(title)}`),
      (docs) => docs.length === 1,
    )
    expect(published[0]).toMatchObject({
      title,
      contentWarnings: { categories: ['police'], reviewed: true },
    })
    await screenshot(page, '06-statement-published')
    await page.goto(`${server.url}/admin/collections/statements`)
    await page.getByRole('link', { name: title }).waitFor()
    // The list shows what an editor needs, content warnings included.
    await page.locator('#heading-contentWarnings__categories').waitFor()
    await page.getByRole('cell', { name: 'Police' }).first().waitFor()
    // Dates in British English, "2 December 2026, 00:04", under a plain-words heading.
    await expect(page.locator('#heading-updatedAt').innerText()).resolves.toBe('Last changed')
    const changed = await page.locator('td.cell-updatedAt').first().innerText()
    expect(changed).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}$/)
    await screenshot(page, '06b-statements-list-with-warnings')
    expect(problems).toEqual([])
  })

  it('a contributor gets no Publish button, and the API refuses them too', async () => {
    const { page, problems } = await signIn(PEOPLE.contributor.email)
    await page.goto(`${server.url}/admin/collections/statements/create`)
    await page.locator('#field-title').waitFor()
    await page.fill('#field-title', 'A draft from a contributor')
    // Autosave keeps the draft; the contributor never sees a way to publish it.
    await page.waitForURL(/\/admin\/collections\/statements\/\d+$/)
    await page.getByText('Last saved').first().waitFor()
    expect(await page.getByRole('button', { name: /^Publish/ }).count()).toBe(0)
    expect(await page.locator('.warnings-reminder').count()).toBe(0)
    await screenshot(page, '07-contributor-no-publish')

    const contributor = await client.login(PEOPLE.contributor.email, PASSWORD)
    const refused = await client.request('/api/statements', {
      method: 'POST',
      auth: contributor,
      body: { title: 'Sneaking out', _status: 'published', contentWarnings: { reviewed: true } },
    })
    expect(refused.status).toBe(403)
    expect(problems).toEqual([])
  })

  let artworkTitle: string

  it('an artist uploads artwork and sees it waiting for review; the public does not', async () => {
    const { page, problems } = await signIn(PEOPLE.artist.email)
    await page.getByText('0 pieces of your artwork waiting for review').waitFor()
    await page.goto(`${server.url}/admin/collections/artwork/create`)
    const picture = await sharp({
      create: { width: 900, height: 600, channels: 3, background: '#2a9d8f' },
    })
      .png()
      .toBuffer()
    await page.locator('input[type="file"]').setInputFiles({
      name: 'my painting.png',
      mimeType: 'image/png',
      buffer: picture,
    })
    artworkTitle = 'Green field in the morning'
    await page.fill('#field-title', artworkTitle)
    await page.fill('#field-alt', 'A plain green-blue square of colour.')
    await page.locator('#field-consentToPublish').check()
    await screenshot(page, '08-artist-upload-form')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.waitForURL(/\/admin\/collections\/artwork\/\w+$/)
    await page.getByText('Waiting for review').first().waitFor()
    await screenshot(page, '09-artist-artwork-pending')
    expect(await anonymousDocs('/api/artwork')).toEqual([])
    expect(problems).toEqual([])
  })

  it('a moderator approves the artwork and a signature from the dashboard panel', async () => {
    // A published open letter and one signature waiting, as the public would send it.
    const editor = await client.login(PEOPLE.editor.email, PASSWORD)
    const letter = await client.request<{ doc: { id: number } }>('/api/statements', {
      method: 'POST',
      auth: editor,
      body: {
        title: 'Open letter to the health board',
        kind: 'open_letter',
        _status: 'published',
        contentWarnings: { reviewed: true },
        signing: { open: true },
      },
    })
    expect(letter.status).toBe(201)
    const signed = await client.request('/api/signatories/sign', {
      method: 'POST',
      body: {
        letter: letter.body.doc.id,
        name: 'Alex Morgan',
        role: 'Community psychiatric nurse',
        organisation: 'A community team',
        email: 'alex.morgan@example.org',
        display: 'full',
        consent: true,
        website: '',
      },
    })
    expect(signed.status).toBe(202)

    const { page, problems } = await signIn(PEOPLE.moderator.email)
    await page.getByText('1 piece of artwork to review').waitFor()
    await page.getByText('1 signature to review').waitFor()
    await screenshot(page, '10-dashboard-moderator')

    await page.getByRole('link', { name: '1 piece of artwork to review' }).click()
    await page.waitForURL(/\/admin\/collections\/artwork\?/)
    await page.getByRole('link', { name: artworkTitle }).first().click()
    await page.waitForURL(/\/admin\/collections\/artwork\/\d+$/)
    await page.locator('#field-moderationStatus').waitFor()
    await choose(page, 'field-moderationStatus', 'Approved')
    await page.locator('#field-contentWarnings__reviewed').check()
    await screenshot(page, '11-moderator-approving-artwork')
    await checkAccessibility(page, 'artwork-edit')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    const artwork = await eventually(
      () => anonymousDocs('/api/artwork'),
      (docs) => docs.length === 1,
    )
    expect(artwork[0]).toMatchObject({ title: artworkTitle })
    // Listed publicly once approved; the review itself stays with the team.
    expect(artwork[0]).not.toHaveProperty('moderationStatus')
    const file = await fetch(new URL(String(artwork[0].url), server.url))
    expect(file.status).toBe(200)

    await page.goto(`${server.url}/admin`)
    await page.getByRole('link', { name: '1 signature to review' }).click()
    await page.waitForURL(/\/admin\/collections\/signatories\?/)
    await screenshot(page, '12-signatures-to-review')
    await checkAccessibility(page, 'signatures-list')
    await page.getByRole('link', { name: 'Alex Morgan' }).first().click()
    await page.waitForURL(/\/admin\/collections\/signatories\/\d+$/)
    await page.locator('#field-status').waitFor()
    await choose(page, 'field-status', 'Approved')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    const listed = await eventually(
      () => anonymousDocs(`/api/signatories?where[letter][equals]=${letter.body.doc.id}`),
      (docs) => docs.length === 1,
    )
    expect(listed[0]).toMatchObject({ publicName: 'Alex Morgan' })
    await page.goto(`${server.url}/admin`)
    await page.getByText('0 signatures to review').waitFor()
    await screenshot(page, '13-dashboard-after-moderation')
    expect(problems).toEqual([])
  })
})
