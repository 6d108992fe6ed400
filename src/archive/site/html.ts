/** Markup that is already safe: built by `html` or by the rich-text converter, never raw input. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString() {
    return this.value
  }
}

type Content = SafeHtml | string | number | null | undefined | false | readonly Content[]

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

function render(value: Content): string {
  if (value instanceof SafeHtml) return value.value
  if (Array.isArray(value)) return value.map(render).join('')
  if (value === null || value === undefined || value === false) return ''
  return escapeHtml(String(value))
}

/**
 * A template whose every interpolation is escaped unless it is SafeHtml, so text from the
 * archive (titles, names, notes) can never become markup, in an attribute or outside one.
 */
export function html(strings: TemplateStringsArray, ...values: Content[]): SafeHtml {
  let out = strings[0]
  values.forEach((value, index) => {
    out += render(value) + strings[index + 1]
  })
  return new SafeHtml(out)
}

/** Trusted markup from the rich-text converter, which escapes text itself. */
export const trusted = (markup: string) => new SafeHtml(markup)
