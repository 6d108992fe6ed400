import { STATEMENT_KINDS } from '../collections/Statements'
import { REGIONS, SIM_STATUSES } from '../collections/Trusts/options'
import { UPDATE_CATEGORIES } from '../collections/Updates'
import { MAX_PAGE } from '../requestChecks'

/**
 * A query parameter's value in its one spelling, or undefined when the page reads it as if it
 * were not there (its default, or a value it does not know).
 */
type Rule = (value: string) => string | undefined

const oneOf =
  (options: readonly { value: string }[]): Rule =>
  (value) =>
    options.find((option) => option.value === value)?.value

export const TRUST_COLUMNS = ['name', 'region', 'simStatus', 'startedOn'] as const
export type TrustColumn = (typeof TRUST_COLUMNS)[number]

/** Ascending by name is the register's own order: asking for it is asking for nothing. */
const trustSort: Rule = (value) => {
  const descending = value.startsWith('-')
  const column = TRUST_COLUMNS.find((known) => known === value.replace(/^-/, ''))
  if (!column || (column === 'name' && !descending)) return undefined
  return `${descending ? '-' : ''}${column}`
}

/** A page of a list, from 2 up (1 is the list itself): `01`, `+2` or `2.0` name no other page. */
const pageNumber: Rule = (value) => {
  if (!/^\d{1,7}$/.test(value)) return undefined
  const page = Number(value)
  return page > 1 && page <= MAX_PAGE ? String(page) : undefined
}

// Trimmed again after the cut, so that the canonical form of a canonical query is itself.
const searchText: Rule = (value) => value.trim().slice(0, 100).trim() || undefined

/**
 * The query parameters each page of the public site reads, with what each may hold. The pages
 * read their query through `siteQuery` and link through `siteHref`, and the server
 * (src/server/publicPages.ts) answers any other spelling of the same question with a 301 to the
 * one written here before a page is drawn or cached. Without this each ignored parameter
 * (`/statements?zz=1`), each unknown value and each spelling of a number made a new cache entry
 * and a new render: an endless supply of misses for anyone wanting to load the site.
 *
 * Parameters are kept in the order written here, which is the order of each page's form fields
 * and links, so that a filled-in form is already in canonical order and is not redirected.
 * A page that reads a new parameter must add it here, or it never sees it.
 */
const ROUTES: readonly { path: RegExp; parameters: Readonly<Record<string, Rule>> }[] = [
  { path: /^\/statements$/, parameters: { kind: oneOf(STATEMENT_KINDS) } },
  { path: /^\/updates$/, parameters: { category: oneOf(UPDATE_CATEGORIES) } },
  {
    path: /^\/trusts$/,
    parameters: { status: oneOf(SIM_STATUSES), region: oneOf(REGIONS), sort: trustSort },
  },
  { path: /^\/search$/, parameters: { q: searchText } },
  { path: /^\/preferences$/, parameters: { saved: (value) => (value ? '1' : undefined) } },
  { path: /^\/statements\/[^/]+$/, parameters: { page: pageNumber } },
  // The home page, the other pages of each kind, the feed, sitemap and robots.txt read none.
  { path: /^\/([^/]+|statements\/[^/]+\/signed|(trusts|updates)\/[^/]+)?$/, parameters: {} },
]

type Query = Record<string, string | string[] | undefined>

const parametersOf = (path: string) => ROUTES.find((route) => route.path.test(path))?.parameters

/** The first value of a parameter given more than once, as URLSearchParams.get reads it. */
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)

/**
 * What a page at `path` reads from its query (Next.js's `searchParams`): only the parameters
 * listed for it, each in its one spelling; anything else is undefined.
 */
export function siteQuery(path: string, query: Query): Record<string, string | undefined> {
  const read: Record<string, string | undefined> = {}
  for (const [name, rule] of Object.entries(parametersOf(path) ?? {})) {
    const value = first(query[name])
    read[name] = value === undefined ? undefined : rule(value)
  }
  return read
}

/** The address of a page with the parameters it reads, in their one spelling and order. */
export function siteHref(path: string, query: Query): string {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(siteQuery(path, query))) {
    if (value !== undefined) search.set(name, value)
  }
  const text = search.toString()
  return text ? `${path}?${text}` : path
}

/**
 * The canonical form of a request for a site page (`path` already canonical, `search` as
 * sent, with its `?`), or undefined for an address that is not one of the site's pages.
 */
export function canonicalSiteUrl(path: string, search: string): string | undefined {
  if (!parametersOf(path)) return undefined
  const given = new URLSearchParams(search)
  const query: Query = {}
  for (const name of new Set(given.keys())) query[name] = given.get(name) ?? undefined
  return siteHref(path, query)
}
