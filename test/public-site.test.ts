import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Browser, BrowserContext, Page } from 'playwright-core'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { exportArchive } from '../src/archive/exportArchive'
import { silentProgress } from '../src/archive/progress'
import { seed } from '../src/seed'
import { DEMO_LETTER_SLUG } from '../src/seed/signatures'
import { SIGN_RATE_LIMIT_MESSAGE } from '../src/site/signState'
import { ourViolations, seriousViolations, type Violation } from './helpers/accessibility'
import { launchBrowser, screenshot, watchForProblems } from './helpers/browser'
import { connectLocalPayload, type LocalPayload } from './helpers/localPayload'
import { type RunningServer, startServer } from './helpers/server'

// Text that exists only in unpublished work: it must never appear on any public page.
const DRAFT_MARKER = 'UNPUBLISHED-DRAFT-MARKER-7f3a'
const DRAFT_SLUG = 'a-statement-still-in-draft'
const PLAIN_STATEMENT = 'how-we-share-lived-experience'
const WARNED_UPDATE = 'two-trusts-end-their-schemes'
const MAX_PAGE_BYTES = 100 * 1024

/** One of each kind of page, with what it must show. */
const PAGE_TYPES: { name: string; path: string; shows: string }[] = [
  { name: 'home', path: '/', shows: 'Latest updates' },
  { name: 'statements', path: '/statements', shows: 'Kind of statement' },
  { name: 'statement', path: `/statements/${PLAIN_STATEMENT}`, shows: 'Policy' },
  { name: 'open-letter', path: `/statements/${DEMO_LETTER_SLUG}`, shows: 'Who has signed' },
  { name: 'signed', path: `/statements/${DEMO_LETTER_SLUG}/signed`, shows: 'Thank you' },
  { name: 'updates', path: '/updates', shows: 'Category' },
  { name: 'update', path: `/updates/${WARNED_UPDATE}`, shows: 'Content warning' },
  { name: 'trusts', path: '/trusts', shows: 'NHS trusts register' },
  { name: 'trust', path: '/trusts/PLACEHOLDER', shows: 'ODS code' },
  { name: 'artwork', path: '/artwork', shows: 'Licence' },
  { name: 'about', path: '/about', shows: 'About' },
  { name: 'safer-spaces', path: '/safer-spaces', shows: 'afer' },
  { name: 'contact', path: '/contact', shows: 'Contact' },
  { name: 'search', path: '/search?q=trust', shows: 'results for' },
  { name: 'preferences', path: '/preferences', shows: 'Topics to hide' },
]

