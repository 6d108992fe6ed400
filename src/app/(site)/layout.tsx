import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'

import { Footer, Masthead, QuickExit } from '../../site/components/Chrome'
import { siteSettings, sitePayload } from '../../site/payload'
import { STYLESHEET } from '../../site/style'

// Every page reads the database as an anonymous visitor when asked; nothing is built ahead.
export const dynamic = 'force-dynamic'

export async function generateMetadata(): Promise<Metadata> {
  const [settings, payload] = await Promise.all([siteSettings(), sitePayload()])
  const base = payload.config.serverURL
  return {
    // OpenGraph images and links must be absolute.
    metadataBase: base ? new URL(base) : undefined,
    title: { default: settings.siteName, template: `%s – ${settings.siteName}` },
    openGraph: { siteName: settings.siteName, locale: 'en_GB', type: 'website' },
    alternates: { types: { 'application/atom+xml': '/feed.xml' } },
  }
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 }

export default async function SiteLayout({ children }: { children: ReactNode }) {
  const settings = await siteSettings()
  const accent = /^#[0-9a-f]{6}$/i.test(settings.accentColour ?? '') ? settings.accentColour : null
  return (
    <html lang="en-GB">
      <head>
        <style dangerouslySetInnerHTML={{ __html: STYLESHEET }} />
        {accent ? (
          <style dangerouslySetInnerHTML={{ __html: `:root{--accent:${accent}}` }} />
        ) : null}
      </head>
      <body>
        <a className="skip" href="#main">
          Skip to the main content
        </a>
        <QuickExit />
        <Masthead settings={settings} />
        {settings.archiveMode && settings.archiveNotice ? (
          <div className="wrap">
            <p className="archived">{settings.archiveNotice}</p>
          </div>
        ) : null}
        <main id="main" className="wrap" tabIndex={-1}>
          {children}
        </main>
        <Footer settings={settings} />
      </body>
    </html>
  )
}
