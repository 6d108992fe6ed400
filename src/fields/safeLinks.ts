import type { FieldHook, TextFieldSingleValidation } from 'payload'

import { APIError, ValidationError } from 'payload'

import { LinkFeature } from '@payloadcms/richtext-lexical'

const SCHEMES_ALLOWED = new Set(['http', 'https', 'mailto', 'tel'])

export const LINK_REFUSED =
  'Links must start with https://, http://, mailto:, tel:, / or #: other kinds of address can run code in a reader’s browser.'

// The named character references that can help spell a scheme a browser reads: no other one
// HTML defines stands for an ASCII letter, and any left before a colon refuses the address.
const NAMED_REFERENCES: Record<string, string> = {
  colon: ':',
  tab: '\t',
  newline: '\n',
  amp: '&',
  nbsp: ' ',
}

/**
 * An address as a browser reads it out of an HTML attribute: numeric references (`&#106;`,
 * `&#x6A;`, with or without the semicolon, as browsers allow) and the named ones that matter.
 * Repeated until nothing changes, for a front end that decodes an already decoded value again.
 */
function decodeReferences(url: string): string {
  let decoded = url
  for (let round = 0; round < 5; round++) {
    const next = decoded.replace(
      /&#(x[0-9a-f]+|\d+);?|&([a-z][a-z0-9]*);?/gi,
      (whole, numeric: string | undefined, name: string | undefined) => {
        if (numeric !== undefined) {
          const code = /^x/i.test(numeric) ? parseInt(numeric.slice(1), 16) : parseInt(numeric, 10)
          return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd'
        }
        return NAMED_REFERENCES[(name ?? '').toLowerCase()] ?? whole
      },
    )
    if (next === decoded) break
    decoded = next
  }
  return decoded
}

/**
 * Whether a link's address is one a reader can follow safely: the one rule for every address
 * stored, rich-text links and address fields alike. Character references are decoded first
 * (`&#106;avascript:`, `javascript&colon;`), and browsers ignore tabs, line breaks and leading
 * spaces inside a scheme (`java\tscript:`), so those are taken out before reading it.
 */
export function isSafeLinkUrl(url: string): boolean {
  const compact = decodeReferences(url)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0020\u007f]/g, '')
    .toLowerCase()
  // A reference left undecoded before the scheme's colon could be one some reader decodes.
  const head = compact.split(/[/?#]/, 1)[0]
  if (head.slice(0, Math.max(head.indexOf(':'), 0)).includes('&')) return false
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

/**
 * An address field (a text field holding a web address): the same rule as links in rich text,
 * on every save. Payload runs a field's validation only when publishing, and a draft is stored
 * and previewed by front ends all the same.
 */
export const refuseUnsafeAddress: FieldHook = ({ collection, global, path, req, value }) => {
  if (typeof value === 'string' && value && !isSafeLinkUrl(value)) {
    throw new ValidationError({
      collection: collection?.slug,
      global: global?.slug,
      errors: [{ message: LINK_REFUSED, path: path.join('.') }],
      req,
    })
  }
  return value
}
