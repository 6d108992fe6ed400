import type { FieldHook, TextFieldSingleValidation } from 'payload'

import { APIError } from 'payload'

import { LinkFeature } from '@payloadcms/richtext-lexical'

const SCHEMES_ALLOWED = new Set(['http', 'https', 'mailto', 'tel'])

export const LINK_REFUSED =
  'Links must start with https://, http://, mailto:, tel:, / or #: other kinds of address can run code in a reader’s browser.'

/**
 * Whether a link's address is one a reader can follow safely. Browsers ignore tabs, line breaks
 * and leading spaces inside a scheme (`java\tscript:`), so those are taken out before reading it.
 */
export function isSafeLinkUrl(url: string): boolean {
  // eslint-disable-next-line no-control-regex
  const compact = url.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase()
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(compact)?.[1]
  return scheme === undefined || SCHEMES_ALLOWED.has(scheme)
}

/**
 * The admin's link drawer, telling an editor at once why an address is refused. Lexical runs a
 * link's own checks only for nodes that carry an id, which an API client can leave out, and
 * skips them on draft saves: the rich-text field's hook below is what holds.
 */
export const SafeLinkFeature = () =>
  LinkFeature({
    fields: ({ defaultFields }) =>
      defaultFields.map((field) => {
        if (field.name !== 'url' || field.type !== 'text' || field.hasMany) return field
        const payloadValidate = field.validate
        const validate: TextFieldSingleValidation = (value, options) => {
          if (typeof value === 'string' && value && !isSafeLinkUrl(value)) return LINK_REFUSED
          return payloadValidate ? payloadValidate(value, options) : true
        }
        return { ...field, validate }
      }),
  })

/** An editor's features with the default link feature replaced by the safe one. */
export function withSafeLinks<Feature extends { key: string }>(
  features: Feature[],
): (Feature | ReturnType<typeof SafeLinkFeature>)[] {
  return [...features.filter((feature) => feature.key !== 'link'), SafeLinkFeature()]
}

/** Every link in a rich-text value, nested editors in blocks included. */
function linkUrlsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) linkUrlsIn(item, found)
  } else if (value && typeof value === 'object') {
    const node = value as { type?: unknown; fields?: { url?: unknown } }
    if (
      (node.type === 'link' || node.type === 'autolink') &&
      typeof node.fields?.url === 'string'
    ) {
      found.push(node.fields.url)
    }
    for (const child of Object.values(value)) linkUrlsIn(child, found)
  }
  return found
}

/**
 * Lexical stores any address in a link; the public site drops unsafe ones when it draws a page,
 * but front ends read the API raw. Runs on every save, drafts included: a draft is stored and
 * previewed all the same.
 */
export const refuseUnsafeLinks: FieldHook = ({ value }) => {
  if (linkUrlsIn(value).some((url) => !isSafeLinkUrl(url))) {
    throw new APIError(LINK_REFUSED, 400, undefined, true)
  }
  return value
}
