import type { Browser } from 'playwright-core'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { launchBrowser, screenshot, watchForProblems } from './helpers/browser'
import { type RunningServer, startServer } from './helpers/server'

// The admin panel in a real browser, behind the real security headers: proof that the
// content security policy leaves it working. The headers do not depend on the database.
describe('the admin panel in Chromium', () => {
  let server: RunningServer
  let browser: Browser

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer('sqlite'), launchBrowser()])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('creates the first account, which lands on the dashboard as an admin', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const problems = watchForProblems(page)

    await page.goto(`${server.url}/admin`)
    await page.waitForURL(/\/admin\/create-first-user/)
    // Roles are not offered on this form: the first account is always an admin.
    expect(await page.locator('#field-roles').count()).toBe(0)
    await page.fill('#field-email', 'first@example.org')
    await page.fill('#field-password', 'a-long-enough-test-password')
    await page.fill('#field-confirm-password', 'a-long-enough-test-password')
    await page.fill('#field-name', 'First Admin')
    await screenshot(page, 'first-user-form')
    await page.click('button[type="submit"]')

    await page.waitForURL((url) => url.pathname === '/admin')
    await page.getByText('Accounts').first().waitFor()
    // Admins moderate too: the dashboard says how many signatures wait.
    await page.getByText('0 signatures to review').waitFor()
    await page.getByText('0 pieces of artwork to review').waitFor()
    await screenshot(page, 'dashboard-first-admin')

    const me = await page.evaluate(async () => (await fetch('/api/users/me')).json())
    expect(me.user).toMatchObject({ email: 'first@example.org', roles: ['admin'] })
    expect(problems).toEqual([])
  })

  it('opens a new statement with its content warnings and a warning section in the editor', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } })
    const problems = watchForProblems(page)
    await page.goto(`${server.url}/admin/login`)
    await page.fill('#field-email', 'first@example.org')
    await page.fill('#field-password', 'a-long-enough-test-password')
    await page.click('button[type="submit"]')
    await page.waitForURL((url) => url.pathname === '/admin')

    await page.goto(`${server.url}/admin/collections/statements/create`)
    await page.locator('#field-title').waitFor()
    await page.fill('#field-title', 'A statement written in the browser')
    await page.getByText('Content warnings', { exact: true }).first().waitFor()
    await page.getByText('I have checked these warnings').first().waitFor()
    await screenshot(page, 'statement-edit')
    expect(problems).toEqual([])
  })
})
