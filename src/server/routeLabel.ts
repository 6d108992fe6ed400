import type { SanitizedConfig } from 'payload'

// Payload's own routes below a collection, beside the document id.
const PAYLOAD_ROUTES = [
  'access',
  'count',
  'versions',
  'login',
  'logout',
  'me',
  'refresh-token',
  'forgot-password',
  'reset-password',
  'verify',
  'unlock',
  'init',
  'first-register',
  'file',
]

const SITE_SECTIONS = ['statements', 'updates', 'trusts', 'artwork', 'search', 'admin', '_next']
const SINGLE_ROUTES = ['/', '/healthz', '/readyz', '/metrics', '/api/graphql', '/api/access']

/**
 * A request's route as a label for logs and metrics: the shape of the path with every id,
 * slug, token and file name taken out. It must never carry a value (a confirmation token is a
 * path segment) and must come from a fixed set whatever an attacker sends, or each odd path
 * would start a new metrics series.
 */
export function routeLabeller(config: SanitizedConfig): (path: string) => string {
  const slugs = new Set([
    ...config.collections.map((collection) => collection.slug),
    ...config.globals.map((global) => `globals/${global.slug}`),
  ])
  const subRoutes = new Set(PAYLOAD_ROUTES)
  for (const collection of config.collections) {
    for (const endpoint of collection.endpoints || []) {
      const first = endpoint.path.split('/').filter(Boolean)[0]
      if (first && !first.startsWith(':')) subRoutes.add(first)
    }
  }

  return (path) => {
    if (SINGLE_ROUTES.includes(path)) return path
    const segments = path.split('/').filter(Boolean)
    if (segments[0] !== 'api') {
      return SITE_SECTIONS.includes(segments[0]) ? `/${segments[0]}` : '/page'
    }
    const [, first, second, ...rest] = segments
    const slug = first === 'globals' && second ? `globals/${second}` : first
    if (!slugs.has(slug)) return '/api/other'
    const after = first === 'globals' ? rest : [second, ...rest].filter(Boolean)
    if (after.length === 0) return `/api/${slug}`
    const sub = subRoutes.has(after[0]) ? after[0] : ':id'
    return [`/api/${slug}`, sub, ...after.slice(1, 3).map(() => ':param')].join('/')
  }
}
