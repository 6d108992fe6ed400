import fsp from 'node:fs/promises'
import path from 'node:path'

import { ArchiveError } from './manifest'
import type { Progress } from './progress'

// Pages every site has, besides those the sitemap lists.
const START = ['/', '/statements', '/updates', '/trusts', '/artwork', '/search', '/preferences']
// Only the letter's pages of signatures are kept apart by their query string.
const PAGE_PARAMETER = /^\?page=(\d+)$/
const FILE_NAME = /^\/[a-z]+\.(xml|txt)$/

export const FORM_NOTICE =
  '<p class="notice archive-form">This is an archived copy of the site: forms, filters and search no longer work here.</p>'

/**
 * Where a page of the site lives in the static copy: `/` is index.html, a list such as
 * /statements is statements/index.html, a document /statements/x is statements/x.html and a
 * standing page /about is about.html. Query strings are dropped (the copy lists everything),
 * except a letter's further pages of signatures.
 */
export function fileFor(url: URL): string {
  // The feed, sitemap and robots.txt keep their names.
  if (FILE_NAME.test(url.pathname)) return url.pathname.slice(1)
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent)
  const safe = parts.map((part) => part.replace(/[^A-Za-z0-9._-]/g, '-'))
  const page = PAGE_PARAMETER.exec(url.search)
  const suffix = page && page[1] !== '1' ? `-page-${page[1]}` : ''
  if (safe.length === 0) return 'index.html'
  if (safe.length === 1 && START.includes(`/${parts[0]}`)) return `${safe[0]}/index.html`
  return `${safe.join('/')}${suffix}.html`
}

/** The part of a link that decides which page it is, for the crawl. */
function pageKey(url: URL): string {
  const page = PAGE_PARAMETER.exec(url.search)
  return url.pathname.replace(/\/+$/, '') + (page && page[1] !== '1' ? `?page=${page[1]}` : '')
}

const originOf = (link: string) => {
  try {
    return new URL(link).origin
  } catch {
    return ''
  }
}

const isPage = (pathname: string) => !/^\/(api|admin|_next)(\/|$)/.test(pathname)
const relative = (from: string, to: string) => {
  const link = path.posix.relative(path.posix.dirname(from), to)
  return link === '' ? path.posix.basename(to) : link
}

/**
 * The site's own pages, as the running site draws them, made into a static copy that opens
 * from the file system: scripts removed (every page works without them), forms replaced by a
 * notice, links made relative, and uploaded files pointing at copies inside the folder.
 */
export async function crawlSite({
  url,
  root,
  site,
  progress,
}: {
  url: string
  root: string
  site: string
  progress: Progress
}): Promise<{ pages: number; files: string[] }> {
  const base = new URL(url)
  const sitemap = await (await fetch(new URL('/sitemap.xml', base))).text()
  const queue = [
    ...START,
    ...[...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]).pathname),
  ].map((pathname) => new URL(pathname, base))
  const seen = new Set(queue.map(pageKey))
  // Payload gives uploads absolute addresses on the site's own SERVER_URL, which need not be
  // the address it was read from.
  const firstLoc = /<loc>([^<]+)<\/loc>/.exec(sitemap)
  const own = new Set([base.origin, ...(firstLoc ? [new URL(firstLoc[1]).origin] : [])])
  const files = new Set<string>()
  const pages = new Map<string, string>()
  while (queue.length) {
    const address = queue.shift()!
    const response = await fetch(address, { redirect: 'manual' })
    const type = response.headers.get('content-type') ?? ''
    // A page that is gone, or moved, has no copy; any other failure would leave a hole.
    if (response.status === 404 || response.status === 410) continue
    if (response.status >= 300 && response.status < 400) continue
    if (response.status !== 200) {
      throw new ArchiveError(
        `The page ${address.pathname} answered ${response.status} while the static copy was drawn: try again.`,
      )
    }
    const file = fileFor(address)
    if (!type.startsWith('text/html')) {
      if (FILE_NAME.test(address.pathname)) pages.set(file, await response.text())
      continue
    }
    const html = staticPage(await response.text(), (link) => {
      if (link.startsWith('//')) return undefined
      if (!link.startsWith('/') && !own.has(originOf(link))) return undefined
      // An absolute own address (metadata links are made absolute) is read from `base`.
      const parsed = new URL(link, base)
      const target = new URL(parsed.pathname + parsed.search + parsed.hash, base)
      const uploaded = /^\/api\/([a-z-]+)\/file\/([^/]+)$/.exec(target.pathname)
      if (uploaded) {
        const stored = `files/${uploaded[1]}/${decodeURIComponent(uploaded[2])}`
        files.add(stored)
        return relative(file, stored) + target.hash
      }
      if (!isPage(target.pathname)) return undefined
      const key = pageKey(target)
      if (!seen.has(key)) {
        seen.add(key)
        queue.push(target)
      }
      return relative(file, fileFor(target)) + target.hash
    })
    pages.set(file, html)
  }
  progress.stage('writing the static site', pages.size)
  for (const [file, html] of [...pages].sort(([a], [b]) => a.localeCompare(b))) {
    const destination = path.join(root, site, file)
    await fsp.mkdir(path.dirname(destination), { recursive: true })
    await fsp.writeFile(destination, html)
    progress.advance(1)
  }
  for (const file of [...files].sort()) {
    const target = path.join(root, site, file)
    await fsp.mkdir(path.dirname(target), { recursive: true })
    await fsp.copyFile(path.join(root, file), target)
  }
  return { pages: pages.size, files: [...files] }
}

/**
 * One page made static. `link` turns a site address into a relative one, or leaves it (returns
 * undefined) when it points elsewhere.
 */
export function staticPage(html: string, link: (href: string) => string | undefined): string {
  let out = html
    // The site works without script; the copy has none, so it never reaches for a server.
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
    .replace(/<link\b[^>]*\/_next\/[^>]*>/gi, '')
    .replace(/<form\b[^>]*>[\s\S]*?<\/form>/gi, FORM_NOTICE)
  out = out.replace(/\b(href|src)="([^"]*)"/g, (whole, attribute: string, value: string) => {
    const decoded = value.replace(/&amp;/g, '&')
    const changed = link(decoded)
    return changed === undefined ? whole : `${attribute}="${changed.replace(/&/g, '&amp;')}"`
  })
  out = out.replace(/\b(srcSet|srcset)="([^"]*)"/g, (_whole, attribute: string, value: string) => {
    const candidates = value.split(',').map((candidate) => {
      const [address, ...descriptor] = candidate.trim().split(/\s+/)
      return [link(address) ?? address, ...descriptor].join(' ')
    })
    return `${attribute}="${candidates.join(', ')}"`
  })
  return out
}
