import type { CollectionConfig } from 'payload'

/**
 * Where each kind of document lives on the public site, relative to FRONTEND_URL. One place to
 * change if a front end lays its addresses out differently (documented in the README).
 */
const PATHS: Record<string, (slug: string) => string> = {
  statements: (slug) => `/statements/${slug}`,
  updates: (slug) => `/updates/${slug}`,
  trusts: (slug) => `/trusts/${slug}`,
  pages: (slug) => `/${slug}`,
}

export const PREVIEWABLE_COLLECTIONS = Object.keys(PATHS)

export function frontendUrlFor(
  frontendUrl: string,
  collection: string,
  doc: Record<string, unknown> | null | undefined,
): string | null {
  const slug = typeof doc?.slug === 'string' && doc.slug ? doc.slug : null
  const path = PATHS[collection]
  if (!slug || !path) return null
  // The front end decides what `preview=1` means: normally, fetch the draft with the editor's
  // login (Payload's `draft=true`), which only signed-in editors can read.
  return `${frontendUrl}${path(encodeURIComponent(slug))}?preview=1`
}

/** Adds the Preview button to the collections the public site shows. */
export function withPreview(
  frontendUrl: string | null,
  collection: CollectionConfig,
): CollectionConfig {
  if (!frontendUrl || !PREVIEWABLE_COLLECTIONS.includes(collection.slug)) return collection
  return {
    ...collection,
    admin: {
      ...collection.admin,
      preview: (doc) => frontendUrlFor(frontendUrl, collection.slug, doc),
    },
  }
}
