/** The public page of a document, or undefined for collections without pages. */
export function hrefOf(collection: string, doc: Record<string, unknown>): string | undefined {
  const slug = typeof doc.slug === 'string' && doc.slug ? encodeURIComponent(doc.slug) : undefined
  if (!slug) return undefined
  switch (collection) {
    case 'statements':
      return `/statements/${slug}`
    case 'updates':
      return `/updates/${slug}`
    case 'trusts':
      return `/trusts/${slug}`
    case 'pages':
      return `/${slug}`
    default:
      return undefined
  }
}
