type LexicalNode = { text?: unknown; children?: unknown; fields?: unknown; type?: unknown }

const BLOCK_TYPES = new Set(['paragraph', 'heading', 'quote', 'listitem', 'block'])

/** The words of a Lexical document (blocks' nested rich text included), for search indexing. */
export function richTextToPlainText(value: unknown): string {
  const parts: string[] = []
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return
    const { text, children, fields, type } = node as LexicalNode
    if (typeof text === 'string') parts.push(text)
    if (Array.isArray(children)) children.forEach(visit)
    if (fields && typeof fields === 'object') {
      for (const field of Object.values(fields)) {
        if (field && typeof field === 'object' && 'root' in field)
          visit((field as { root: unknown }).root)
      }
    }
    if (typeof type === 'string' && BLOCK_TYPES.has(type)) parts.push('\n')
  }
  if (value && typeof value === 'object' && 'root' in value)
    visit((value as { root: unknown }).root)
  return parts
    .join('')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim()
}