describe('the public website in Chromium', { timeout: 240_000 }, () => {
  let server: RunningServer
  let local: LocalPayload
  let browser: Browser
  let editor: { email: string; password: string }
  const contexts: BrowserContext[] = []
  const axeResults: Record<string, Violation[]> = {}

  const newPage = async (options: { javaScriptEnabled?: boolean; width?: number } = {}) => {
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1280, height: 900 },
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      reducedMotion: 'reduce',
    })
    contexts.push(context)
    context.setDefaultTimeout(60_000)
    // There is no internet here: the quick exit's destination answers locally.
    await context.route('https://www.bbc.co.uk/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>Weather</title><p>Weather</p>' }),
    )
    const page = await context.newPage()
    return { page, problems: watchForProblems(page) }
  }

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([
      startServer('sqlite', { SIGN_RATE_LIMIT_PER_MINUTE: '30' }),
      launchBrowser(),
    ])
    local = await connectLocalPayload(server.database.url, { MEDIA_DIR: server.mediaDir })
    const passwordFile = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'stopsim-site-')),
      'a.json',
    )
    const { accounts } = await seed(local.payload, { passwordFile })
    editor = accounts.find((account) => account.role === 'editor')!
    // Unpublished work: a draft statement, and a later draft over a published update.
    await local.payload.create({
      collection: 'statements',
      draft: true,
      overrideAccess: true,
      data: {
        title: `Draft ${DRAFT_MARKER}`,
        slug: DRAFT_SLUG,
        summary: DRAFT_MARKER,
        _status: 'draft',
      },
    })
    const { docs } = await local.payload.find({
      collection: 'updates',
      where: { slug: { equals: WARNED_UPDATE } },
      overrideAccess: true,
      depth: 0,
    })
    await local.payload.update({
      collection: 'updates',
      id: docs[0].id,
      draft: true,
      overrideAccess: true,
      data: { summary: `Later draft ${DRAFT_MARKER}` },
    })
    const trusts = await local.payload.find({
      collection: 'trusts',
      where: { _status: { equals: 'published' } },
      sort: 'name',
      limit: 1,
      overrideAccess: true,
      depth: 0,
    })
    PAGE_TYPES.find((type) => type.name === 'trust')!.path = `/trusts/${trusts.docs[0].slug}`
  })

  afterAll(async () => {
    fs.mkdirSync('test-results', { recursive: true })
    fs.writeFileSync('test-results/public-site-axe.json', JSON.stringify(axeResults, null, 2))
    for (const context of contexts) await context.close().catch(() => {})
    await browser?.close()
    await local?.stop()
    await server?.stop()
  })

  it('draws every page type under 100 KB, with no serious accessibility problem, no draft and a quick exit and crisis notice', async () => {
    const { page, problems } = await newPage()
    for (const type of PAGE_TYPES) {
      const response = await page.goto(`${server.url}${type.path}`)
      expect(response?.status(), type.path).toBe(200)
      const html = await response!.text()
      expect(Buffer.byteLength(html), `${type.path} size`).toBeLessThan(MAX_PAGE_BYTES)
      expect(html, type.path).not.toContain(DRAFT_MARKER)
      expect(html, type.path).toContain('lang="en-GB"')
      await expect(page.locator('main').innerText()).resolves.toContain(type.shows)
      await expect(page.locator('#exit-this-page').isVisible()).resolves.toBe(true)
      await expect(page.locator('footer .crisis').innerText()).resolves.toContain('call 999')
      const serious = await seriousViolations(page, `site-${type.name}`)
      axeResults[type.name] = serious
      expect(ourViolations(serious), `axe on ${type.path}`).toEqual([])
      await screenshot(page, `site-${type.name}`)
    }
    expect(problems).toEqual([])
  })

  it('stays readable at 320 px wide without sideways scrolling', async () => {
    const { page } = await newPage({ width: 320 })
    for (const type of PAGE_TYPES) {
      await page.goto(`${server.url}${type.path}`)
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
      expect(overflow, type.path).toBeLessThanOrEqual(0)
    }
    await page.goto(`${server.url}/trusts`)
    await screenshot(page, 'site-trusts-320px')
  })

  it('shows a warned statement only once the reader chooses to go on past its notice', async () => {
    const { page } = await newPage({ javaScriptEnabled: false })
    await page.goto(`${server.url}/statements/${DEMO_LETTER_SLUG}`)
    const notice = page.locator('.cw-notice')
    await expect(notice.innerText()).resolves.toMatch(/Police.*coercion/i)
    const letterText = page.getByText('Asking for help should never be treated as a crime.')
    await expect(letterText.isVisible()).resolves.toBe(false)
    // The notice comes before the content in the page.
    const order = await page.evaluate(() => {
      const noticeAt = document.querySelector('.cw-notice')!
      const body = document.querySelector('details.cw-doc')!
      return noticeAt.compareDocumentPosition(body) & Node.DOCUMENT_POSITION_FOLLOWING
    })
    expect(order).toBeTruthy()
    await page.getByText('Show the statement').click()
    await expect(letterText.isVisible()).resolves.toBe(true)
    await screenshot(page, 'site-warned-statement-opened')
  })

  it('folds an in-text warning section until it is opened', async () => {
    const { page } = await newPage({ javaScriptEnabled: false })
    const withSection = await local.payload.find({
      collection: 'statements',
      where: { _status: { equals: 'published' } },
      overrideAccess: true,
      limit: 50,
      depth: 0,
    })
    const statement = withSection.docs.find((doc) =>
      JSON.stringify(doc.body).includes('contentWarningSection'),
    )
    expect(statement).toBeTruthy()
    await page.goto(`${server.url}/statements/${statement!.slug}`)
    const opener = page.locator('details.cw-doc > summary')
    if (await opener.count()) await opener.click()
    const section = page.locator('details.cw-section').first()
    await expect(section.locator('summary').innerText()).resolves.toContain('Content warning')
    await expect(section.locator('.cw-body').isVisible()).resolves.toBe(false)
    await section.locator('summary').click()
    await expect(section.locator('.cw-body').isVisible()).resolves.toBe(true)
  })

  it('filters the trusts register by status and region and sorts it', async () => {
    const { page } = await newPage()
    await page.goto(`${server.url}/trusts`)
    const names = () => page.locator('#register tbody tr td:first-child a').allInnerTexts()
    const all = await names()
    expect(all.length).toBeGreaterThan(3)
    expect(all).toEqual([...all].sort((a, b) => a.localeCompare(b, 'en-GB')))
    await page.selectOption('#status', 'confirmed')
    await page.getByRole('button', { name: 'Filter' }).click()
    await page.waitForURL(/status=confirmed/)
    const statuses = await page.locator('#register tbody tr td:nth-child(3)').allInnerTexts()
    expect(statuses.length).toBeGreaterThan(0)
    expect(statuses.length).toBeLessThan(all.length)
    expect(new Set(statuses)).toEqual(new Set(['Confirmed: used SIM']))
    // Sort by name, descending, keeping the filter.
    await page.locator('#register thead a', { hasText: 'Trust' }).click()
    await page.waitForURL(/sort=-name/)
    expect(page.url()).toContain('status=confirmed')
    const descending = await names()
    expect(descending).toEqual([...descending].sort((a, b) => b.localeCompare(a, 'en-GB')))
    await expect(page.locator('th[aria-sort="descending"]').innerText()).resolves.toContain('Trust')
    // And by region.
    await page.goto(`${server.url}/trusts`)
    const region = await page.locator('#region option').nth(1).getAttribute('value')
    await page.selectOption('#region', region!)
    await page.getByRole('button', { name: 'Filter' }).click()
    await page.waitForURL(new RegExp(`region=${region}`))
    await screenshot(page, 'site-trusts-filtered')
  })

  const signatureOf = async (email: string) =>
    (
      await local.payload.find({
        collection: 'signatories',
        where: { email: { equals: email } },
        overrideAccess: true,
        depth: 0,
      })
    ).docs[0]

  it('signs without JavaScript: field messages beside the fields, then a thank-you page', async () => {
    const { page } = await newPage({ javaScriptEnabled: false })
    await page.goto(`${server.url}/statements/${DEMO_LETTER_SLUG}`)
    await page.fill('#sign-name', 'Nell Ashbury')
    await page.fill('#sign-email', 'not-an-address')
    await page.check('#sign-consent')
    await page.getByRole('button', { name: 'Sign the letter' }).click()
    await page.locator('#email-error').waitFor()
    await expect(page.locator('#email-error').innerText()).resolves.toContain(
      'That email address does not look right.',
    )
    await expect(page.locator('#sign-email').getAttribute('aria-invalid')).resolves.toBe('true')
    // What was typed is kept.
    await expect(page.locator('#sign-name').inputValue()).resolves.toBe('Nell Ashbury')
    await screenshot(page, 'site-sign-no-js-error')
    await page.fill('#sign-email', 'nell.ashbury@example.org')
    await page.getByRole('button', { name: 'Sign the letter' }).click()
    await page.waitForURL(/\/signed$/)
    await expect(page.locator('h1').innerText()).resolves.toBe('Thank you for signing')
    await screenshot(page, 'site-sign-no-js-thanks')
    const stored = await signatureOf('nell.ashbury@example.org')
    expect(stored).toMatchObject({ name: 'Nell Ashbury', status: 'pending', source: 'form' })
    expect(stored.consent?.notice).toBeTruthy()
  })

  it('signs with JavaScript and stays on the page', async () => {
    const { page, problems } = await newPage()
    const letterUrl = `${server.url}/statements/${DEMO_LETTER_SLUG}`
    await page.goto(letterUrl)
    await page.fill('#sign-name', 'Ozzie Penrith')
    await page.fill('#sign-email', 'ozzie@')
    await page.check('#sign-consent')
    await page.getByRole('button', { name: 'Sign the letter' }).click()
    await page.locator('#email-error').waitFor()
    expect(page.url()).toBe(letterUrl)
    await page.fill('#sign-email', 'ozzie.penrith@example.org')
    await page.check('#sign-display-anonymous')
    await page.getByRole('button', { name: 'Sign the letter' }).click()
    await page.locator('#signed').waitFor()
    expect(page.url()).toBe(letterUrl)
    await expect(page.locator('#signed').innerText()).resolves.toContain('Thank you')
    await screenshot(page, 'site-sign-js-thanks')
    expect(await signatureOf('ozzie.penrith@example.org')).toMatchObject({
      display: 'anonymous',
      status: 'pending',
    })
    // The honeypot is answered as a success and stores nothing.
    await page.goto(letterUrl)
    await page.fill('#sign-name', 'Robot')
    await page.fill('#sign-email', 'robot@example.org')
    await page.check('#sign-consent')
    await page.locator('#sign-website').fill('http://spam.example', { force: true })
    await page.getByRole('button', { name: 'Sign the letter' }).click()
    await page.locator('#signed').waitFor()
    expect(await signatureOf('robot@example.org')).toBeUndefined()
    expect(problems).toEqual([])
  })

  it('follows the thank-you redirect of a form sent by script (probe: fetched from port 3000)', async () => {
    // A script-sent form without its enhancement mark is answered with a redirect, which Next.js
    // fetches from the server's own address on the server's behalf.
    const { page } = await newPage()
    await page.goto(`${server.url}/statements/${DEMO_LETTER_SLUG}`)
    await page.locator('input[name="enhanced"]').evaluate((input) => input.remove())
    await page.fill('#sign-name', 'Quentin Arkwright')
    await page.fill('#sign-email', 'quentin.arkwright@example.org')
    await page.check('#sign-consent')
    await page.getByRole('button', { name: 'Sign the letter' }).click()
    await page.waitForURL(/\/signed$/, { timeout: 15_000 })
    await expect(page.locator('h1').innerText()).resolves.toBe('Thank you for signing')
    expect(server.output()).not.toContain('failed to get redirect response')
  })

  it('lists the letter’s public signatures with pages, honouring each display choice', async () => {
    const { page } = await newPage()
    await page.goto(`${server.url}/statements/${DEMO_LETTER_SLUG}`)
    const html = await page.content()
    expect(html).not.toContain('signers.example.org')
    // Quentin Marsh's signature was rejected; Harriet Voss withdrew.
    expect(html).not.toContain('Quentin Marsh')
    expect(html).not.toContain('Harriet Voss')
    await expect(page.locator('ol.signatories li').count()).resolves.toBe(50)
    await expect(page.locator('ol.signatories').innerText()).resolves.toContain('Anonymous')
    await page.getByRole('link', { name: 'Next page' }).click()
    await page.waitForURL(/page=2/)
    await expect(page.locator('ol.signatories li').count()).resolves.toBeGreaterThan(0)
  })

  it('hides a chosen topic from every list, remembered in a cookie set without script', async () => {
    const { page } = await newPage({ javaScriptEnabled: false })
    await page.goto(`${server.url}/statements`)
    const letterLink = page.locator(`a[href="/statements/${DEMO_LETTER_SLUG}"]`)
    await expect(letterLink.count()).resolves.toBe(1)
    const before = await page.locator('.cards > li').count()
    // Search results are a list too: warned ones are marked.
    await page.goto(`${server.url}/search?q=police`)
    await expect(page.locator('.cw-mark', { hasText: 'Police' }).count()).resolves.toBeGreaterThan(
      0,
    )
    await page.goto(`${server.url}/preferences`)
    await page.check('#hide-police')
    await page.getByRole('button', { name: 'Save my choice' }).click()
    await page.waitForURL(/saved=1/)
    await page.goto(`${server.url}/statements`)
    await expect(letterLink.count()).resolves.toBe(0)
    const after = await page.locator('.cards > li').count()
    expect(after).toBeGreaterThan(0)
    expect(after).toBeLessThan(before)
    await expect(page.locator('.notice').innerText()).resolves.toContain('police')
    for (const list of ['/updates', '/trusts', '/', '/search?q=police']) {
      await page.goto(`${server.url}${list}`)
      await expect(page.locator('.cw-mark', { hasText: 'Police' }).count(), list).resolves.toBe(0)
      await expect(letterLink.count(), list).resolves.toBe(0)
    }
    await screenshot(page, 'site-topics-hidden')
  })

  it('leaves the site through the quick exit, by button and by pressing Shift three times', async () => {
    const { page } = await newPage()
    await page.goto(`${server.url}/trusts`)
    await page.locator('#exit-this-page').click()
    await page.waitForURL(/bbc\.co\.uk/)
    // The site was replaced in the history: going back does not return to it.
    await page.goto(`${server.url}/updates`)
    await page.keyboard.press('Shift')
    await page.keyboard.press('Shift')
    await page.keyboard.press('Shift')
    await page.waitForURL(/bbc\.co\.uk/)
    // Without script it is still an ordinary link away.
    const noScript = await newPage({ javaScriptEnabled: false })
    await noScript.page.goto(`${server.url}/`)
    await noScript.page.locator('#exit-this-page').click()
    await noScript.page.waitForURL(/bbc\.co\.uk/)
  })

  it('can be used by keyboard alone: skip link, filter the register, open a warned statement', async () => {
    const { page } = await newPage()
    await page.goto(`${server.url}/trusts`)
    await page.keyboard.press('Tab')
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLElement
        const style = getComputedStyle(element)
        return {
          text: element.innerText ?? '',
          id: element.id,
          tag: element.tagName,
          outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px',
        }
      })
    expect(await focused()).toMatchObject({ text: 'Skip to the main content', outline: true })
    await page.keyboard.press('Enter')
    const tabTo = async (match: (element: Awaited<ReturnType<typeof focused>>) => boolean) => {
      for (let step = 0; step < 80; step += 1) {
        await page.keyboard.press('Tab')
        const element = await focused()
        if (match(element)) {
          expect(element.outline, `focus ring on ${element.tag} ${element.id}`).toBe(true)
          return element
        }
      }
      throw new Error('never reached by Tab')
    }
    await tabTo((element) => element.id === 'status')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await tabTo((element) => element.tag === 'BUTTON' && element.text === 'Filter')
    await page.keyboard.press('Enter')
    await page.waitForURL(/status=/)
    // Then to a warned statement, through its notice.
    await page.goto(`${server.url}/statements/${DEMO_LETTER_SLUG}`)
    await tabTo((element) => element.tag === 'SUMMARY')
    await page.keyboard.press('Enter')
    await expect(
      page.getByText('Asking for help should never be treated as a crime.').isVisible(),
    ).resolves.toBe(true)
    await screenshot(page, 'site-keyboard-journey')
  })

  it('publishes a valid Atom feed and sitemap of published documents only, and robots.txt', async () => {
    const { page } = await newPage()
    await page.goto(`${server.url}/robots.txt`)
    const parse = async (path: string) => {
      const response = await fetch(`${server.url}${path}`)
      expect(response.status).toBe(200)
      const text = await response.text()
      expect(text).not.toContain(DRAFT_MARKER)
      return page.evaluate((xml) => {
        const doc = new DOMParser().parseFromString(xml, 'application/xml')
        return {
          error: doc.getElementsByTagName('parsererror').length > 0,
          root: doc.documentElement.namespaceURI,
          locs: [...doc.getElementsByTagName('loc')].map((node) => node.textContent ?? ''),
          entries: [...doc.getElementsByTagName('entry')].map(
            (entry) => entry.getElementsByTagName('link')[0]?.getAttribute('href') ?? '',
          ),
        }
      }, text)
    }
    const feed = await parse('/feed.xml')
    expect(feed.error).toBe(false)
    expect(feed.root).toBe('http://www.w3.org/2005/Atom')
    const publishedUpdates = await local.payload.find({
      collection: 'updates',
      where: { _status: { equals: 'published' } },
      overrideAccess: true,
      limit: 100,
      depth: 0,
    })
    expect(feed.entries.length).toBe(Math.min(30, publishedUpdates.totalDocs))
    const sitemap = await parse('/sitemap.xml')
    expect(sitemap.error).toBe(false)
    expect(sitemap.root).toBe('http://www.sitemaps.org/schemas/sitemap/0.9')
    for (const collection of ['statements', 'updates', 'trusts', 'pages'] as const) {
      const read = { collection, overrideAccess: true, limit: 200, depth: 0 } as const
      // The latest versions, drafts included, and what is published.
      const everything = await local.payload.find({ ...read, draft: true })
      const published = await local.payload.find({
        ...read,
        where: { _status: { equals: 'published' } },
      })
      const publishedSlugs = new Set(published.docs.map((doc) => doc.slug))
      expect(everything.docs.length).toBeGreaterThan(0)
      for (const doc of everything.docs) {
        const listed = sitemap.locs.some((loc) => loc.endsWith(`/${doc.slug}`))
        expect(listed, `${collection}/${doc.slug}`).toBe(publishedSlugs.has(doc.slug))
      }
    }
    // Every page the sitemap lists is public and free of drafts.
    for (const loc of sitemap.locs) {
      const response = await fetch(`${server.url}${new URL(loc).pathname}`)
      expect(response.status, loc).toBe(200)
      expect(await response.text(), loc).not.toContain(DRAFT_MARKER)
    }
    expect((await fetch(`${server.url}/statements/${DRAFT_SLUG}`)).status).toBe(404)
    const robots = await (await fetch(`${server.url}/robots.txt`)).text()
    expect(robots).toContain('Sitemap: ')
  })

  it('writes the archive’s static copy from these same pages, matching the live ones apart from forms', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stopsim-site-archive-')), 'a')
    await exportArchive(local.payload, { out, progress: silentProgress })
    const site = path.join(out, 'site')
    const live = await newPage()
    const archived = await newPage({ javaScriptEnabled: false })
    const mainText = (page: Page) =>
      page.evaluate(() => {
        const main = document.querySelector('main')!.cloneNode(true) as HTMLElement
        for (const element of main.querySelectorAll(
          'form, .archive-form, .letter-closed, .sign-call',
        )) {
          element.remove()
        }
        return main.innerText.replace(/\s+/g, ' ').trim()
      })
    const pairs: [string, string][] = [
      ['/', 'index.html'],
      ['/statements', 'statements/index.html'],
      [`/statements/${DEMO_LETTER_SLUG}`, `statements/${DEMO_LETTER_SLUG}.html`],
      [`/statements/${DEMO_LETTER_SLUG}?page=2`, `statements/${DEMO_LETTER_SLUG}-page-2.html`],
      [`/updates/${WARNED_UPDATE}`, `updates/${WARNED_UPDATE}.html`],
      ['/trusts', 'trusts/index.html'],
      [
        PAGE_TYPES.find((type) => type.name === 'trust')!.path,
        `${PAGE_TYPES.find((type) => type.name === 'trust')!.path.slice(1)}.html`,
      ],
      ['/artwork', 'artwork/index.html'],
      ['/about', 'about.html'],
    ]
    for (const [address, file] of pairs) {
      await live.page.goto(`${server.url}${address}`)
      await archived.page.goto(`file://${path.join(site, file)}`)
      expect(await mainText(archived.page), file).toBe(await mainText(live.page))
    }
    // The letter's form gives way to a notice that it has closed.
    await archived.page.goto(`file://${path.join(site, `statements/${DEMO_LETTER_SLUG}.html`)}`)
    await expect(archived.page.locator('.letter-closed').innerText()).resolves.toContain('closed')
    await expect(archived.page.locator('form').count()).resolves.toBe(0)
    await screenshot(archived.page, 'archive-letter-page')
    const html = fs.readFileSync(path.join(site, 'index.html'), 'utf8')
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toContain(DRAFT_MARKER)
  })

  it('keeps anonymous pages in the read cache until something is published', async () => {
    const first = await fetch(`${server.url}/updates`)
    expect(first.status).toBe(200)
    await first.text()
    const second = await fetch(`${server.url}/updates`, { headers: { 'accept-encoding': 'gzip' } })
    expect(second.headers.get('x-cache')).toBe('HIT')
    expect(second.headers.get('cache-control')).toMatch(/^public, max-age=0, s-maxage=\d+/)
    expect(second.headers.get('vary')).toMatch(/Cookie/)
    // A reader with topics hidden has a page of their own.
    const hiding = await fetch(`${server.url}/updates`, {
      headers: { cookie: 'hide-topics=police' },
    })
    expect(hiding.headers.get('x-cache')).toBe('MISS')
    await hiding.text()
    // The choice as the page reads it: the last cookie of that name, decoded; the order and
    // repeats of topics make no new entry (probe: each spelling was drawn again).
    const hidingAs = (cookie: string) => fetch(`${server.url}/updates`, { headers: { cookie } })
    const repeated = await hidingAs('hide-topics=; hide-topics=police')
    expect(repeated.headers.get('x-cache')).toBe('HIT')
    expect(await repeated.text()).toBe(await (await hidingAs('hide-topics=police')).text())
    const both = await hidingAs('hide-topics=police.restraint')
    expect(both.headers.get('x-cache')).toBe('MISS')
    await both.text()
    for (const spelling of ['restraint.police', 'police%2Crestraint', 'restraint.police.police']) {
      const again = await hidingAs(`hide-topics=${spelling}`)
      expect(again.headers.get('x-cache'), spelling).toBe('HIT')
      await again.text()
    }
    const login = await fetch(`${server.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(editor),
    })
    const { token } = (await login.json()) as { token: string }
    const title = 'Published while the page was cached'
    const created = await fetch(`${server.url}/api/updates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
      body: JSON.stringify({
        title,
        date: new Date().toISOString(),
        _status: 'published',
        contentWarnings: { reviewed: true },
      }),
    })
    expect(created.status).toBe(201)
    const after = await fetch(`${server.url}/updates`)
    expect(after.headers.get('x-cache')).toBe('MISS')
    expect(await after.text()).toContain(title)
  })

  // Late in this block, before the letter closes: it spends this address's signatures for
  // the minute.
  it('counts the signing form and the API against one limit per address', async () => {
    let status = 0
    for (let attempt = 0; attempt < 40 && status !== 429; attempt++) {
      const response = await fetch(`${server.url}/api/signatories/sign`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ letter: 'no-such-letter', name: 'x', email: 'x@example.org' }),
      })
      status = response.status
      await response.body?.cancel()
    }
    expect(status).toBe(429)
    const { page } = await newPage({ javaScriptEnabled: false })
    await page.goto(`${server.url}/statements/${DEMO_LETTER_SLUG}`)
    await page.fill('#sign-name', 'Tamsin Over-Limit')
    await page.fill('#sign-email', 'tamsin.over@example.org')
    await page.check('#sign-consent')
    await page.getByRole('button', { name: 'Sign the letter' }).click()
    await page.getByText(SIGN_RATE_LIMIT_MESSAGE).waitFor()
    expect(await signatureOf('tamsin.over@example.org')).toBeUndefined()
  })

  it('says when a closed letter closed, in place of the form', async () => {
    const login = await fetch(`${server.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(editor),
    })
    const { token } = (await login.json()) as { token: string }
    const { docs } = await local.payload.find({
      collection: 'statements',
      where: { slug: { equals: DEMO_LETTER_SLUG } },
      overrideAccess: true,
      depth: 0,
    })
    const closed = await fetch(`${server.url}/api/statements/${docs[0].id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
      body: JSON.stringify({ signing: { open: true, closesAt: '2025-03-31T12:00:00.000Z' } }),
    })
    expect(closed.status).toBe(200)
    const { page } = await newPage({ javaScriptEnabled: false })
    await page.goto(`${server.url}/statements/${DEMO_LETTER_SLUG}`)
    await expect(page.locator('.letter-closed').innerText()).resolves.toBe(
      'This letter closed on 31 March 2025 and no longer accepts signatures.',
    )
    await expect(page.locator('form.sign-form').count()).resolves.toBe(0)
    await screenshot(page, 'site-letter-closed')
  })

  it('gives each document meta and OpenGraph tags, with the social image size', async () => {
    const html = await (await fetch(`${server.url}/updates/${WARNED_UPDATE}`)).text()
    expect(html).toMatch(/<meta property="og:title" content="[^"]+"/)
    expect(html).toContain('<meta property="og:site_name"')
    const withImage = await local.payload.find({
      collection: 'updates',
      where: { and: [{ heroImage: { exists: true } }, { _status: { equals: 'published' } }] },
      overrideAccess: true,
      limit: 1,
      depth: 0,
    })
    const heroPage = await (await fetch(`${server.url}/updates/${withImage.docs[0].slug}`)).text()
    expect(heroPage).toContain('<meta property="og:image:width" content="1200"')
    expect(heroPage).toContain('<meta property="og:image:height" content="630"')
  })
})

describe('PUBLIC_SITE=false', { timeout: 120_000 }, () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer('sqlite', { PUBLIC_SITE: 'false' })
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('leaves a headless CMS: the pages answer 404, the API and admin still answer', async () => {
    for (const path of ['/', '/statements', '/trusts', '/feed.xml', '/sitemap.xml', '/about']) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(404)
    }
    expect((await fetch(`${server.url}/api/statements`)).status).toBe(200)
    expect((await fetch(`${server.url}/admin/login`)).status).toBe(200)
  })
})
